// Attack rig (issue 14, default mode): each attack runs as the agent would, through `airlock -c`
// (stdin a pipe, as harnesses run it) or a harness hook, inside a temp sandbox holding a
// ./victim directory and a `stub` program that records every call. An attack fails when the
// victim is intact and the stub was never called. Attack scripts are files in ./scripts, copied in.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect } from 'vitest';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = process.env.AIRLOCK_TEST_BIN ? path.resolve(process.env.AIRLOCK_TEST_BIN) : path.join(ROOT, 'bin', 'airlock');
export const TIMEOUT = 60_000;
const SCRIPTS = path.join(__dirname, 'scripts');

const made: string[] = [];
afterAll(() => {
  while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true });
});

export interface Sandbox {
  root: string;
  home: string;
  project: string;
  env: Record<string, string>;
  calls: string;
}

export function sandbox(): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-attack-'));
  made.push(root);
  const home = path.join(root, 'home');
  const project = path.join(home, 'project');
  for (const d of [path.join(project, 'victim'), path.join(root, 'bin'), path.join(root, 'run'), path.join(root, 'state')]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(project, 'victim', 'keep.txt'), 'precious\n');
  const calls = path.join(root, 'calls.log');
  fs.writeFileSync(path.join(root, 'bin', 'stub'), `#!/bin/sh\necho "stub $*" >> '${calls}'\n`, { mode: 0o755 });
  const env: Record<string, string> = {
    PATH: `${path.join(root, 'bin')}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    LANG: 'C.UTF-8',
    TERM: 'xterm',
    NO_COLOR: '1',
    AIRLOCK_RUNTIME_DIR: path.join(root, 'run'),
    AIRLOCK_STATE_DIR: path.join(root, 'state'),
    AIRLOCK_APPROVAL_TIMEOUT: '3',
  };
  return { root, home, project, env, calls };
}

/** Copies test/attacks/scripts/NAME into the sandbox project (or `to`), executable. */
export function script(sb: Sandbox, name: string, to = path.join(sb.project, name)): string {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(path.join(SCRIPTS, name), to);
  fs.chmodSync(to, 0o755);
  return to;
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `airlock -c LINE` in the project, stdin a pipe (what a harness gives a command). */
export function shell(sb: Sandbox, line: string, opts: { input?: string; env?: Record<string, string>; args?: string[] } = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, ...(opts.args ?? ['-c', line])], { cwd: sb.project, env: { ...sb.env, ...opts.env }, input: opts.input ?? '', encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `airlock hook HARNESS` with a JSON payload on stdin. */
export function hook(sb: Sandbox, harness: string, payload: unknown, env: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, 'hook', harness], { cwd: sb.project, env: { ...sb.env, ...env }, input: JSON.stringify(payload), encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The attack failed: the victim is there and the stub never ran. */
export function expectIntact(sb: Sandbox, what = ''): void {
  expect(fs.existsSync(path.join(sb.project, 'victim', 'keep.txt')), `victim deleted ${what}`).toBe(true);
  expect(fs.existsSync(sb.calls) ? fs.readFileSync(sb.calls, 'utf8') : '', `stub called ${what}`).toBe('');
}

/** Blocked by `airlock -c`: exit 126, a reason on stderr. */
export function expectBlocked(r: Ran, what = ''): void {
  expect(r.status, `${what}\n${r.stderr}`).toBe(126);
  expect(r.stderr).toMatch(/airlock: blocked/);
}

/** Claude Code's deny form: exit 2 and the reason on stderr. */
export function expectHookDenied(r: Ran, what = ''): void {
  expect(r.status, `${what}\n${r.stdout}${r.stderr}`).toBe(2);
  expect(r.stderr).toMatch(/airlock: blocked/);
}

export function claudeBash(command: string, cwd: string, extra: Record<string, unknown> = {}): unknown {
  return { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command, ...extra }, cwd, session_id: 's' };
}
