// Tests never read or write the developer's real airlock config, audit log or approver socket:
// each test file gets its own directories unless a test sets them explicitly.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-test-'));
for (const [name, dir] of [['AIRLOCK_CONFIG_DIR', 'config'], ['AIRLOCK_STATE_DIR', 'state'], ['AIRLOCK_RUNTIME_DIR', 'run']] as const) {
  if (!process.env[name]) {
    const p = path.join(base, dir);
    fs.mkdirSync(p, { recursive: true, mode: 0o700 });
    fs.chmodSync(p, 0o700);
    process.env[name] = p;
  }
}
delete process.env.AIRLOCK_ENV;
delete process.env.AIRLOCK_GUARDED;
// Registered first, so it runs after the file's own afterAll hooks (vitest runs them as a stack).
afterAll(() => fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 }));
