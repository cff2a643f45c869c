import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';
import { OPTS, rules } from '../kubernetes/helpers';

describe('platforms', () => {
  it('fly: the app comes from -a or fly.toml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-fly-'));
    writeFileSync(join(dir, 'fly.toml'), 'app = "shop-prod"\nprimary_region = "ams"\n');
    const r = await check('fly apps destroy --yes', { cwd: dir, env: {} });
    expect(r.findings[0]).toMatchObject({ rule: 'platforms/app-destroy', resource: 'shop-prod', environment: 'production' });
    expect((await check('fly volumes destroy vol_123 -a shop-staging -y', OPTS)).findings[0]).toMatchObject({ rule: 'platforms/volume-destroy', resource: 'vol_123', environment: 'staging' });
  });

  it('heroku: colon and space forms', async () => {
    expect(await rules('heroku pg:backups:delete b101 -a shop')).toContain('platforms/backup-delete');
    expect(await rules('heroku pg backups delete b101 -a shop')).toContain('platforms/backup-delete');
    const r = await check('heroku pg:reset DATABASE_URL -a shop-prod --confirm shop-prod', OPTS);
    expect(r.findings[0]).toMatchObject({ rule: 'platforms/database-destroy', resource: 'shop-prod', environment: 'production' });
  });

  it('supabase: local reset is medium, --linked is critical', async () => {
    const local = await check('supabase db reset', OPTS);
    expect(local.findings.map((f) => [f.rule, f.severity])).toEqual([['platforms/supabase-db-reset-local', 'medium']]);
    const linked = await check('npx supabase db reset --linked', OPTS);
    expect(linked.findings.map((f) => [f.rule, f.severity])).toEqual([['platforms/supabase-db-reset-remote', 'critical']]);
  });

  it('neon, planetscale, vercel, netlify', async () => {
    expect(await rules('neonctl branches delete br-main-123 --project-id p1')).toContain('platforms/database-destroy');
    expect(await rules('pscale branch delete shop main --force')).toContain('platforms/database-destroy');
    expect(await rules('vercel project rm shop')).toContain('platforms/app-destroy');
    expect(await rules('netlify sites:delete abc --force')).toContain('platforms/app-destroy');
    for (const line of ['vercel deploy --prod', 'neonctl branches list', 'pscale database list', 'fly deploy', 'heroku logs --tail -a shop', 'supabase start']) expect(await rules(line), line).toEqual([]);
  });
});

describe('commands run on the platform', () => {
  it('heroku run and fly ssh console -C analyse the inner command with the app as target', async () => {
    const r = await check('heroku run -a shop-prod rails db:drop', OPTS);
    expect(r.findings[0]).toMatchObject({ rule: 'orm/database-reset', environment: 'production', command: 'heroku run -a shop-prod rails db:drop' });
    const f = await check("fly ssh console -a shop -C 'redis-cli flushall'", OPTS);
    expect(f.findings[0]).toMatchObject({ rule: 'datastores/redis-flush', environment: 'unknown' });
    expect(await rules('heroku run -a shop rails console')).toEqual([]);
  });
});
