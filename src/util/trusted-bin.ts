// Helpers airlock itself runs (psql, pg_dump, pg_restore, git for impact lookups and checkpoints)
// are found in places the agent cannot write, and run with a minimal environment: the agent's
// PATH and environment are its own, so a planted `psql` earlier on PATH (or PERL5OPT, LD_PRELOAD,
// BASH_ENV...) would otherwise report made-up numbers to the human or run code outside the guard.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultShimDir, isShimFile } from './shim-file';

type Env = Record<string, string | undefined>;

/** Where system packages put these programs; searched after the trusted part of PATH. */
export const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin', '/opt/homebrew/bin', '/opt/local/bin'];
/** PATH given to the helpers themselves (pg_wrapper is a perl script that runs the real psql). */
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export class UntrustedBinary extends Error {
  override name = 'UntrustedBinary';
}

const under = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

function real(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

/** Owned by root and writable by no one else, for the path and every directory above it. */
function rootOnly(p: string): boolean {
  for (let cur = p; ; cur = path.dirname(cur)) {
    let st: fs.Stats;
    try {
      st = fs.statSync(cur);
    } catch {
      return false;
    }
    if (st.uid !== 0 || (st.mode & 0o022) !== 0) return false;
    if (cur === path.dirname(cur)) return true;
  }
}

/** Directories an agent can write whatever the owner (as root, ownership proves nothing). */
function agentPlaces(env: Env, cwd: string): string[] {
  // The project tree (unless the agent works in / itself, where that would exclude everything).
  const out = [...(path.resolve(cwd) === '/' ? [] : [cwd]), os.tmpdir(), '/tmp', '/var/tmp', '/dev/shm', defaultShimDir(env)];
  if (env.TMPDIR) out.push(env.TMPDIR);
  return out.map((d) => real(d) ?? path.resolve(d));
}

export function trustedDir(dir: string, env: Env = process.env, cwd = process.cwd()): boolean {
  if (!path.isAbsolute(dir)) return false;
  const r = real(dir);
  if (!r) return false;
  if (agentPlaces(env, cwd).some((p) => under(r, p))) return false;
  return rootOnly(r);
}

const cache = new Map<string, string | null>();

/**
 * The program `name` from the trusted part of the agent's PATH (skipping airlock's shims, the
 * project tree, temp dirs and anything not root-owned), then from the system directories.
 */
export function trustedBinary(name: string, env: Env = process.env, cwd = process.cwd()): string | null {
  const key = `${name}\0${env.PATH ?? ''}\0${cwd}`;
  if (cache.has(key)) return cache.get(key)!;
  const dirs = [...(env.PATH ?? '').split(':').filter(Boolean), ...SYSTEM_DIRS];
  let found: string | null = null;
  for (const d of dirs) {
    if (!trustedDir(d, env, cwd)) continue;
    const file = path.join(d, name);
    const r = real(file);
    if (!r) continue;
    try {
      fs.accessSync(r, fs.constants.X_OK);
      if (!fs.statSync(r).isFile()) continue;
    } catch {
      continue;
    }
    if (isShimFile(r) || !trustedDir(path.dirname(r), env, cwd) || !rootOnly(r)) continue;
    found = file; // run through the link: Debian's pg_wrapper picks the program by its name
    break;
  }
  cache.set(key, found);
  return found;
}

export function requireTrusted(name: string, env: Env = process.env, cwd = process.cwd()): string {
  const f = trustedBinary(name, env, cwd);
  if (!f) throw new UntrustedBinary(`${name} not found in a location the agent cannot write (${SYSTEM_DIRS.slice(0, 6).join(', ')})`);
  return f;
}

/** libpq's connection variables (and Debian's cluster selector); nothing else reaches psql. */
const PG_KEEP = /^(PG(HOST|HOSTADDR|PORT|USER|DATABASE|PASSWORD|PASSFILE|SERVICE|SERVICEFILE|SYSCONFDIR|SSL\w*|REQUIRESSL|GSSENCMODE|GSSLIB|KRBSRVNAME|CONNECT_TIMEOUT|CLIENTENCODING|TARGETSESSIONATTRS|LOADBALANCEHOSTS|CHANNELBINDING|REQUIREAUTH|OPTIONS|TZ|DATESTYLE|APPNAME|CLUSTER)|PG_CLUSTER_CONF_ROOT)$/;
/** What git needs to find the same repository and the user's config. */
const GIT_KEEP = /^GIT_(DIR|WORK_TREE|INDEX_FILE|COMMON_DIR|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|NAMESPACE|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM)$/;
const BASE_KEEP = /^(HOME|USER|LOGNAME|XDG_CONFIG_HOME)$/;

export function minimalEnv(kind: 'pg' | 'git', env: Env): Env {
  const keep = kind === 'pg' ? PG_KEEP : GIT_KEEP;
  const out: Env = { PATH: SYSTEM_PATH, LC_ALL: 'C' };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && (keep.test(k) || BASE_KEEP.test(k))) out[k] = v;
  return out;
}
