// Global setup: every temp file of the run, whoever makes it (test files, the airlock processes
// they spawn, the shells and servers those start), lands under one directory that is removed
// when the run ends. Vitest's workers are killed rather than exited, so per-process 'exit'
// handlers never run; TMPDIR is inherited by every worker and child instead.
// Each vitest project runs the global setup, in one process: the first one makes the directory
// and removes it; the others use it (nesting would push socket paths past the 108-byte limit).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export default function setup(): () => void {
  if (process.env.AIRLOCK_TEST_TMP_ROOT && process.env.TMPDIR === process.env.AIRLOCK_TEST_TMP_ROOT) return () => {};
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-run-')));
  // Searchable by other users (not listable): as root, the e2e PostgreSQL runs as `postgres` and
  // must reach its data directory below; every directory made inside stays private (mkdtemp).
  fs.chmodSync(root, 0o711);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  process.env.AIRLOCK_TEST_TMP_ROOT = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    delete process.env.AIRLOCK_TEST_TMP_ROOT;
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
