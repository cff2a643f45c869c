// Library entry (dist/lib.cjs): the pipeline for tools, benchmarks and the corpus runner.
export { check } from './engine';
export type { CheckOptions, CheckResult, Command, Fact, Finding, Decision } from './types';
// The bash grammar's two runtimes (native binding, WebAssembly), for `npm run bench`.
export { ensureShellParser, parseShell } from './shell/parser';
// Program-file grammars loaded so far: `npm run bench` checks that a line naming no program file loads none.
export { loadedGrammars } from './analyzers/code/grammars';
// The fast paths against the full check (`npm run bench`, test/fast/differential.test.ts).
export { differential } from './fast/differential';
export { fastAllow } from './fast/decide';
export { loadShimTable, shimPrograms } from './integrations/shims/shims';
// Secret masking, for the 700 KiB linear-time bench (scripts/bench-mask.mjs).
export { maskSecrets } from './util/mask';
