// The gate through the replacement shell, with the real CLI on both sides: `airlock approver` in a
// PTY (the human's terminal) and `airlock -c` as the agent runs it (pipes, no TTY).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyProc, TEST_TIMEOUT, cleanup, procs, testEnv, tmpDir, type Env } from '../gate/helpers';

const AIRLOCK = path.join(__dirname, '..', '..', 'bin', 'airlock');
afterEach(() => cleanup());

async function startApprover(env: Env): Promise<PtyProc> {
  const p = new PtyProc(process.execPath, [AIRLOCK, 'approver'], env);
  procs.push(p);
  await p.waitFor('Waiting for requests');
  return p;
}

/** `airlock -c LINE` in `cwd`, stdin/stdout/stderr pipes. */
function agentRun(line: string, cwd: string, env: Env): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [AIRLOCK, '-c', line], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.stdin.end();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err, ms: Date.now() - started })));
}

/** A project with a data directory that `rm -rf data` (files/delete-project-path) would destroy. */
function project(): string {
  const dir = tmpDir('airlock-proj-');
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'rows.csv'), 'id\n1\n');
  return dir;
}

const LINE = 'rm -rf data; echo ran; exit 7';

describe('airlock -c waiting for the approver', () => {
  it('runs the command, with its real exit code, once the human types the resource name', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const dir = project();
    const run = agentRun(LINE, dir, env);
    await ap.waitFor('Type data to approve');
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(true); // waiting: nothing has run
    ap.type('data');
    const r = await run;
    expect(r.code).toBe(7);
    expect(r.out).toBe('ran\n');
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  }, TEST_TIMEOUT);

  it('never runs any of it after a wrong name', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const dir = project();
    const run = agentRun(LINE, dir, env);
    await ap.waitFor('Type data to approve');
    ap.type('dat');
    const r = await run;
    expect(r.code).toBe(126);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/denied this/);
    expect(fs.existsSync(path.join(dir, 'data', 'rows.csv'))).toBe(true);
  }, TEST_TIMEOUT);

  it('without an approver: a prompt non-zero exit that names `airlock approver`', async () => {
    // A 60 s approval timeout: returning long before it shows the denial did not wait for a human.
    const env = { ...testEnv(), AIRLOCK_APPROVAL_TIMEOUT: '60' };
    const dir = project();
    const r = await agentRun(LINE, dir, env);
    expect(r.code).toBe(126);
    expect(r.err).toContain('airlock approver');
    expect(r.out).toBe('');
    expect(fs.existsSync(path.join(dir, 'data', 'rows.csv'))).toBe(true);
    // Behaviour, not speed: it did not sit out the approval timeout. (The issue's "within a
    // second" is a start-up figure, measured by `npm run bench`, not asserted on a noisy CI box.)
    expect(r.ms).toBeLessThan(30_000);
  }, TEST_TIMEOUT);
});
