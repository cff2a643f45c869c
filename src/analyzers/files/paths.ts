// Where a path argument lands, relative to the project (the cwd airlock was asked about):
// the class decides how bad deleting it is. Unknown pieces never make a path look safer.
import * as path from 'node:path';
import type { Target, Word } from '../../types';
import type { AnalyzeContext } from '../types';
import { climbedTo, cwdsOf } from './cwd';

export type PathClass =
  | 'root'
  | 'home'
  | 'system'
  | 'git-dir'
  | 'project-root'
  | 'outside'
  | 'unknown'
  | 'project'
  | 'build'
  | 'temp';

/** Most severe first: with several possible cwds (after `cd`), the worst reading wins. */
const RANK: PathClass[] = ['root', 'home', 'system', 'git-dir', 'project-root', 'outside', 'unknown', 'project', 'build', 'temp'];

export interface PathInfo {
  /** As written (value, or raw source when not resolvable). */
  path: string;
  /** Absolute and normalised ("~" kept when HOME is unknown); "" when unknown. */
  resolved: string;
  class: PathClass;
  /** Credentials, databases, env files, dotfiles in home: worth a confirm even in the project. */
  sensitive: boolean;
  glob: boolean;
}

/** Stand-in for $HOME when the environment is not known: absolute, so `..` math still works. */
const HOME_SYM = '/~home~';

/** Build output and caches an agent may delete freely (any path segment inside the project). */
export const BUILD_DIRS = new Set([
  'node_modules', 'dist', 'build', 'out', 'target', '.next', '.nuxt', '.svelte-kit', '.output', '.cache', '__pycache__',
  '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', 'coverage', '.nyc_output', 'tmp', '.tmp', 'temp', '.turbo',
  '.parcel-cache', '.vite', '.angular', '.gradle', '.dart_tool', '.eggs', '.venv', 'venv', 'vendor', '.terraform',
  'htmlcov', '.expo', 'storybook-static', '.docusaurus', '.vercel', '.serverless', 'bin', 'obj', '.build', 'DerivedData',
]);

/** Directories of the home that only hold caches and downloads a tool fetches again. */
const HOME_CACHES = ['.cache', 'Library/Caches', '.npm/_cacache', '.npm/_npx', '.yarn/cache', '.pnpm-store', '.gradle/caches', '.cargo/registry/cache', '.bun/install/cache', 'go/pkg/mod/cache'];

