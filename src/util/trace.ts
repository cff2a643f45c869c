// Start-up timestamps for `npm run bench`'s profile of the hook (scripts/bench-hook.mjs): with
// AIRLOCK_TRACE_TIMES=1, bin/airlock keeps a list that the bundles add to, and prints it on
// stderr at exit as `airlock-trace {"label": ms since the process started, ...}`. Otherwise a no-op.

const TRACE = Symbol.for('airlock.trace');

export function mark(label: string): void {
  const marks = (globalThis as Record<symbol, unknown>)[TRACE] as [string, number][] | undefined;
  if (marks) marks.push([label, process.uptime() * 1000]);
}
