// Paths an agent's file tools (Write/Edit/Read...) must not touch. Writes to airlock's own
// config, rulesets, runtime, audit log, shims and the harness hook files would switch the
// guard off; reads of cloud/database credential files are how an agent finds a token it was
// never given (the PocketOS incident). Deliberately simple: prefixes and basenames.
import * as fs from 'fs';
import * as path from 'path';
import { configDir, runtimeDir, stateDir } from '../../util/paths';
import { bundlePath, expandHome, homeDir } from '../install/self';
import { defaultShimDir } from '../shims/shims';

type Env = Record<string, string | undefined>;

export interface PathVerdict {
  path: string;
  kind: 'airlock' | 'credentials';
  why: string;
}

/** Resolves symlinks of the longest existing prefix, so a symlink cannot hide the target. */
export function realish(p: string): string {
  let cur = path.resolve(p);
  const rest: string[] = [];
  for (let i = 0; i < 64; i++) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) break;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
  return path.resolve(p);
}

function under(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function airlockDirs(env: Env): { dir: string; why: string }[] {
  const home = homeDir(env);
  const pkg = path.dirname(path.dirname(bundlePath()));
  return [
    { dir: configDir(env), why: "airlock's configuration and rulesets" },
    { dir: stateDir(env), why: "airlock's audit log" },
    { dir: runtimeDir(env), why: "airlock's approver socket" },
    { dir: path.join(pkg, 'rulesets'), why: "airlock's built-in rulesets" },
    { dir: path.join(pkg, 'dist'), why: 'the airlock program' },
    { dir: path.join(pkg, 'bin'), why: 'the airlock program' },
    { dir: defaultShimDir(env), why: "airlock's program shims" },
    { dir: path.join(home, '.local', 'share', 'airlock'), why: "airlock's data" },
    { dir: path.join(home, 'Documents', 'Cline', 'Hooks'), why: 'Cline hooks (airlock is installed there)' },
  ];
}

/** Files (by path suffix) where harness hooks, shell hooks and the PATH line are installed. */
const HOOK_FILE_SUFFIXES = [
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.cursor/hooks.json',
  '.codex/hooks.json',
  '.codex/config.toml',
  '.gemini/settings.json',
  '.codeium/windsurf/hooks.json',
  '.windsurf/hooks.json',
];
const HOOK_DIR_SUFFIXES = ['.github/hooks', '.clinerules/hooks', '.claude/hooks'];
const RC_FILES = ['.bashrc', '.zshrc', '.profile', '.bash_profile', '.bash_login', '.zprofile', '.zshenv', '.bash_logout'];

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
export function protectedForWrite(p: string, env: Env = process.env, cwd = process.cwd()): PathVerdict | null {
  const abs = realish(path.resolve(cwd, expandHome(p, env)));
  const home = homeDir(env);
  for (const { dir, why } of airlockDirs(env)) {
    if (under(abs, realish(dir))) return { path: abs, kind: 'airlock', why };
  }
  const slashed = abs.split(path.sep).join('/');
  for (const s of HOOK_FILE_SUFFIXES) if (slashed.endsWith('/' + s)) return { path: abs, kind: 'airlock', why: 'agent hook settings (airlock is installed there)' };
  for (const s of HOOK_DIR_SUFFIXES) if (slashed.includes('/' + s + '/')) return { path: abs, kind: 'airlock', why: 'agent hooks (airlock is installed there)' };
  const realHome = realish(home);
  if (path.dirname(abs) === realHome && RC_FILES.includes(path.basename(abs))) {
    return { path: abs, kind: 'airlock', why: 'shell startup file (airlock hooks and the shim PATH line live there)' };
  }
  return credential(abs, realHome);
}

/** Why reading `p` is refused, or null. */
export function protectedForRead(p: string, env: Env = process.env, cwd = process.cwd()): PathVerdict | null {
  const abs = realish(path.resolve(cwd, expandHome(p, env)));
  return credential(abs, realish(homeDir(env)));
}

function credential(abs: string, home: string): PathVerdict | null {
  for (const f of CREDENTIAL_FILES) if (abs === path.join(home, f)) return { path: abs, kind: 'credentials', why: 'a credentials file' };
  for (const d of CREDENTIAL_DIRS) if (under(abs, path.join(home, d))) return { path: abs, kind: 'credentials', why: 'a credentials file' };
  if (path.dirname(abs) === path.join(home, '.ssh') && /^id_/.test(path.basename(abs)) && !abs.endsWith('.pub')) return { path: abs, kind: 'credentials', why: 'an SSH private key' };
  return null;
}
