// Attack 3: what runs is not what was checked. A script appending to itself, a script written
// and run on one line, a script swapped while the human approves it.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { BIN, TIMEOUT, expectBlocked, expectIntact, sandbox, script, shell } from './helpers';
import { bundle, waitUntil } from '../gate/helpers';

describe('attack 3: what runs is what was checked', () => {
  it('a script that appends a destructive line to itself is judged with that write', () => {
    const sb = sandbox();
    script(sb, 'self-append.sh');
    expectBlocked(shell(sb, 'bash self-append.sh'));
    expectBlocked(shell(sb, 'source self-append.sh'));
    expectIntact(sb);
  }, TIMEOUT);

  it('a script written and run on one line is judged by what was written', () => {
    const sb = sandbox();
    expectBlocked(shell(sb, "printf 'rm -rf ./victim; stub y\\n' > y.sh; bash y.sh"));
    expectBlocked(shell(sb, 'curl -s http://127.0.0.1:9/x > z.sh; bash z.sh'));
    expectIntact(sb);
  }, TIMEOUT);

  it('a script swapped after the human approved it does not run', async () => {
    const sb = sandbox();
    const file = script(sb, 'needs-approval.sh');
    // The "human" approves (a stand-in in a PTY); at that moment a background job swaps the script.
    const env = { ...sb.env, SWAP_TARGET: file, SWAP_WITH: path.join(__dirname, 'scripts', 'swapped.sh') };
    const approver = pty.spawn(process.execPath, [bundle(path.join(__dirname, 'fixtures', 'swapping-approver.ts'))], { cwd: sb.root, env, cols: 120, rows: 30 });
    let screen = '';
    approver.onData((d) => (screen += d));
    try {
      await waitUntil(() => screen.includes('FAKE READY'), () => screen);
      const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, [BIN, '-c', 'bash needs-approval.sh'], { cwd: sb.project, env: sb.env, stdio: ['pipe', 'pipe', 'pipe'] });
        let stderr = '';
        p.stderr.on('data', (d) => (stderr += d));
        p.stdin.end();
        p.on('close', (status) => resolve({ status, stderr }));
      });
      expect(screen).toContain('SWAPPED');
      expect(r.status, r.stderr).toBe(126);
      expect(r.stderr).toMatch(/changed after airlock checked/);
    } finally {
      approver.kill();
    }
    expectIntact(sb);
  }, TIMEOUT);
});
