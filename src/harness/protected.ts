// Paths an agent's file tools (Write/Edit/Read...) must not touch. Writes to airlock's own
// config, rulesets, runtime, audit log, shims and the harness hook files would switch the
// guard off; reads of cloud/database credential files are how an agent finds a token it was
// never given (the PocketOS incident). Deliberately simple: prefixes and basenames.
import * as fs from 'fs';
import * as path from 'path';
import { configDir, runtimeDir, stateDir } from '../util/paths';
import { bundlePath, expandHome, homeDir } from '../util/install-paths';
import { defaultShimDir } from '../util/shim-file';
import { ADAPTERS, HARNESSES, type HarnessName } from './adapters';

type Env = Record<string, string | undefined>;

export interface PathVerdict {
  path: string;
  kind: 'airlock' | 'credentials';
  why: string;
  /** The harness whose hook settings these are, when they are. */
  harness?: HarnessName;
}

/** The installed package: dist/, bin/, rulesets/, node_modules/, package.json. */
export function packageRoot(): string {
  return path.dirname(path.dirname(bundlePath()));
}

/**
 * realish() results for one judgement (one check, one file-tool call). Nothing runs while a line
 * is judged, so a path resolves the same for all of it; a new judgement starts a new memo, so a
 * symlink made later is seen. The protected directories are resolved once per judgement instead
 * of once per path (they were ~35% of the time of a whole check).
 */
export type RealMemo = Map<string, string>;

