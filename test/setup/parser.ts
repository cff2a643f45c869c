// The shell parser's WebAssembly build loads asynchronously; check() awaits it on its own, but
// tests that call the synchronous walker directly need it loaded first.
import { beforeAll } from 'vitest';
import { ensureShellParser } from '../../src/shell/parser';

beforeAll(async () => {
  await ensureShellParser();
});
