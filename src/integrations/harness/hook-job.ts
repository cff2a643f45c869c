// The worker side of the hook's thread (hook-worker.ts is the main side): wait for the job,
// decide it with hook.ts, post one reply. Apart from hook-worker.ts, which hook.ts imports.
import { busyForTest, type HookJob, type HookReply } from './hook-worker';

/** Worker side: wait for the job, decide it, post one reply. */
export function serveHookJob(port: import('worker_threads').MessagePort): void {
  port.once('message', (job: HookJob) => void runHookJob(job, (r) => port.postMessage(r)));
}

async function runHookJob(job: HookJob, post: (r: HookReply) => void): Promise<void> {
  const { decideText } = await import('./hook');
  const { HookInputError } = await import('../../harness/adapters');
  try {
    busyForTest(job.env);
    post({ ok: true, answer: await decideText(job.name, job.text, job.env, job.leftMs) });
  } catch (e) {
    post({ ok: false, input: e instanceof HookInputError, message: (e as Error)?.message ?? String(e) });
  }
}
