import * as path from 'node:path';
import { defineConfig } from 'vitest/config';

// The real-harness rig (scripts/harnesses.mjs runs it): one file, in order, one worker.
export default defineConfig({
  test: {
    root: path.resolve(__dirname, '..', '..'),
    include: ['test/harnesses/**/*.harness.ts'],
    testTimeout: 150000,
    hookTimeout: 120000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    setupFiles: ['test/setup/isolate.ts', 'test/setup/require-ts.ts'],
  },
});
