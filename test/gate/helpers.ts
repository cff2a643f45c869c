// Test harness: bundles fixtures with esbuild, runs the approver in a real PTY (the human's
// terminal) and guarded clients as plain child processes with pipes (no TTY).
import { spawn } from 'child_process';
import { buildSync } from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pty from '@lydell/node-pty';
import { afterAll } from 'vitest';

export const TEST_TIMEOUT = 30_000;
const WAIT_MS = 15_000;

const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-test-bundle-'));
const bundles = new Map<string, string>();
afterAll(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

const tmpDirs: string[] = [];

/** A temp dir removed by cleanup(). */
export function tmpDir(prefix = 'airlock-t-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
}

/**
 * Bundles a fixture into a temp CommonJS file (once per test file). `name` is a file in
 * test/gate/fixtures, or an absolute path to a .ts file.
 */
export function bundle(name: string): string {
  let out = bundles.get(name);
  if (!out) {
    const entry = path.isAbsolute(name) ? name : path.join(__dirname, 'fixtures', `${name}.ts`);
    out = path.join(bundleDir, `${bundles.size}-${path.basename(entry, '.ts')}.cjs`);
    buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: out,
      logLevel: 'silent',
    });
    bundles.set(name, out);
  }
  return out;
}

export type Env = Record<string, string>;

/** A clean environment with a private runtime and state dir (the runtime dir is not created). */
export function testEnv(): Env & { AIRLOCK_RUNTIME_DIR: string; AIRLOCK_STATE_DIR: string } {
  const base = tmpDir();
  const env: Env = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('AIRLOCK_')) env[k] = v;
  // The fixtures' findings are critical: no hold unless a test asks for one (writeHold).
  const config = path.join(base, 'config');
  fs.mkdirSync(config, { recursive: true });
  fs.writeFileSync(path.join(config, 'config.yaml'), 'hold: 0\n');
  return { ...env, NO_COLOR: '1', TERM: 'xterm', AIRLOCK_RUNTIME_DIR: path.join(base, 'run'), AIRLOCK_STATE_DIR: path.join(base, 'state'), AIRLOCK_CONFIG_DIR: config };
}

export async function waitUntil(cond: () => boolean, what: () => string, timeoutMs = WAIT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
const count = (hay: string, needle: string) => hay.split(needle).length - 1;

/** A process in a pseudo-terminal, driven like a human would. */
export class PtyProc {
  private raw = '';
  readonly exited: Promise<number>;
  private exitCode: number | null = null;
  private readonly p: pty.IPty;

  constructor(file: string, args: string[], env: Env) {
    this.p = pty.spawn(file, args, { name: 'xterm', cols: 200, rows: 50, cwd: os.tmpdir(), env });
    this.p.onData((d) => (this.raw += d));
    this.exited = new Promise((resolve) =>
      this.p.onExit(({ exitCode }) => {
        this.exitCode = exitCode;
        resolve(exitCode);
      }),
    );
  }

  get text(): string {
    return stripAnsi(this.raw);
  }

  /** Waits until `needle` has appeared at least `times` times. */
  async waitFor(needle: string, times = 1): Promise<void> {
    await waitUntil(
      () => count(this.text, needle) >= times,
      () => `${JSON.stringify(needle)} x${times} in PTY output:\n${this.text}`,
    );
  }

  /** Types a line and presses Enter. */
  type(line: string): void {
    this.p.write(line + '\r');
  }

  write(data: string): void {
    this.p.write(data);
  }

  kill(): void {
    if (this.exitCode === null) {
      try {
        this.p.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

export const procs: PtyProc[] = [];

/** Starts the approver in a PTY and waits for it to listen. */
export async function startApprover(env: Env): Promise<PtyProc> {
  const p = new PtyProc(process.execPath, [bundle('approver')], env);
  procs.push(p);
  await p.waitFor('Waiting for requests');
  return p;
}

/** The approver's terminal as printed in its banner. */
export function approverTty(p: PtyProc): string {
  const m = /\(terminal (\/dev\/[^)]+)\)/.exec(p.text);
  if (!m) throw new Error('approver banner has no terminal');
  return m[1]!;
}

export interface ClientResult {
  id: string;
  answer: { approved: boolean; message: string; terminal?: string; afterMs?: number };
  ms: number;
}

export interface RequestSpec {
  command: string;
  resources: string[];
  id?: string;
  tty?: string | null;
  timeoutMs?: number;
}

/** Runs a guarded client (pipes, no TTY) and resolves with its answer. */
export function runClient(env: Env, spec: RequestSpec): Promise<ClientResult> {
  const started = Date.now();
  const child = spawn(process.execPath, [bundle('request')], {
    env: { ...env, AIRLOCK_TEST_SPEC: JSON.stringify(spec) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ ...JSON.parse(out), ms: Date.now() - started });
      } catch {
        reject(new Error(`client exited ${code} without an answer: ${out}\n${err}`));
      }
    });
  });
}

/** Runs a fixture without a terminal; resolves with exit code and output. */
export function runPlain(file: string, env: Env, opts: { detached?: boolean } = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [file], { env, stdio: ['pipe', 'pipe', 'pipe'], detached: opts.detached });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.stdin.end();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** Kills PTY processes started by the test and removes its temp dirs (use in afterEach). */
export function cleanup(): void {
  for (const p of procs.splice(0)) p.kill();
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
