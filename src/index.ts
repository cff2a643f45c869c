// Library entry (dist/lib.cjs): the pipeline for tools, benchmarks and the corpus runner.
export { check } from './engine';
export type { CheckOptions, CheckResult, Command, Fact, Finding, Decision } from './types';
