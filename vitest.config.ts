import { configDefaults, defineConfig } from 'vitest/config';

// test/system/root: hardened mode installed for real (system users, root-owned files). It needs
// root, so it is collected only when the suite runs as root (as CI does), never skipped.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The fast suites (`npm run test:unit`); everything else (PTY, harnesses, end to end) is `main`. */
const UNIT = ['test/shell/**/*.test.ts', 'test/normalize/**/*.test.ts', 'test/analyzers/**/*.test.ts', 'test/policy/**/*.test.ts', 'test/rulesets/**/*.test.ts', 'test/engine.test.ts', 'test/engine-*.test.ts', 'test/util/**/*.test.ts', 'test/scripts/**/*.test.ts', 'test/argv/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
    globalSetup: ['test/setup/tmp-root.ts'],
    setupFiles: ['test/setup/isolate.ts', 'test/setup/require-ts.ts', 'test/setup/parser.ts'],
    projects: [
      // `npm run test:unit`: parse, normalize, families, policy and rule examples, no PTY, no servers.
      { extends: true, test: { name: 'unit', include: UNIT } },
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...UNIT, 'test/system/root/**'] } },
      // The bash grammar on its WebAssembly runtime (the fallback when the native binding cannot
      // load): the parser, walker and normalizer suites again, which must give the same results.
      { extends: true, test: { name: 'wasm', include: ['test/shell/**/*.test.ts', 'test/normalize/**/*.test.ts', 'test/engine.test.ts'], env: { AIRLOCK_PARSER: 'wasm' } } },
      ...(isRoot ? [{ extends: true as const, test: { name: 'root', include: ['test/system/root/**/*.test.ts'], testTimeout: 90000, hookTimeout: 180000 } }] : []),
    ],
  },
});
