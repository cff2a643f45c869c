// Railway CLI: destructive subcommands (every alias), the environment they reach, `railway api`,
// and `railway run|ssh -- CMD` analysed in the -e environment.
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';
import type { CheckOptions, Finding } from '../../../src/types';

const OPTS: CheckOptions = { cwd: '/tmp/airlock-example-project' };
async function findings(line: string, opts: CheckOptions = {}): Promise<Finding[]> {
  return (await check(line, { ...OPTS, ...opts })).findings;
}
async function one(line: string, rule: string, opts: CheckOptions = {}): Promise<Finding> {
  const f = (await findings(line, opts)).find((x) => x.rule === rule);
  expect(f, `${line} -> ${rule}`).toBeDefined();
  return f!;
}

describe('railway CLI', () => {
  it('volume delete: every alias, the volume named, production whatever -e says', async () => {
    for (const line of ['railway volume delete --volume pg-data --yes', 'railway volumes rm -v pg-data -e staging -y', 'railway volume remove pg-data', 'railway -e staging volume delete --volume=pg-data']) {
      const f = await one(line, 'railway/cli-volume-delete');
      expect(f.resource).toBe('pg-data');
      expect(f.environment).toBe('production');
    }
  });

  it('project delete: rm/remove/delete at top level and under project', async () => {
    expect((await one('railway rm --yes', 'railway/cli-project-delete')).resource).toBe('the linked project');
    expect((await one('railway delete -p shop-prod -y', 'railway/cli-project-delete')).resource).toBe('shop-prod');
    expect((await one('railway project rm shop', 'railway/cli-project-delete')).resource).toBe('shop');
  });

  it('environment delete names the environment it deletes', async () => {
    const f = await one('railway env rm production --yes', 'railway/cli-environment-delete');
    expect(f.resource).toBe('production');
    expect(f.environment).toBe('production');
    expect((await one('railway environment delete pr-42', 'railway/cli-environment-delete')).environment).toBe('unknown');
  });

  it('service and function delete fan out to production', async () => {
    expect((await one('railway service delete -s api -e staging --yes', 'railway/cli-service-delete')).environment).toBe('production');
    expect((await one('railway fn rm --function cron --yes', 'railway/cli-service-delete')).resource).toBe('cron');
  });

  it('variable delete has no prompt of its own: confirmed with the key', async () => {
    const f = await one('railway vars rm DATABASE_URL -e production', 'railway/cli-destructive');
    expect(f.resource).toBe('DATABASE_URL');
    expect(f.environment).toBe('production');
  });

  it('takes the environment from RAILWAY_ENVIRONMENT when -e is absent', async () => {
    expect((await one('RAILWAY_ENVIRONMENT=staging railway down -y', 'railway/cli-destructive')).environment).toBe('staging');
    expect((await one('railway down -y', 'railway/cli-destructive', { env: { RAILWAY_ENVIRONMENT_ID: 'production' } })).environment).toBe('production');
    expect((await one('railway down -y', 'railway/cli-destructive')).environment).toBe('unknown');
  });

  it('backup removal is critical', async () => {
    for (const line of ['railway postgres pitr backup delete b1 -y', 'railway postgres pitr schedule set --none', 'railway postgres pitr disable']) {
      expect((await one(line, 'railway/cli-backup-removal')).severity).toBe('critical');
    }
  });

  it('other destructive subcommands', async () => {
    for (const line of ['railway domain rm api.example.com', 'railway tcp-proxy delete 5432', 'railway bucket delete -b assets -y', 'railway bucket credentials --reset -b assets', 'railway volume detach -v pg', 'railway volume -v pg files rm /data/base', 'railway templates unpublish tpl', 'railway sbx destroy --id s1', 'railway ssh keys remove k1', 'railway config apply --yes --confirm-destructive', 'railway environment edit --service-config api isDeleted true', 'railway scale us-west=0', 'railway postgres pitr backup restore b1 -y']) {
      expect((await findings(line)).map((f) => f.rule), line).toContain('railway/cli-destructive');
    }
  });

  it('allows read-only and routine subcommands', async () => {
    for (const line of ['railway status', 'railway logs --service web', 'railway volume list', 'railway variable list', 'railway variables --set FEATURE_FLAG=true', 'railway env', 'railway link', 'railway redeploy -y', 'railway up', 'railway connect postgres', 'railway shell']) {
      expect((await check(line, OPTS)).decision, line).toBe('allow');
    }
  });

  it('confirms an unknown subcommand', async () => {
    expect((await check('railway $CMD --yes', OPTS)).decision).toBe('confirm');
  });

  it('confirms connection variables overwritten from the CLI', async () => {
    expect((await one('railway variables --set DATABASE_URL=postgres://x', 'railway/cli-connection-overwrite')).resource).toBe('DATABASE_URL');
  });
});

describe('railway api', () => {
  it('parses the document like a curl body', async () => {
    const f = await one('railway api \'mutation { volumeDelete(volumeId: "v1") }\'', 'railway/graphql-volume-delete');
    expect(f.resource).toBe('v1');
    expect((await check('railway api \'query { me { name } }\'', OPTS)).decision).toBe('allow');
  });

  it('takes variables from --variables', async () => {
    const f = await one('railway api \'mutation($id: String!) { serviceDelete(id: $id) }\' --variables \'{"id":"s9"}\'', 'railway/graphql-service-delete');
    expect(f.resource).toBe('s9');
  });

  it('confirms a document known only at run time', async () => {
    expect((await check('railway api "$DOC"', OPTS)).decision).toBe('confirm');
  });
});

describe('railway run / ssh', () => {
  it('analyses the inner command and places it in the -e environment', async () => {
    const r = await check("railway run -e production -- curl -X DELETE -H 'Authorization: Bearer x' https://api.example.com/items/1", OPTS);
    const f = r.findings.find((x) => x.rule === 'http/delete-authenticated');
    expect(f?.environment).toBe('production');
  });

  it('walls a staging session off from railway run -e production', async () => {
    const r = await check("railway run -e production -- curl -X DELETE -H 'Authorization: Bearer x' https://api.example.com/items/1", { ...OPTS, sessionEnvironment: 'staging' });
    expect(r.decision).toBe('deny');
  });

  it('finds destructive Railway calls run through railway run without --', async () => {
    const f = await one('railway run -e staging railway volume delete -v pg', 'railway/cli-volume-delete');
    expect(f.resource).toBe('pg');
  });

  it('allows harmless inner commands', async () => {
    expect((await check('railway run -e production echo ready', OPTS)).decision).toBe('allow');
    expect((await check('railway ssh -e production -- ls /data', OPTS)).decision).toBe('allow');
  });

  it('confirms database input through railway connect', async () => {
    expect((await one('railway connect postgres -e production <<< "DROP TABLE users"', 'railway/cli-connect-stdin')).environment).toBe('production');
  });
});
