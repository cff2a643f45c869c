// Process helpers for the end-to-end suite. Everything that talks to the Railway stand-in runs
// ASYNCHRONOUSLY: the stand-in's HTTPS server lives in this process, so a synchronous child
// (execFileSync/spawnSync) would block the event loop and deadlock the request.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as PtyNs from '@lydell/node-pty';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The bundle `npm test` builds (AIRLOCK_E2E_BUNDLE overrides, for a private build). */
export const BUNDLE = process.env.AIRLOCK_E2E_BUNDLE ? path.resolve(process.env.AIRLOCK_E2E_BUNDLE) : path.join(REPO_ROOT, 'dist', 'airlock.cjs');
export const NODE = process.execPath;

export type Env = Record<string, string>;

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs argv with pipes (no TTY), stdin = `input` (or closed); never blocks the event loop. */
export function run(file: string, args: string[], opts: { env: Env; cwd?: string; input?: string; timeoutMs?: number }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: opts.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 150_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

export function airlock(args: string[], opts: { env: Env; cwd?: string; input?: string }): Promise<Ran> {
  return run(NODE, [BUNDLE, ...args], opts);
}

/** The environment a process inherits, minus anything that would change airlock's behaviour. */
export function baseEnv(): Env {
  const env: Env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (k.startsWith('AIRLOCK_') || k.startsWith('VITEST') || k.startsWith('XDG_') || k === 'NODE_OPTIONS' || k.startsWith('npm_') || k === 'TMUX' || k === 'TMUX_PANE') continue;
    env[k] = v;
  }
  return env;
}

export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const tmpDirs: string[] = [];
export function tmpDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
}
export function removeTmpDirs(): void {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export async function waitUntil(cond: () => boolean, what: () => string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const stripAnsi = (s: string): string =>
  s
    .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '')
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b[()][A-Za-z0-9]/g, '')
    .replace(/\r/g, '');

/** `airlock approver` in a pseudo-terminal: the human's own terminal. */
export class HumanTerminal {
  private raw = '';
  private code: number | null = null;
  readonly exited: Promise<number>;
  private readonly p: PtyNs.IPty;

  constructor(env: Env, cwd: string) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pty = require('@lydell/node-pty') as typeof PtyNs;
    this.p = pty.spawn(NODE, [BUNDLE, 'approver'], { name: 'xterm', cols: 160, rows: 60, cwd, env });
    this.p.onData((d) => (this.raw += d));
    this.exited = new Promise((resolve) =>
      this.p.onExit(({ exitCode }) => {
        this.code = exitCode;
        resolve(exitCode);
      }),
    );
  }

  get text(): string {
    return stripAnsi(this.raw);
  }

  get pid(): number {
    return this.p.pid;
  }

  /** Waits until `needle` occurs at least `times` times in the terminal output. */
  async waitFor(needle: string | RegExp, times = 1): Promise<void> {
    const n = () => (typeof needle === 'string' ? this.text.split(needle).length - 1 : (this.text.match(new RegExp(needle.source, 'g')) ?? []).length);
    await waitUntil(
      () => n() >= times || this.code !== null,
      () => `${String(needle)} x${times} on the approver terminal`,
    );
    if (n() < times) throw new Error(`the approver exited (${this.code}) before showing ${String(needle)}:\n${this.text}`);
  }

  /** Types a line and presses Enter, as the human. */
  type(line: string): void {
    this.p.write(line + '\r');
  }

  stop(): void {
    if (this.code !== null) return;
    try {
      this.p.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

export interface AuditRecord {
  kind: 'decision' | 'request' | 'answer' | string;
  decision?: string;
  source?: string;
  command?: string;
  rules?: string[];
  id?: string;
  approved?: boolean;
  message?: string;
  requester?: string;
  findings?: { rule: string; resource: string; environment: string }[];
}

/** `airlock log --json` for a state dir (and `--verify` must pass). */
export async function auditLog(env: Env): Promise<AuditRecord[]> {
  const verify = await airlock(['log', '--verify'], { env });
  if (verify.code !== 0) throw new Error(`airlock log --verify failed (${verify.code}): ${verify.stdout}${verify.stderr}`);
  const r = await airlock(['log', '--json'], { env });
  if (r.code !== 0) throw new Error(`airlock log --json failed (${r.code}): ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditRecord);
}
