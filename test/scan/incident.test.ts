// The incident's layout, scanned: a Railway account token made for custom domains in
// ops/dns/cloudflare-sync.env of a staging project, a .env and AWS credentials in the home.
// Online runs ask local stand-ins (127.0.0.1) only. No planted value may appear anywhere.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Sarif from 'sarif';
import { airlock, baseEnv, removeTmpDirs, tmpDir, type Env } from '../e2e/support/proc';
import { startRailwayStandIn, type StandIn } from '../e2e/support/railway-standin';
import { startProvidersStandIn, type ProvidersStandIn } from './support/providers-standin';

const RAILWAY_TOKEN = '7f3a9c2e-1b4d-4e8f-a6c5-d0e9f8b7a6c5';
const DB_PASSWORD = 'Pr0d-Passw0rd-9f8e7d';
const STRIPE = 'sk_live_51HxYzAbCdEfGhIjKlMnOpQrStU';
const AWS_KEY_ID = 'AKIAQWERTYUIOPASDFGH';
const AWS_SECRET = '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';
const GH = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5';
const PLANTED = [RAILWAY_TOKEN, DB_PASSWORD, STRIPE, AWS_SECRET, GH];

let root: string;
let repo: string;
let home: string;
let railway: StandIn;
let providers: ProvidersStandIn;
const outputs: string[] = [];

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeAll(async () => {
  root = tmpDir('airlock-scan-incident-');
  repo = path.join(root, 'carrental');
  home = path.join(root, 'home');
  write(path.join(repo, 'README.md'), '# carrental\n');
  write(path.join(repo, 'server.js'), "// staging task: fix the booking export\nconsole.log('carrental');\n");
  write(path.join(repo, '.gitignore'), '.env*\n*.env\n');
  write(path.join(repo, '.env.staging'), 'DATABASE_URL=postgres://app@staging-db.internal:5432/carrental_staging\nRAILWAY_ENVIRONMENT=staging\n');
  write(path.join(repo, 'ops/dns/cloudflare-sync.env'), `# Cloudflare <-> Railway custom-domain sync (cron). Token created for managing custom domains.\nCLOUDFLARE_ZONE_ID=0c1d2e3f4a5b6c7d8e9f\nRAILWAY_TOKEN=${RAILWAY_TOKEN}\n`);
  execFileSync('git', ['init', '-q', repo]);
  execFileSync('git', ['-C', repo, 'add', 'README.md', 'server.js', '.gitignore']);
  write(path.join(home, '.env'), `DATABASE_URL=postgres://app:${DB_PASSWORD}@prod-db.carrental.internal:5432/carrental_production\nSTRIPE_SECRET_KEY=${STRIPE}\n`);
  write(path.join(home, '.aws/credentials'), `[default]\naws_access_key_id = ${AWS_KEY_ID}\naws_secret_access_key = ${AWS_SECRET}\n`);
  railway = await startRailwayStandIn([{ value: RAILWAY_TOKEN, label: 'custom domains', kind: 'account' }]);
  providers = await startProvidersStandIn({ aws: { keyId: AWS_KEY_ID, arn: 'arn:aws:iam::123456789012:user/deploy', account: '123456789012' }, github: { token: GH, login: 'ops-bot', scopes: 'repo, delete_repo' } });
});

afterAll(async () => {
  await railway?.close();
  await providers?.close();
  removeTmpDirs();
});

function env(extra: Env = {}): Env {
  return { ...baseEnv(), HOME: home, NO_COLOR: '1', AIRLOCK_STATE_DIR: path.join(root, 'state'), AIRLOCK_CONFIG_DIR: path.join(root, 'config'), AIRLOCK_RUNTIME_DIR: path.join(root, 'run'), ...extra };
}

function online(extra: Env = {}): Env {
  return env({
    ...providers.env,
    AIRLOCK_SCAN_ENDPOINT_RAILWAY: `https://127.0.0.1:${railway.port}/graphql/v2`,
    AIRLOCK_SCAN_CA_FILE: [providers.certFile, railway.certFile].join(path.delimiter),
    AIRLOCK_SCAN_ENDPOINTS_ONLY: '1',
    ...extra,
  });
}

async function scan(args: string[], e: Env) {
  const r = await airlock(['scan', ...args], { env: e, cwd: repo });
  outputs.push(r.stdout, r.stderr);
  return r;
}

