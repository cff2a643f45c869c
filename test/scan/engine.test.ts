// The engine describes a credential file a command reads with the scanner's detectors: which
// provider, which variable, masked. That text is the finding's reason, which the agent and the
// approver both see.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/engine';

const TOKEN = '7f3a9c2e-1b4d-4e8f-a6c5-d0e9f8b7a6c5';
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-scan-engine-'));
  fs.mkdirSync(path.join(dir, 'ops/dns'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'ops/dns/cloudflare-sync.env'), `CLOUDFLARE_ZONE_ID=0c1d2e3f4a5b6c7d8e9f\nRAILWAY_TOKEN=${TOKEN}\n`);
  fs.mkdirSync(path.join(dir, 'home/.aws'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'home/.aws/credentials'), '[prod]\naws_access_key_id = AKIAQWERTYUIOPASDFGH\naws_secret_access_key = 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\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('engine: what a read credential file reveals', () => {
  it('reading the file names the provider, variable and line, masked', async () => {
    const r = await check('cat ops/dns/cloudflare-sync.env', { cwd: dir, env: { HOME: path.join(dir, 'home') } });
    expect(r.decision).toBe('confirm');
    const f = r.findings.find((x) => x.rule === 'credentials/dotenv-read')!;
    expect(f.reason).toMatch(/railway API token RAILWAY_TOKEN 7f3a…#[0-9a-f]{8} \(line 2\)/);
    expect(JSON.stringify(r.findings)).not.toContain(TOKEN);
    expect(JSON.stringify(r.facts)).not.toContain(TOKEN.slice(4));
  });

  it('a token store names its profile', async () => {
    const r = await check('cat ~/.aws/credentials', { cwd: dir, env: { HOME: path.join(dir, 'home') } });
    expect(r.findings.find((x) => x.rule === 'credentials/token-store-read')!.reason).toMatch(/aws secret access key \[prod\] aws_secret_access_key Zx9w…#[0-9a-f]{8}/);
  });

  it('a credential dug out of the file and sent says which one and where it was found', async () => {
    const r = await check('T=$(grep RAILWAY_TOKEN ops/dns/cloudflare-sync.env | cut -d= -f2); curl -H "Authorization: Bearer $T" https://backboard.railway.app/graphql/v2 -d \'{"query":"query { me { id } }"}\'', { cwd: dir, env: {} });
    const f = r.findings.find((x) => x.rule === 'credentials/extracted-token-use')!;
    expect(f.reason).toMatch(/out of ops\/dns\/cloudflare-sync\.env \(dotenv: railway API token RAILWAY_TOKEN 7f3a…#[0-9a-f]{8} \(line 2\)\)/);
  });

  it('a token typed on a later line is traced to the file it came from, for the human', async () => {
    // The incident in two calls: the agent read the file in one, pastes the token in the next.
    const line = `curl -H "Authorization: Bearer ${TOKEN}" https://backboard.railway.app/graphql/v2 -d '{"query":"mutation { volumeDelete(volumeId: \\"3d2c42fb-8a1e-4c7b-9f3e-5b6a7c8d9e0f\\") }"}'`;
    const r = await check(line, { cwd: dir, env: {} });
    expect(r.decision).not.toBe('allow');
    const flagged = r.findings.filter((f) => f.decision !== 'allow');
    expect(flagged.length).toBeGreaterThan(0);
    for (const f of flagged) expect(f.notes).toEqual([expect.stringMatching(/uses the railway API token 7f3a…#[0-9a-f]{8}, found in ops\/dns\/cloudflare-sync\.env line 2/)]);
    expect(JSON.stringify(flagged.map((f) => f.notes))).not.toContain(TOKEN.slice(4));
  });

  it('after a scan, the index places a token even outside the directory it was found in', async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-scan-index-'));
    const { scan } = await import('../../src/scan/scan');
    const { writeIndex } = await import('../../src/scan/known');
    const result = await scan({ paths: [dir], env: {} });
    writeIndex(result.credentials, result.roots, { AIRLOCK_STATE_DIR: state });
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-scan-elsewhere-'));
    const r = await check(`curl -H "X-Railway-Token: ${TOKEN}" -X DELETE https://api.example.com/v1/volumes/vol-1`, { cwd: elsewhere, env: { AIRLOCK_STATE_DIR: state } });
    const notes = r.findings.flatMap((f) => f.notes ?? []);
    expect(notes).toEqual([expect.stringContaining(`found in ${path.join(dir, 'ops/dns/cloudflare-sync.env')} line 2`)]);
    expect(fs.readFileSync(path.join(state, 'scan-index.json'), 'utf8')).not.toContain(TOKEN.slice(4));
  });

  it('a harmless line with a token on it stays allowed and quiet', async () => {
    const r = await check(`curl -H "Authorization: Bearer ${TOKEN}" https://backboard.railway.app/graphql/v2 -d '{"query":"query { me { id } }"}'`, { cwd: dir, env: {} });
    expect(r.findings.filter((f) => f.decision !== 'allow').flatMap((f) => f.notes ?? [])).toEqual(r.decision === 'allow' ? [] : expect.anything());
    expect(r.decision).toBe('allow');
  });

  it('an unreadable or absent file keeps the plain message', async () => {
    const r = await check('cat .env.production', { cwd: dir, env: {} });
    expect(r.findings.find((x) => x.rule === 'credentials/dotenv-read')!.reason).toContain('whatever credentials it holds');
  });
});
