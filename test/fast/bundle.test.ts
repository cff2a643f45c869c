// The built fast bundle (dist/fast.cjs) must answer harmless hook lines itself: its heavy-module
// stubs once caught the light families too (`../analyzers/self` has no trailing slash), and every
// line silently fell through to the full check.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const bundle = path.join(__dirname, '..', '..', 'dist', 'fast.cjs');

/** What run(['hook', 'claude-code']) resolved to for `command`: 'null' means "the full check". */
function fastHook(command: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-fast-bundle-'));
  try {
    fs.mkdirSync(path.join(dir, 'work'));
    const input = JSON.stringify({ session_id: 't', cwd: path.join(dir, 'work'), hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(bundle)}).run(['hook', 'claude-code']).then((r) => process.stderr.write('RESULT=' + r))`], {
      input,
      env: { PATH: process.env.PATH, HOME: dir, AIRLOCK_STATE_DIR: path.join(dir, 'state'), AIRLOCK_CONFIG_DIR: path.join(dir, 'config'), AIRLOCK_RUNTIME_DIR: path.join(dir, 'run') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return /RESULT=(\S+)/.exec(r.stderr)?.[1] ?? `no result: ${r.stderr}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('dist/fast.cjs', () => {
  it('answers harmless lines without the full check', () => {
    for (const line of ['ls -la', 'git status --short 2>&1 | head -5', 'git commit -m "fix: x"', "grep -rn 'foo' . >/dev/null"]) expect(fastHook(line), line).toBe('0');
  }, 120_000);

  it('hands anything else to the full check', () => {
    for (const line of ['git push --force origin main', 'echo "$HOME"', 'ls > out.txt', 'psql -c "select 1"', 'bash', 'sh -s']) expect(fastHook(line), line).toBe('null');
  }, 120_000);
});
