// Is hardened mode installed? `airlock system install` writes <root>/etc/airlock/system.json
// (root-owned, not writable by anyone else). <root> is "/" except for installs made with
// --root DIR (tests): the root-owned installed copy then carries a `system-root` file naming DIR.
// Only root-owned files count, so nothing the agent writes can switch hardened mode on or off.
import * as fs from 'fs';
import * as path from 'path';

export interface SystemConfig {
  version: 1;
  /** "/" or the --root DIR of the install. */
  root: string;
  /** The root-owned copy of airlock (holds bin/airlock). */
  installDir: string;
  /** Absolute node binary the hooks and the service run. */
  node: string;
  user: string;
  uid: number;
  gid: number;
  agentUsers: string[];
  /** Root-created, owned by `airlock`, 0755: request.sock (guards) and approve.sock (approvers). */
  runDir: string;
  /** 0700 `airlock`: signing key, TOTP secret, replay store. */
  stateDir: string;
  /** The service's audit log (written as `airlock`). */
  logDir: string;
  /** Root-owned: approver.pub, rulesets/, system.json. */
  etcDir: string;
}

export class SystemConfigError extends Error {
  override name = 'SystemConfigError';
}

/** The package root above this file (bundle in dist/, or src/system/). */
export function ownPackageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'bin'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '..', '..');
}

/** A file is trustworthy when root owns it and neither group nor others may write it. */
export function rootOwned(st: fs.Stats): boolean {
  return st.uid === 0 && (st.mode & 0o022) === 0;
}

function rootOwnedFile(file: string): boolean {
  try {
    return rootOwned(fs.statSync(file));
  } catch {
    return false;
  }
}

/** The install root this copy of airlock belongs to: its root-owned `system-root` file, else "/". */
export function systemRoot(): string {
  const marker = path.join(ownPackageRoot(), 'system-root');
  if (rootOwnedFile(marker)) {
    const v = fs.readFileSync(marker, 'utf8').trim();
    if (path.isAbsolute(v)) return v;
  }
  return '/';
}

export const etcDirOf = (root: string): string => path.join(root, 'etc', 'airlock');
export const systemConfigFile = (root: string): string => path.join(etcDirOf(root), 'system.json');

let cached: { cfg: SystemConfig | null } | null = null;

/** The hardened-mode configuration, or null in the default mode. Cached per process. */
export function hardened(): SystemConfig | null {
  if (cached) return cached.cfg;
  cached = { cfg: readSystemConfig(systemRoot()) };
  return cached.cfg;
}

/** For tests and for `system install` in the same process. */
export function resetHardenedCache(): void {
  cached = null;
}

export function readSystemConfig(root: string): SystemConfig | null {
  const file = systemConfigFile(root);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return null;
  }
  // A system.json the agent could have written is not a hardened install, and not a default one
  // either: it is tampering. Fail closed by treating it as hardened with what root would write.
  if (!rootOwned(st) || !rootOwnedFile(etcDirOf(root))) {
    throw new SystemConfigError(`${file} exists but is not owned by root or is writable by others; refusing to run until it is fixed`);
  }
  const cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as SystemConfig;
  if (cfg.version !== 1 || typeof cfg.uid !== 'number') throw new SystemConfigError(`${file}: not an airlock system configuration`);
  return cfg;
}

/** Current uid, -1 where the platform has none. */
export function myUid(): number {
  return typeof process.getuid === 'function' ? process.getuid() : -1;
}
