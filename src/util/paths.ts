// Per-user directories. The runtime dir holds the approver socket: anything that can write
// there could impersonate the approver, so it is re-checked (never trusted) at every use.
import * as fs from 'fs';
import * as path from 'path';

type Env = Record<string, string | undefined>;

export class RuntimeDirError extends Error {
  override name = 'RuntimeDirError';
}

function uid(): number {
  return typeof process.getuid === 'function' ? process.getuid() : -1;
}

function home(env: Env): string {
  // os only when HOME is unset: loading it costs every command's start-up a few ms.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return env.HOME || (require('os') as typeof import('os')).homedir();
}

// Hardened mode (src/util/system-mode.ts): the path overrides below are the agent's to set, so
// they are ignored; the service's own account gets the system directories.
function system(): import('./system-mode').SystemConfig | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./system-mode') as typeof import('./system-mode')).hardened();
}

function realHome(env: Env): string {
  if (!system()) return home(env);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('os') as typeof import('os')).userInfo().homedir;
  } catch {
    return home(env);
  }
}

/** `$AIRLOCK_RUNTIME_DIR`, `$XDG_RUNTIME_DIR/airlock` or `/tmp/airlock-<uid>`. */
export function runtimeDir(env: Env = process.env): string {
  const sys = system();
  if (sys) return uid() === sys.uid ? sys.runDir : `/tmp/airlock-${uid()}`;
  if (env.AIRLOCK_RUNTIME_DIR) return path.resolve(env.AIRLOCK_RUNTIME_DIR);
  if (env.XDG_RUNTIME_DIR) return path.join(path.resolve(env.XDG_RUNTIME_DIR), 'airlock');
  return `/tmp/airlock-${uid()}`;
}

/** `$AIRLOCK_STATE_DIR`, `$XDG_STATE_HOME/airlock` or `~/.local/state/airlock` (audit log). */
export function stateDir(env: Env = process.env): string {
  const sys = system();
  if (sys) return uid() === sys.uid ? sys.logDir : path.join(realHome(env), '.local', 'state', 'airlock');
  if (env.AIRLOCK_STATE_DIR) return path.resolve(env.AIRLOCK_STATE_DIR);
  if (env.XDG_STATE_HOME) return path.join(path.resolve(env.XDG_STATE_HOME), 'airlock');
  return path.join(home(env), '.local', 'state', 'airlock');
}

/** `$AIRLOCK_CONFIG_DIR`, `$XDG_CONFIG_HOME/airlock` or `~/.config/airlock`. */
export function configDir(env: Env = process.env): string {
  if (system()) return path.join(realHome(env), '.config', 'airlock');
  if (env.AIRLOCK_CONFIG_DIR) return path.resolve(env.AIRLOCK_CONFIG_DIR);
  if (env.XDG_CONFIG_HOME) return path.join(path.resolve(env.XDG_CONFIG_HOME), 'airlock');
  return path.join(home(env), '.config', 'airlock');
}

export interface DirCheckOptions {
  /** Expected owner; defaults to the current uid. */
  uid?: number;
}

/**
 * Throws RuntimeDirError unless `dir` is a real directory (not a symlink) owned by us with
 * mode exactly 0700. Returns false (no throw) when it does not exist.
 */
export function checkRuntimeDir(dir: string, opts: DirCheckOptions = {}): boolean {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new RuntimeDirError(`cannot inspect airlock runtime dir ${dir}: ${(e as Error).message}`);
  }
  const want = opts.uid ?? uid();
  if (st.isSymbolicLink()) throw new RuntimeDirError(`airlock runtime dir ${dir} is a symlink; refusing to use it`);
  if (!st.isDirectory()) throw new RuntimeDirError(`airlock runtime dir ${dir} is not a directory; refusing to use it`);
  if (want >= 0 && st.uid !== want) {
    throw new RuntimeDirError(`airlock runtime dir ${dir} is owned by uid ${st.uid}, not ${want}; refusing to use it`);
  }
  const mode = st.mode & 0o7777;
  if (mode !== 0o700) {
    throw new RuntimeDirError(
      `airlock runtime dir ${dir} has mode ${mode.toString(8).padStart(4, '0')}, expected 0700; ` +
        `refusing to use it (fix with: chmod 700 ${dir})`,
    );
  }
  return true;
}

/** Creates the runtime dir (0700) if missing, then checks it. Returns its path. */
export function ensureRuntimeDir(env: Env = process.env, opts: DirCheckOptions = {}): string {
  const dir = runtimeDir(env);
  if (checkRuntimeDir(dir, opts)) return dir;
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
    // mkdir's mode is filtered by the umask; make it exact.
    fs.chmodSync(dir, 0o700);
  } catch (e) {
    // Lost a race with another process: fine, the check below decides.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  checkRuntimeDir(dir, opts);
  return dir;
}

/** Path of the approver socket inside the runtime dir (not checked). */
export function approverSocketPath(env: Env = process.env): string {
  return path.join(runtimeDir(env), 'approver.sock');
}

/** Creates the state dir (0700) if missing. Returns its path. */
export function ensureStateDir(env: Env = process.env): string {
  const dir = stateDir(env);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
