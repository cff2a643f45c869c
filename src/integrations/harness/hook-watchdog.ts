// The hook's deadline, enforced from outside the thread that does the work (issue 14), without
// moving the work off the main thread. A worker thread holds only a timer: it boots in parallel
// (nothing of airlock's is loaded in it) and costs the main thread nothing until the deadline.
// At the deadline it claims the answer (a shared flag, so exactly one side ever writes), writes
// the harness's deny form to fds 1 and 2 itself (fds are the process's), and ends the process
// through the inspector: a Runtime.evaluate from another thread runs on the main thread as an
// interrupt, so it reaches a thread that never returns to its event loop.
//
// The work on a worker thread instead (hook-worker.ts) remains for a Node built without the
// inspector; it pays a second isolate that loads the whole engine (~50-100 ms a call).
import * as fs from 'fs';
import type { Answer } from '../../harness/adapters';

/** Where the main thread keeps the function the watchdog's interrupt calls to end the process. */
const EXIT_HOOK = Symbol.for('airlock.watchdogExit');

/** The flag's states: whoever moves it off PENDING writes the answer. */
const PENDING = 0;
const MAIN = 1;
const WATCHDOG = 2;

export interface Watchdog {
  /**
   * True when this thread may write its answer now (the watchdog will not); false when the
   * watchdog answered first (the caller only exits, with the deny code).
   */
  claim(): boolean;
  /** The exit code of the deny form the watchdog writes. */
  denyCode: number;
}

/** The watchdog worker's code: wait, claim, write, end the process from the main thread. */
const WORKER_SOURCE = `'use strict';
const { workerData: d } = require('worker_threads');
const fs = require('fs');
setTimeout(() => {
  if (Atomics.compareExchange(d.flag, 0, ${PENDING}, ${WATCHDOG}) !== ${PENDING}) return;
  for (const [fd, text] of [[1, d.answer.stdout], [2, d.answer.stderr]]) {
    const b = Buffer.from(text);
    for (let off = 0, tries = 0; off < b.length && tries < 10000; tries++) {
      try { off += fs.writeSync(fd, b, off); } catch (e) { if (e.code !== 'EAGAIN') break; }
    }
  }
  const { Session } = require('inspector');
  const s = new Session();
  s.connectToMainThread();
  s.post('Runtime.evaluate', { expression: 'globalThis[Symbol.for("airlock.watchdogExit")]()' });
}, d.ms);
`;

/** True when this Node can run the watchdog (built with the inspector, worker threads available). */
export function watchdogAvailable(): boolean {
  return process.features.inspector === true && process.env.AIRLOCK_HOOK_WORK_IN_WORKER !== '1';
}

/**
 * Starts the watchdog: in `ms`, unless this thread claims the answer first, `answer` (the
 * harness's deny form) is written and the process exits with its code. Null when the watchdog
 * cannot run here (the caller moves the work to a worker thread instead).
 */
export function startWatchdog(ms: number, answer: Answer): Watchdog | null {
  if (!watchdogAvailable()) return null;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  (globalThis as Record<symbol, unknown>)[EXIT_HOOK] = () => {
    // Node prints "Waiting for the debugger to disconnect..." on stderr at exit while the
    // watchdog's inspector session is open: the answer is written, so stderr is closed first.
    try {
      fs.closeSync(2);
    } catch {
      // already closed
    }
    process.exit(answer.code);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('worker_threads') as typeof import('worker_threads');
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { ms: Math.max(0, ms), flag, answer }, stdin: false, stdout: false, stderr: false });
    // It must not keep the process alive, and a failure of its own is no answer.
    w.unref();
    w.on('error', () => {});
  } catch {
    return null;
  }
  return { claim: () => Atomics.compareExchange(flag, 0, PENDING, MAIN) === PENDING, denyCode: answer.code };
}
