// A lock file (O_EXCL) around a read-modify-write of a small state file or an append to the
// audit chain, so two airlock processes (two agents, a hook and a shim) never lose each other's
// update or fork the chain. A lock older than
// 10 s is a crashed holder's and is broken; after ~3 s of waiting the update goes ahead unlocked
// (a lost update is better than a guard that hangs).
import * as fs from 'fs';

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export function withFileLock<T>(lockPath: string, fn: () => T): T {
  let fd = -1;
  for (let i = 0; i < 300 && fd < 0; i++) {
    try {
      fd = fs.openSync(lockPath, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') break;
      try {
        if (Date.now() - fs.statSync(lockPath).mtimeMs > 10_000) fs.unlinkSync(lockPath);
      } catch {
        // released meanwhile
      }
      sleepSync(5 + Math.floor(Math.random() * 10));
    }
  }
  try {
    return fn();
  } finally {
    if (fd >= 0) {
      fs.closeSync(fd);
      try {
        fs.unlinkSync(lockPath); // not rmSync: its rimraf costs start-up time
      } catch {
        // broken as stale by another process
      }
    }
  }
}
