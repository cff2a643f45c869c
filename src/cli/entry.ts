// Process entry: run main, map crashes to a non-zero exit (fail closed). On a hook's worker
// thread (src/integrations/harness/hook-worker.ts) the same bundle serves the hook's job instead.
import { isMainThread, parentPort, workerData } from 'worker_threads';
import { main } from './main';
import { HOOK_WORKER } from '../integrations/harness/hook-worker';
import { serveHookJob } from '../integrations/harness/hook-job';

if (!isMainThread && parentPort && (workerData as Record<string, unknown> | undefined)?.[HOOK_WORKER]) {
  serveHookJob(parentPort);
} else {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`airlock: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