describe('airlock scan on the incident layout', () => {
  it('reports the Railway token, the home .env and the AWS credentials with provider and location; --env staging exits 1', async () => {
    const r = await scan(['--home', '--env', 'staging'], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/railway API token\s+7f3a…#[0-9a-f]{8}\n\s+where:\s+ops\/dns\/cloudflare-sync\.env:3 \(git-ignored\)\s+\(RAILWAY_TOKEN\)/);
    expect(r.stdout).toContain('~/.aws/credentials:3');
    expect(r.stdout).toContain('~/.env:1');
    expect(r.stdout).toMatch(/error\s+railway API token .* in ops\/dns\/cloudflare-sync\.env:3 is reachable from a staging session/);
    expect(r.stdout).toMatch(/error\s+postgres .* in ~\/\.env:1 .* belongs to production/);
    // The staging .env holds no password: nothing to report there.
    expect(r.stdout).not.toContain('.env.staging');
  });

  it('online, against the stand-ins: the token can delete volumes in every environment; only read-only queries are sent', async () => {
    const sarifFile = path.join(root, 'scan.sarif');
    const r = await scan(['--home', '--environ', '--env', 'staging', '--online', '--json', '--sarif', sarifFile], online({ GITHUB_TOKEN: GH }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { credentials: { provider: string; location: { path?: string; variable?: string; source: string }; environment: string; capability?: { summary: string; broad: boolean; identity?: string } }[]; wall: { ok: boolean; findings: { level: string; message: string }[] } };
    const token = out.credentials.find((c) => c.provider === 'railway')!;
    expect(token.location).toMatchObject({ source: 'tree', path: 'ops/dns/cloudflare-sync.env', variable: 'RAILWAY_TOKEN', ignored: true });
    expect(token.capability).toMatchObject({ broad: true, identity: 'ops@carrental.example' });
    expect(token.capability!.summary).toContain('can delete volumes in every environment');
    const aws = out.credentials.find((c) => c.provider === 'aws')!;
    expect(aws.capability?.identity).toBe('arn:aws:iam::123456789012:user/deploy');
    const gh = out.credentials.find((c) => c.location.source === 'environ')!;
    expect(gh).toMatchObject({ provider: 'github', location: { variable: 'GITHUB_TOKEN' } });
    expect(gh.capability?.summary).toContain('can delete repositories');
    expect(out.wall.ok).toBe(false);
    expect(out.wall.findings.find((f) => f.message.includes('cloudflare-sync.env'))?.message).toMatch(/reaches every environment .*production included/);
    expect(railway.requests.length).toBeGreaterThan(0);
    expect(railway.requests.every((q) => q.operation === 'query')).toBe(true);
    expect(fs.existsSync(railway.volumeDir)).toBe(true);

    const sarifText = fs.readFileSync(sarifFile, 'utf8');
    outputs.push(sarifText);
    const sarif = JSON.parse(sarifText) as Sarif.Log;
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    const rules = run.tool.driver.rules!;
    for (const res of run.results!) {
      expect(rules[res.ruleIndex!]!.id).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text).toBeTruthy();
    }
    const hit = run.results!.find((x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'ops/dns/cloudflare-sync.env')!;
    expect(hit).toMatchObject({ ruleId: 'airlock/scan/wall-broad', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } } }] });
    expect(run.originalUriBaseIds!['%SRCROOT%']!.uri).toMatch(/^file:\/\/\/.*\/carrental\/$/);
  });

  it('the text report says what the token can do', async () => {
    const r = await scan(['--home', '--online'], online());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/can do:\s+Railway account token: .*can delete volumes in every environment/);
  });

  it('no planted value appears in any output, report or file airlock wrote', () => {
    const written = fs.existsSync(path.join(root, 'state')) ? fs.readdirSync(path.join(root, 'state'), { recursive: true }).map(String).map((f) => path.join(root, 'state', f)).filter((f) => fs.statSync(f).isFile()).map((f) => fs.readFileSync(f, 'utf8')) : [];
    const all = [...outputs, ...written].join('\n');
    expect(outputs.length).toBeGreaterThanOrEqual(7);
    for (const v of PLANTED) {
      expect(all.includes(v), `planted value ${v.slice(0, 4)}… leaked`).toBe(false);
      // Nor any 8-character piece past the shown prefix.
      for (let i = 4; i + 8 <= v.length; i += 4) expect(all.includes(v.slice(i, i + 8))).toBe(false);
    }
  });
});
