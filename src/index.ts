// Library entry (dist/lib.cjs): the pipeline for tools, benchmarks and the corpus runner.
export { check } from './engine';
export type { CheckOptions, CheckResult, Command, Fact, Finding, Decision } from './types';
// The bash grammar's two runtimes (native binding, WebAssembly), for `npm run bench`.
export { ensureShellParser, parseShell } from './shell/parser';
// The fast paths against the full check (`npm run bench`, test/fast/differential.test.ts).
export { differential } from './fast/differential';
export { fastAllow } from './fast/decide';
export { loadShimTable, shimPrograms } from './integrations/shims/shims';
