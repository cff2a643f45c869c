// Library entry (dist/lib.cjs): the pipeline for tools, benchmarks and the corpus runner.
export { check } from './engine';
export type { CheckOptions, CheckResult, Command, Fact, Finding, Decision } from './types';
// The bash grammar's two runtimes (native binding, WebAssembly), for `npm run bench`.
export { ensureShellParser, parseShell } from './shell/parser';
// Secret masking, for the 700 KiB linear-time bench (scripts/bench-mask.mjs).
export { maskSecrets } from './util/mask';
