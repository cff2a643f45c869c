// Environment walls, credential hygiene and self-protection through the real binary.
// The session is declared by the human: --env / AIRLOCK_ENV, or `session:` in the user config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { airlock, buildAirlock, cleanup, explain, world, write, type World } from './rules-helpers';

let bin: string;
let w: World;
beforeAll(() => {
  bin = buildAirlock();
  w = world();
});
afterAll(cleanup);

const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -H "Content-Type: application/json" -d '{"query":"mutation { volumeDelete(volumeId: \\"3f1c-vol\\") }"}'`;
const staging = ['--env', 'staging'];

describe('environment walls (session declared staging)', () => {
  it('a read on a staging host is allowed; a destructive one is confirmed, not denied', () => {
    expect(explain(bin, w, `psql -h staging-db.internal -c 'select 1'`, staging).decision).toBe('allow');
    const drop = explain(bin, w, `psql -h staging-db.internal -c 'drop table users'`, staging);
    expect(drop.decision).toBe('confirm');
    expect(drop.findings.every((f) => !f.wall)).toBe(true);
  });

  it('the same statements to a production host are denied, naming the wall', () => {
    for (const sql of ['select 1', 'drop table users']) {
      const r = explain(bin, w, `psql -h prod-db.example.com -c '${sql}'`, staging);
      expect(r.decision).toBe('deny');
      const wall = r.findings.find((f) => f.rule === 'core/environment-wall')!;
      expect(wall.wall).toBe('staging -> production');
      expect(wall.reason).toContain('Environment wall staging -> production');
    }
  });

  it('a host that names no environment is production-like (unknown), and "product" is not "prod"', () => {
    const r = explain(bin, w, `psql -h product-db.internal -c 'select 1'`, staging);
    expect(r.decision).toBe('deny');
    expect(r.findings[0]!.environment).toBe('unknown');
    expect(explain(bin, w, `psql -h localhost -c 'select 1'`, staging).decision).toBe('allow');
  });

  it('the PocketOS curl (railway volumeDelete through the GraphQL API) is denied', () => {
    const r = explain(bin, w, POCKETOS, staging);
    expect(r.decision).toBe('deny');
    expect(r.rules).toContain('railway/graphql-volume-delete');
    expect(r.findings.find((f) => f.rule === 'railway/graphql-volume-delete')!.wall).toBe('staging -> production');
    // Without a session it still needs a human.
    expect(explain(bin, w, POCKETOS).decision).toBe('confirm');
  });

  it('AIRLOCK_ENV declares the session like --env', () => {
    expect(explain(bin, w, `psql -h prod-db.example.com -c 'select 1'`, [], { AIRLOCK_ENV: 'staging' }).decision).toBe('deny');
  });

  it('the user config declares the session; a project layer cannot', () => {
    const u = world();
    write(path.join(u.config, 'config.yaml'), 'session:\n  environment: staging\n');
    const r = explain(bin, u, `psql -h prod-db.example.com -c 'select 1'`);
    expect(r.decision).toBe('deny');
    expect(r.findings[0]!.wall).toBe('staging -> production');
    expect(airlock(bin, u, ['rules', 'list']).stdout).toMatch(/session environment staging/);
    const p = world();
    write(path.join(p.project, '.airlock', 'config.yaml'), 'session:\n  environment: staging\n');
    expect(explain(bin, p, `psql -h prod-db.example.com -c 'select 1'`).decision).toBe('allow');
  });

  it('user-declared environments place hosts (merged with the defaults)', () => {
    const u = world();
    write(path.join(u.config, 'envs.yaml'), `environments:\n  staging: { hosts: ['db1.acme.internal'] }\n  production: { hosts: ['db9.acme.internal'] }\n`);
    expect(explain(bin, u, `psql -h db1.acme.internal -c 'select 1'`, staging).decision).toBe('allow');
    expect(explain(bin, u, `psql -h db9.acme.internal -c 'select 1'`, staging).findings[0]!.environment).toBe('production');
  });
});

describe('credentials', () => {
  it('reading token stores and secret files needs a human', () => {
    for (const line of ['cat ~/.railway/config.json', 'less ~/.aws/credentials', 'head ~/.netrc', 'cat ~/.pgpass', 'cat ~/.ssh/id_rsa', 'cp ~/.kube/config /tmp/k', 'base64 .env.production']) {
      expect(explain(bin, w, line).decision, line).toBe('confirm');
    }
    expect(explain(bin, w, 'cat .env.example').decision).toBe('allow');
  });

  it('recursive greps for tokens need a human', () => {
    for (const line of ['grep -r TOKEN /etc', "rg -i 'api[_-]?key' ~/.config", 'grep -ri railway_token ~']) expect(explain(bin, w, line).rules, line).toContain('credentials/secret-search');
    expect(explain(bin, w, 'grep -r useEffect src').rules).not.toContain('credentials/secret-search');
  });

  it('a credential extracted by the same line and used in an auth header is denied', () => {
    const r = explain(bin, w, 'T=$(jq -r .user.token ~/.railway/config.json); curl -H "Authorization: Bearer $T" https://backboard.railway.app/graphql/v2 -d "{}"');
    expect(r.decision).toBe('deny');
    expect(r.rules).toContain('credentials/extracted-token-use');
  });

  it('shows the environment the token is bound to, and walls it', () => {
    const line = 'RAILWAY_TOKEN=$(grep RAILWAY_TOKEN .env.production | cut -d= -f2) railway up';
    const r = explain(bin, w, line, staging);
    const use = r.findings.find((f) => f.rule === 'credentials/extracted-token-use')!;
    expect(use.environment).toBe('production');
    expect(use.reason).toContain('.env.production');
    expect(r.findings.find((f) => f.rule === 'credentials/dotenv-read')!.environment).toBe('production');
    expect(r.findings.some((f) => f.wall === 'staging -> production')).toBe(true);
    const sourced = explain(bin, w, 'source .env.staging && railway up', staging);
    expect(sourced.findings.find((f) => f.rule === 'credentials/dotenv-into-tool')!.environment).toBe('staging');
  });
});

describe('self-protection', () => {
  it('denies running the approver however spelled', () => {
    for (const line of ['airlock approver', 'npx airlock approver', '/usr/local/bin/airlock approver', 'node dist/airlock.cjs approver', "bash -c 'airlock approver'"]) {
      const r = explain(bin, w, line);
      expect(r.decision, line).toBe('deny');
      expect(r.rules, line).toContain('airlock/approver');
    }
  });

  it("denies editing airlock's config, state, hooks, and uninstalling it", () => {
    for (const line of ['rm -rf ~/.config/airlock', "sed -i 's/deny/allow/' ~/.config/airlock/config.yaml", 'echo {} > ~/.claude/settings.json', 'truncate -s0 ~/.local/state/airlock/audit.jsonl', 'mv ~/.cursor/hooks.json /tmp', 'airlock uninstall']) {
      expect(explain(bin, w, line).decision, line).toBe('deny');
    }
    expect(explain(bin, w, 'cat ~/.config/airlock/config.yaml').decision).toBe('allow');
  });

  it('denies setting or unsetting AIRLOCK_* variables', () => {
    for (const line of ['export AIRLOCK_ENV=production', 'unset AIRLOCK_GUARDED', 'AIRLOCK_SHELL=/bin/bash bash', 'env -u AIRLOCK_GUARDED sh']) {
      const r = explain(bin, w, line);
      expect(r.decision, line).toBe('deny');
      expect(r.rules, line).toContain('airlock/env-tamper');
    }
    expect(explain(bin, w, 'echo $AIRLOCK_ENV').decision).toBe('allow');
  });
});
