import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
    globalSetup: ['test/setup/tmp-root.ts'],
    setupFiles: ['test/setup/isolate.ts', 'test/setup/require-ts.ts', 'test/setup/parser.ts'],
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'] } },
      // The bash grammar on its WebAssembly runtime (the fallback when the native binding cannot
      // load): the parser, walker and normalizer suites again, which must give the same results.
      { extends: true, test: { name: 'wasm', include: ['test/shell/**/*.test.ts', 'test/normalize/**/*.test.ts', 'test/engine.test.ts'], env: { AIRLOCK_PARSER: 'wasm' } } },
    ],
  },
});
