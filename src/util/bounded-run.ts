// Runs a read-only helper (git, psql) with no shell, killed at the deadline or on abort.
import { spawn } from 'child_process';
import { LookupTimeout } from '../analyzers/providers';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Milliseconds; the child is killed after it. */
  timeoutMs?: number;
  input?: string;
  /** Output beyond this many bytes is dropped (the child keeps running until it ends). */
  maxBytes?: number;
}

export function run(file: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new LookupTimeout('deadline passed'));
    const max = opts.maxBytes ?? 4 * 1024 * 1024;
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, args, { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    } catch (e) {
      return reject(e);
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      f();
    };
    const kill = (why: string) => {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
      finish(() => reject(new LookupTimeout(why)));
    };
    const onAbort = () => kill('deadline passed');
    const timer = opts.timeoutMs ? setTimeout(() => kill(`timed out after ${opts.timeoutMs} ms`), opts.timeoutMs) : undefined;
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.on('data', (d: Buffer) => {
      size += d.length;
      if (size <= max) out.push(d);
    });
    child.stderr!.on('data', (d: Buffer) => {
      if (err.length < 64) err.push(d);
    });
    child.on('error', (e) => finish(() => reject(e)));
    child.on('close', (code) => finish(() => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') })));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/** Runs and returns stdout; a non-zero exit is an error carrying stderr's first line. */
export async function runOk(file: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const r = await run(file, args, opts);
  // Name the subcommand (`git -c k=v status` -> status), not the first option.
  const sub = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '-c') ?? '';
  if (r.code !== 0) throw new Error(`${file} ${sub} failed: ${r.stderr.trim().split('\n')[0] || `exit ${r.code}`}`);
  return r.stdout;
}
