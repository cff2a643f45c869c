// Where airlock's program shims live and how one is recognised: apart from
// src/integrations/shims (which installs them and knows the analyzers' programs), so the trusted
// binary lookup below the pipeline can skip shims without importing the layer at the top.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

type Env = Record<string, string | undefined>;

/** Second line of every shim: how airlock recognises its own files (and never execs one as "the real program"). */
export const SHIM_MARKER = '# airlock-shim v1';

export function defaultShimDir(env: Env = process.env): string {
  if (env.AIRLOCK_SHIM_DIR) return path.resolve(env.AIRLOCK_SHIM_DIR);
  return path.join(env.HOME || os.homedir(), '.local', 'share', 'airlock', 'shims');
}

export function isShimFile(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(256);
    const n = fs.readSync(fd, buf, 0, 256, 0);
    return buf.subarray(0, n).toString('latin1').includes(SHIM_MARKER);
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