/** Resolves symlinks of the longest existing prefix, so a symlink cannot hide the target. */
export function realish(p: string, memo?: RealMemo): string {
  const abs = path.resolve(p);
  const hit = memo?.get(abs);
  if (hit !== undefined) return hit;
  let cur = abs;
  const rest: string[] = [];
  let out = abs;
  for (let i = 0; i < 64; i++) {
    try {
      // The libc realpath: one call where fs.realpathSync walks every component in JS.
      out = path.join(fs.realpathSync.native(cur), ...rest.reverse());
      break;
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) break;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
  memo?.set(abs, out);
  return out;
}

/**
 * airlock's own directories and HOME change far less often than lines are judged: resolved at
 * most once a second per process (a resident checker or a long-lived hook judges thousands of
 * lines a second). A symlink swapped under one of them is seen within that second, as by a
 * process started after it.
 */
const DIR_TTL_MS = 1000;
const dirCache = new Map<string, { real: string; at: number }>();

function realDir(dir: string, memo?: RealMemo): string {
  const now = Date.now();
  const hit = dirCache.get(dir);
  if (hit && now - hit.at < DIR_TTL_MS && now >= hit.at) return hit.real;
  const real = realish(dir, memo);
  if (dirCache.size > 256) dirCache.clear();
  dirCache.set(dir, { real, at: now });
  return real;
}

function under(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function airlockDirs(env: Env): { dir: string; why: string }[] {
  const home = homeDir(env);
  const pkg = packageRoot();
  return [
    { dir: path.join(pkg, 'node_modules'), why: "airlock's installation (the modules it loads)" },
    { dir: path.join(pkg, 'package.json'), why: "airlock's installation (its package manifest)" },
    { dir: configDir(env), why: "airlock's configuration and rulesets" },
    { dir: stateDir(env), why: "airlock's audit log" },
    { dir: runtimeDir(env), why: "airlock's approver socket" },
    { dir: path.join(pkg, 'rulesets'), why: "airlock's built-in rulesets" },
    { dir: path.join(pkg, 'dist'), why: 'the airlock program' },
    { dir: path.join(pkg, 'bin'), why: 'the airlock program' },
    { dir: defaultShimDir(env), why: "airlock's program shims" },
    { dir: path.join(home, '.local', 'share', 'airlock'), why: "airlock's data" },
  ];
}

/** Hook settings of every harness, generated from each harness's own `hookPaths`. */
export function harnessHookPaths(env: Env = process.env): { harness: HarnessName; files: string[]; dirs: string[]; absolute: string[] }[] {
  return HARNESSES.map((name) => {
    const hp = ADAPTERS[name].hookPaths;
    const absolute = [...(hp.system ?? [])];
    const moved = hp.envHome && env[hp.envHome.name];
    if (hp.envHome && moved) absolute.push(...hp.envHome.files.map((f) => path.resolve(moved, f)), ...hp.envHome.dirs.map((d) => path.resolve(moved, d)));
    return { harness: name, files: hp.files, dirs: hp.dirs, absolute };
  });
}

function hookVerdict(abs: string, env: Env): PathVerdict | null {
  const slashed = abs.split(path.sep).join('/');
  for (const h of harnessHookPaths(env)) {
    const why = `${h.harness} hook settings (airlock is installed there)`;
    for (const s of h.files) if (slashed.endsWith('/' + s)) return { path: abs, kind: 'airlock', why, harness: h.harness };
    for (const s of h.dirs) if (slashed.endsWith('/' + s) || slashed.includes('/' + s + '/')) return { path: abs, kind: 'airlock', why, harness: h.harness };
    for (const a of h.absolute) if (under(abs, a)) return { path: abs, kind: 'airlock', why, harness: h.harness };
  }
  return null;
}

/** Shell start-up files where the shell hooks and the shim PATH line live. */
export const RC_FILES = ['.bashrc', '.zshrc', '.profile', '.bash_profile', '.bash_login', '.zprofile', '.zshenv', '.bash_logout'];

/** Credential files by path relative to HOME. */
const CREDENTIAL_FILES = [
  '.railway/config.json',
  '.aws/credentials',
  '.pgpass',
  '.netrc',
  '.my.cnf',
  '.kube/config',
  '.docker/config.json',
  '.config/gh/hosts.yml',
  '.terraform.d/credentials.tfrc.json',
  '.fly/config.yml',
  '.supabase/access-token',
  '.config/gcloud/credentials.db',
  '.config/gcloud/access_tokens.db',
  '.config/gcloud/application_default_credentials.json',
  '.azure/accessTokens.json',
  '.azure/msal_token_cache.json',
  '.config/heroku/credentials',
  '.git-credentials',
];
const CREDENTIAL_DIRS = ['.config/gcloud/legacy_credentials'];

/** Why writing `p` is refused, or null. */
export function protectedForWrite(p: string, env: Env = process.env, cwd = process.cwd(), memo: RealMemo = new Map()): PathVerdict | null {
  const abs = realish(path.resolve(cwd, expandHome(p, env)), memo);
  const home = homeDir(env);
  for (const { dir, why } of airlockDirs(env)) {
    if (under(abs, realDir(dir, memo))) return { path: abs, kind: 'airlock', why };
  }
  const hook = hookVerdict(abs, env);
  if (hook) return hook;
  const realHome = realDir(home, memo);
  if (path.dirname(abs) === realHome && RC_FILES.includes(path.basename(abs))) {
    return { path: abs, kind: 'airlock', why: 'shell startup file (airlock hooks and the shim PATH line live there)' };
  }
  return credential(abs, realHome);
}

/** Why reading `p` is refused, or null. */
export function protectedForRead(p: string, env: Env = process.env, cwd = process.cwd(), memo: RealMemo = new Map()): PathVerdict | null {
  const abs = realish(path.resolve(cwd, expandHome(p, env)), memo);
  return credential(abs, realDir(homeDir(env), memo));
}

function credential(abs: string, home: string): PathVerdict | null {
  for (const f of CREDENTIAL_FILES) if (abs === path.join(home, f)) return { path: abs, kind: 'credentials', why: 'a credentials file' };
  for (const d of CREDENTIAL_DIRS) if (under(abs, path.join(home, d))) return { path: abs, kind: 'credentials', why: 'a credentials file' };
  if (path.dirname(abs) === path.join(home, '.ssh') && /^id_/.test(path.basename(abs)) && !abs.endsWith('.pub')) return { path: abs, kind: 'credentials', why: 'an SSH private key' };
  return null;
}

/**
 * Why deleting or moving `p` (recursively) is refused: it is protected itself, or it holds
 * something protected (`rm -rf ~/.claude`, `mv ~/.config /tmp`). Hook files are looked for on
 * disk below `p`, so an ordinary project directory stays deletable.
 */
export function protectedForRemove(p: string, env: Env = process.env, cwd = process.cwd(), memo: RealMemo = new Map()): PathVerdict | null {
  const own = protectedForWrite(p, env, cwd, memo);
  if (own?.kind === 'airlock') return own;
  const abs = realish(path.resolve(cwd, expandHome(p, env)), memo);
  if (abs === path.parse(abs).root) return { path: abs, kind: 'airlock', why: "it holds airlock's own files" };
  for (const { dir, why } of airlockDirs(env)) if (under(realDir(dir, memo), abs)) return { path: abs, kind: 'airlock', why: `it holds ${why}` };
  const home = realDir(homeDir(env), memo);
  if (under(home, abs)) return { path: abs, kind: 'airlock', why: 'it holds the hook settings of every agent harness' };
  for (const h of harnessHookPaths(env)) {
    for (const s of [...h.files, ...h.dirs]) {
      const segs = s.split('/');
      for (let i = 1; i < segs.length; i++) {
        const prefix = segs.slice(0, i).join('/');
        if (!abs.split(path.sep).join('/').endsWith('/' + prefix)) continue;
        if (fs.existsSync(path.join(abs, ...segs.slice(i)))) return { path: abs, kind: 'airlock', why: `it holds ${h.harness} hook settings (airlock is installed there)`, harness: h.harness };
      }
    }
    for (const a of h.absolute) if (under(a, abs) && fs.existsSync(a)) return { path: abs, kind: 'airlock', why: `it holds ${h.harness} hook settings`, harness: h.harness };
  }
  return null;
}
