// Shared by the harness, shim and install tests: the built bundle as a real process, with a
// private HOME, runtime dir, state dir and config dir.
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../..');
/** AIRLOCK_TEST_BIN points the tests at another build of bin/airlock. */
export const BIN = process.env.AIRLOCK_TEST_BIN ? path.resolve(process.env.AIRLOCK_TEST_BIN) : path.join(ROOT, 'bin', 'airlock');
export const TEST_RULES = path.join(__dirname, 'fixtures', 'test-rules.yaml');
export const TIMEOUT = 60_000;

function newest(dir: string): number {
  let max = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return max;
}

/** Builds dist/airlock.cjs when it is older than src/ or rulesets/ (one build at a time across test files). */
export function ensureBuilt(): void {
  if (process.env.AIRLOCK_TEST_BIN) return;
  const lock = path.join(os.tmpdir(), `airlock-test-build-${fs.statSync(ROOT).ino}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another test file to build airlock');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const out = path.join(ROOT, 'dist', 'airlock.cjs');
    const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
    if (built < Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'rulesets')))) {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export type Env = Record<string, string>;

export function tmp(prefix = 'airlock-it-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** A clean environment: no AIRLOCK_* from the caller, private HOME and airlock dirs. */
export function isolatedEnv(extra: Env = {}): Env & { HOME: string; AIRLOCK_RUNTIME_DIR: string; AIRLOCK_STATE_DIR: string } {
  const base = tmp();
  const env: Env = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('AIRLOCK_') && !k.startsWith('XDG_')) env[k] = v;
  const home = path.join(base, 'home');
  fs.mkdirSync(home);
  return {
    ...env,
    NO_COLOR: '1',
    HOME: home,
    AIRLOCK_RUNTIME_DIR: path.join(base, 'run'),
    AIRLOCK_STATE_DIR: path.join(base, 'state'),
    AIRLOCK_CONFIG_DIR: path.join(base, 'config'),
    ...extra,
  };
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], opts: { env: Env; input?: string | Buffer; cwd?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(file, args, { env: opts.env, cwd: opts.cwd ?? os.tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    p.stdin.on('error', () => undefined);
    if (opts.input !== undefined) p.stdin.end(opts.input);
    else p.stdin.end();
  });
}

export function airlock(args: string[], opts: { env: Env; input?: string; cwd?: string }): Promise<Run> {
  return run(BIN, args, opts);
}
