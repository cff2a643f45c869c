// The worker side of the hook's thread (hook-worker.ts is the main side): wait for the job,
// decide it with hook.ts, post one reply. Apart from hook-worker.ts, which hook.ts imports.
import type { HookJob, HookReply } from './hook-worker';

/** Worker side: wait for the job, decide it, post one reply. */
export function serveHookJob(port: import('worker_threads').MessagePort): void {
  port.once('message', (job: HookJob) => void runHookJob(job, (r) => port.postMessage(r)));
}

async function runHookJob(job: HookJob, post: (r: HookReply) => void): Promise<void> {
  const { decideText } = await import('./hook');
  const { HookInputError } = await import('../../harness/adapters');
  try {
    const busy = Number(job.env.AIRLOCK_TEST_HOOK_BUSY_MS);
    // Test-only: keep this thread busy (the watchdog test). It can only delay the answer, and a
    // late answer is a deny.
    if (busy > 0) for (const end = Date.now() + busy; Date.now() < end; );
    post({ ok: true, answer: await decideText(job.name, job.text, job.env, job.leftMs) });
  } catch (e) {
    post({ ok: false, input: e instanceof HookInputError, message: (e as Error)?.message ?? String(e) });
  }
}
