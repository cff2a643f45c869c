// The hook's work on a thread of its own. The main thread (hook.ts) keeps only the watchdog: a
// line that keeps the parser, the analyzers or masking busy cannot stop the deny form from being
// written at the deadline, and nothing the work does (a crash, process.exit in a worker) can end
// the process with an exit code the harness reads as "proceed"; the main thread alone exits.
// This file is the main side; the worker side is hook-job.ts (it imports hook.ts, which imports this).
import * as fs from 'fs';
import * as path from 'path';
import type { Answer } from '../../harness/adapters';

type Env = Record<string, string | undefined>;

/** Marks workerData as the hook's worker (src/cli/entry.ts waits for a job instead of running the CLI). */
export const HOOK_WORKER = 'airlockHookWorker';

/** Where bin/airlock leaves the worker it starts early (overlapping its start-up with the main thread's). */
export const PRESTARTED = Symbol.for('airlock.hookWorker');

export interface HookJob {
  name: string;
  text: string;
  env: Env;
  /** Milliseconds left before the watchdog, when the job was sent. */
  leftMs: number;
}

export type HookReply = { ok: true; answer: Answer } | { ok: false; input: boolean; message: string };

type WorkerT = import('worker_threads').Worker;

/**
 * The worker's entry, dist/hook-worker.cjs (written by scripts/build.mjs): it loads the engine
 * bundle as bin/airlock does, through its V8 code cache. From src/ (tests of the source): none.
 */
function workerEntry(): string | null {
  const file = path.join(__dirname, 'hook-worker.cjs');
  try {
    return fs.statSync(file).isFile() && fs.statSync(path.join(__dirname, 'airlock.cjs')).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** The worker bin/airlock started, else a new one; null when there is no built worker entry. */
export function hookWorker(): WorkerT | null {
  const g = globalThis as Record<symbol, unknown>;
  const pre = g[PRESTARTED] as WorkerT | undefined;
  delete g[PRESTARTED];
  if (pre) return pre;
  const entry = workerEntry();
  if (!entry) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('worker_threads') as typeof import('worker_threads');
  return new Worker(entry, { workerData: { [HOOK_WORKER]: true, bundle: path.join(__dirname, 'airlock.cjs') }, stdin: false });
}

/**
 * Test-only: keeps the thread that does the work busy (the watchdog tests). It can only delay
 * the answer, and a late answer is a deny.
 */
export function busyForTest(env: Env): void {
  const busy = Number(env.AIRLOCK_TEST_HOOK_BUSY_MS);
  if (busy > 0) for (const end = Date.now() + busy; Date.now() < end; );
}

/** Main side: runs the job on the worker; rejects on any failure of the worker. */
export function decideInWorker(w: WorkerT, job: HookJob): Promise<HookReply> {
  return new Promise((resolve, reject) => {
    w.once('message', (m: HookReply) => resolve(m));
    w.once('error', (e) => reject(e));
    w.once('exit', (code) => reject(new Error(`the hook's worker stopped (exit ${code}) without an answer`)));
    w.postMessage(job);
  });
}
