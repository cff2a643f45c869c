// escalation.json is read, changed and written under a lock: several airlock processes recording
// denials and counting prompts at the same time lose none of them.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-esc-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const WRITER = `
import { countPrompt, recordDenial } from ${JSON.stringify(path.resolve(__dirname, '../../src/escalation/index.ts'))};
const [who, n] = [process.argv[2], Number(process.argv[3])];
for (let i = 0; i < n; i++) {
  recordDenial('s-' + who, 'DROP TABLE t' + i, [{ rule: 'postgres/drop', resource: 't' + i, decision: 'confirm', severity: 'critical', reason: '', environment: 'production', command: '' }], who + '-' + i);
  countPrompt('one-session');
}
`;

function runWriter(bundle: string, who: string, n: number, env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bundle, who, String(n)], { env, stdio: 'ignore' });
    p.on('close', resolve);
  });
}

describe('escalation state under concurrent writers', () => {
  it('4 processes x 25 denials and prompts: all 100 of each are kept', async () => {
    const src = path.join(dir, 'writer.ts');
    fs.writeFileSync(src, WRITER);
    const bundle = path.join(dir, 'writer.cjs');
    await build({ entryPoints: [src], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, packages: 'external', logLevel: 'silent' });
    const state = path.join(dir, 'state');
    const env = { ...process.env, AIRLOCK_STATE_DIR: state, AIRLOCK_CONFIG_DIR: path.join(dir, 'config') };
    const codes = await Promise.all(['a', 'b', 'c', 'd'].map((w) => runWriter(bundle, w, 25, env)));
    expect(codes).toEqual([0, 0, 0, 0]);
    const s = JSON.parse(fs.readFileSync(path.join(state, 'escalation.json'), 'utf8')) as { denials: { requestId: string }[]; prompts: Record<string, number> };
    expect(new Set(s.denials.map((d) => d.requestId)).size).toBe(100);
    expect(s.prompts['one-session']).toBe(100);
    expect(fs.existsSync(path.join(state, 'escalation.json.lock'))).toBe(false);
  }, 60_000);
});