/** Top-level directories whose whole subtree belongs to the system. */
const DEEP_SYSTEM = new Set(['etc', 'usr', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32', 'boot', 'dev', 'proc', 'sys', 'var', 'System', 'Library', 'private', 'nix', 'snap', 'root', 'run']);
const TEMP_ROOTS = ['/tmp', '/var/tmp', '/private/tmp', '/private/var/tmp', '/dev/shm'];

export const SENSITIVE_NAME = /^(\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?|.*\.(db|sqlite|sqlite3|db3|mdb|dump|pem|key|p12|pfx|kdbx|tfstate)|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|\.ssh|\.gnupg|\.aws|\.kube|\.docker|\.netrc|\.pgpass|pgdata|\.password-store|credentials(\.json)?)$/i;

export function homeOf(ctx: AnalyzeContext): string {
  const h = ctx.env.HOME;
  return h && h.startsWith('/') ? h.replace(/\/+$/, '') || '/' : HOME_SYM;
}

function tmpdirOf(ctx: AnalyzeContext): string | null {
  const t = ctx.env.TMPDIR;
  return t && t.startsWith('/') && t !== '/' ? path.posix.normalize(t).replace(/\/+$/, '') : null;
}

/**
 * The text of a word with well-known variables put back: an unknown $HOME is still home,
 * an unknown $TMPDIR is a temp dir, $PWD and $(pwd) are the cwd. Null when anything else is unknown.
 */
export function wordText(w: Word, ctx: AnalyzeContext, cmdEnv: Record<string, string | null> = {}): { text: string; glob: boolean } | null {
  if (w.value !== null) return { text: w.value, glob: Boolean(w.glob) };
  const m = /^(?:"?\$\{(HOME|TMPDIR|PWD)(?::?-([^}$`]*))?\}"?|"?\$(HOME|TMPDIR|PWD)(?![A-Za-z0-9_])"?|`pwd`|"?\$\(pwd\)"?)(.*)$/s.exec(w.raw);
  if (!m) return null;
  const restRaw = m[4]!;
  if (/[$`\\]/.test(restRaw)) return null;
  // Quotes in the rest only stop globbing; an unquoted * after $HOME/ still expands.
  const glob = /[*?[]/.test(restRaw.replace(/"[^"]*"|'[^']*'/g, ''));
  const rest = restRaw.replace(/["']/g, '');
  const name = m[1] ?? m[3] ?? 'PWD';
  // `TMPDIR=/Users rm -rf $TMPDIR/x`: the line itself muddles what the variable means.
  if (name in cmdEnv) {
    const v = cmdEnv[name];
    const sane = name === 'TMPDIR' && v && TEMP_ROOTS.some((t) => under(path.posix.normalize(v), t));
    if (!sane) return null;
  }
  if (name === 'HOME') return { text: '~' + rest, glob };
  if (name === 'TMPDIR') return { text: (tmpdirOf(ctx) ?? '/tmp') + rest, glob };
  const cwds = cwdsOf(ctx);
  return cwds.length === 1 && cwds[0] ? { text: cwds[0] + rest, glob } : null;
}

export function classifyWord(w: Word, ctx: AnalyzeContext, cmdEnv: Record<string, string | null> = {}): PathInfo {
  const t = wordText(w, ctx, cmdEnv);
  if (t === null) return { path: w.raw, resolved: '', class: 'unknown', sensitive: false, glob: false };
  return classifyText(t.text, t.glob, ctx);
}

export function classifyText(text: string, glob: boolean, ctx: AnalyzeContext): PathInfo {
  const home = homeOf(ctx);
  let p = text;
  if (p === '~' || p.startsWith('~/')) p = home + p.slice(1);
  else if (/^~[A-Za-z0-9_.-]+(\/|$)/.test(p)) {
    // Someone else's home: as bad as ours; a directory inside it is someone else's files (outside),
    // unless a glob or `..` reaches the home itself.
    const inner = p.replace(/^~[^/]*\/*/, '');
    const top = !inner || glob && !inner.includes('/') || /(^|\/)\.\.(\/|$)/.test(inner);
    return { path: text, resolved: text, class: top ? 'home' : 'outside', sensitive: !top && inner.startsWith('.'), glob };
  }
  let wholeDir = false;
  if (glob) {
    // The glob can match any child of the directory before it; `..` after a glob is anyone's guess.
    const at = p.search(/[*?[]/);
    const after = p.slice(at);
    if (/(^|\/)\.\.(\/|$)/.test(after)) return { path: text, resolved: '', class: 'unknown', sensitive: false, glob };
    const slash = p.lastIndexOf('/', at);
    p = slash < 0 ? '.' : p.slice(0, slash) || '/';
    wholeDir = true;
  }
  // `../x` climbs out of where the agent works: a sibling project, even when that sits in /tmp.
  const climbsHere = !p.startsWith('/') && path.posix.normalize(p).startsWith('..');
  const bases = p.startsWith('/') ? [null] : cwdsOf(ctx);
  let best: PathInfo | null = null;
  for (const base of bases) {
    let info: PathInfo;
    if (!p.startsWith('/') && base === null) info = { path: text, resolved: '', class: 'unknown', sensitive: false, glob };
    else {
      const c = base === null ? p : path.posix.join(base, p);
      info = classifyAbsolute(path.posix.normalize(c).replace(/(.)\/+$/, '$1'), wholeDir, text, glob, ctx, home);
      if ((climbsHere || (base !== null && climbedTo(ctx, base))) && info.class === 'temp') info.class = 'outside';
    }
    if (!best || RANK.indexOf(info.class) < RANK.indexOf(best.class)) best = info;
  }
  return best!;
}

function under(p: string, dir: string): boolean {
  return dir === '/' ? p.startsWith('/') : p === dir || p.startsWith(dir + '/');
}

function classifyAbsolute(p: string, children: boolean, text: string, glob: boolean, ctx: AnalyzeContext, home: string): PathInfo {
  const resolved = p.startsWith(HOME_SYM) ? '~' + p.slice(HOME_SYM.length) : p;
  const out = (cls: PathClass, sensitive = false): PathInfo => ({ path: text, resolved, class: cls, sensitive, glob });
  const segs = p.split('/').filter(Boolean);
  const sensitive = segs.some((s) => SENSITIVE_NAME.test(s)) || (under(p, home) && p !== home && p.slice(home.length + 1).startsWith('.'));
  if (p === '/') return out('root');
  if (p === home || /^\/(home|Users)\/[^/]+$/.test(p) || p === '/root') return out('home');
  // Caches in the home (~/.cache, the package managers' download stores) are rebuilt on demand.
  if (home !== '/' && HOME_CACHES.some((c) => under(p, home + '/' + c))) return out('build', segs.some((s) => SENSITIVE_NAME.test(s)));
  const project = path.posix.normalize(ctx.cwd).replace(/(.)\/+$/, '$1');
  // A project that is itself / or a home dir does not make everything under it "the project".
  const projectUsable = project !== '/' && project !== home && segs.length > 0 && !isSystem(project, home);
  if (projectUsable && under(p, project)) {
    if (p === project) return out('project-root');
    const rel = p.slice(project.length + 1).split('/');
    if (rel.includes('.git')) return out('git-dir', sensitive);
    if (rel.some((s) => BUILD_DIRS.has(s))) return out('build');
    return out('project', sensitive);
  }
  const tmp = tmpdirOf(ctx);
  // A home that sits under /tmp (containers, CI, sandboxes) is still a home: what is under it is
  // the user's, not scratch space. Only a TMPDIR set inside the home keeps its own temp files.
  const inHome = home !== '/' && under(p, home) && TEMP_ROOTS.some((t) => under(home, t));
  const temps = (tmp ? [...TEMP_ROOTS, tmp] : TEMP_ROOTS).filter((t) => !inHome || (t === tmp && under(t, home) && t !== home));
  // The temp roots themselves hold other programs' sockets and files: system, not temp.
  if (temps.includes(p)) return out(children ? 'temp' : 'system');
  if (temps.some((t) => under(p, t)) || /^\/private\/var\/folders\/[^/]+\/[^/]+\/T(\/|$)/.test(p)) return out('temp');
  if (isSystem(p, home)) return out('system', sensitive);
  return out('outside', sensitive);
}

function isSystem(p: string, home: string): boolean {
  if (under(p, home)) return false;
  const segs = p.split('/').filter(Boolean);
  if (segs.length <= 1) return true; // /anything at the top level
  if (DEEP_SYSTEM.has(segs[0]!)) return true;
  // /home/<user>, /Users/<user>, /opt/<pkg>, /srv/<svc>, /mnt/<disk>, /Volumes/<disk>
  return segs.length <= 2 && ['home', 'Users', 'opt', 'srv', 'mnt', 'media', 'Volumes', 'Applications'].includes(segs[0]!);
}

/** Path targets for the environment of a finding: only paths outside the project say anything. */
export function pathTargets(infos: PathInfo[]): Target[] {
  return infos.filter((i) => ['root', 'home', 'system', 'outside'].includes(i.class) && i.resolved).map((i) => ({ kind: 'path', value: i.resolved }));
}
