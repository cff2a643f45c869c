// What a recursive search would read, enumerated read-only and bounded: a search for a credential
// word (`grep -rn password .`) inside a project prints credentials only if the files it reads hold
// them. Files named like secrets (.env, keys, token stores, *.tfvars...), files in directories that
// hold credentials, configuration and settings files whose values include a credential (a known
// provider's token, or a credential key given a literal value), and a .git/config with a token in a
// remote URL are what it would expose; a tree
// with none of them is the project's source, read for a name. Past the bound (entries or time), or
// at a symlink (where it leads is not enumerated), the scope is unknown and the search asks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSecretName } from '../../scan/walk';
import { detectKnown } from '../../scan/detect';

/** Enumeration bounds: past either one the scope is unknown. */
export const SCOPE_MAX_ENTRIES = 10_000;
export const SCOPE_MAX_MS = 100;

/**
 * Dependency trees: third-party package contents, restorable from their registry. Secrets found in
 * them are not the project's (src/scan/walk.ts skips the same trees for the same reason).
 */
const DEPENDENCY_DIRS = new Set(['node_modules', '.venv', 'venv', '__pycache__', 'site-packages', '.tox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.pnpm-store', '.yarn']);
/** Git's object store and logs hold no readable credentials; its config may (a token in a remote URL). */
const GIT_SKIP = new Set(['objects', 'logs', 'refs', 'lfs']);
/** Directories whose files are credentials whatever they are named. */
const CREDENTIAL_DIRS = /^(\.aws|\.ssh|\.gnupg|\.kube|\.docker|\.azure|\.gcloud|\.railway|\.vercel|\.netlify|\.supabase|\.terraform\.d|secrets?|credentials?|private)$/i;
const URL_CREDENTIAL = /:\/\/[^/\s:@]+:[^/\s@]+@/;
/** Directories of a project that hold configuration, and the settings files anywhere: their values are read. */
const CONFIG_DIRS = /^(config|configs|conf|env|envs|deploy|settings)$/i;
const SETTINGS_FILE = /(^(settings|config|configuration|application|database|secrets?|local)([._-][^/]*)?\.(py|js|cjs|mjs|ts|json|ya?ml|toml|ini|cfg|conf|properties|rb|php|xml)$)|\.(ini|cfg|conf|properties|toml|ya?ml)$/i;
/** A credential-named key given a literal value (not a reference to the environment or a template). */
const LITERAL_CREDENTIAL = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key)[\w-]*["']?\s*[:=]\s*["']?(?![$<{%]|ENV|env\b|os\.|process\.|None|null|nil|true|false|changeme)[^\s"'#,;]{4,}/i;
const MAX_VALUE_READS = 200;
const MAX_VALUE_BYTES = 64 * 1024;

export interface SearchScope {
  /** True when every file the search would read was listed within the bounds. */
  complete: boolean;
  /** Files in scope that hold or are named like credentials (relative to cwd), at most a few. */
  secrets: string[];
}

/** The include globs of a search (grep --include=GLOB, rg -g GLOB / --glob=GLOB), negations left out. */
export function includeGlobs(program: string, args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (program === 'grep' || program === 'egrep' || program === 'fgrep') {
      if (a.startsWith('--include=')) out.push(a.slice(10));
      else if (a === '--include') out.push(args[++i] ?? '');
    } else if (program === 'rg') {
      if (a.startsWith('--glob=') || a.startsWith('--iglob=')) out.push(a.slice(a.indexOf('=') + 1));
      else if (a === '-g' || a === '--glob' || a === '--iglob') out.push(args[++i] ?? '');
    }
  }
  return out.filter((g) => g && !g.startsWith('!'));
}

/**
 * The credential-bearing files a recursive search of `roots` (resolved against cwd) would read.
 * include: basename globs the search is restricted to (none: every file). Roots must lie inside cwd.
 */
export function searchScope(roots: string[], cwd: string, include: string[], now: () => number = Date.now): SearchScope {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = require('picomatch') as typeof import('picomatch');
  const included = include.length ? picomatch(include, { dot: true, basename: true }) : () => true;
  const start = now();
  const budget = { n: SCOPE_MAX_ENTRIES };
  const secrets: string[] = [];
  let complete = true;
  let valueReads = MAX_VALUE_READS;
  /** A configuration file's values: a known provider's credential, or a credential key with a literal value. */
  const holdsValues = (rel: string, abs: string): boolean => {
    if (--valueReads < 0) {
      complete = false;
      return false;
    }
    try {
      const fd = fs.openSync(abs, 'r');
      const buf = Buffer.alloc(MAX_VALUE_BYTES);
      const n = fs.readSync(fd, buf, 0, MAX_VALUE_BYTES, 0);
      fs.closeSync(fd);
      const text = buf.subarray(0, n).toString('utf8');
      return detectKnown(rel, text).length > 0 || LITERAL_CREDENTIAL.test(text);
    } catch {
      complete = false;
      return false;
    }
  };
  const consider = (rel: string, abs: string) => {
    if (!included(path.basename(rel))) return;
    const segs = rel.split('/');
    // Token-store globs (**/.config/gh/hosts.yml) and credential directories are judged on the whole path.
    if (isSecretName(abs) || isSecretName(rel) || abs.split('/').slice(0, -1).some((s) => CREDENTIAL_DIRS.test(s))) secrets.push(rel);
    else if ((segs.slice(0, -1).some((s) => CONFIG_DIRS.test(s)) || SETTINGS_FILE.test(segs.at(-1)!)) && holdsValues(rel, abs)) secrets.push(rel);
    else if (rel === '.git/config' || rel.endsWith('/.git/config')) {
      try {
        if (URL_CREDENTIAL.test(fs.readFileSync(abs, 'utf8'))) secrets.push(rel);
      } catch {
        complete = false;
      }
    }
  };
  const walk = (abs: string, rel: string): void => {
    if (!complete || secrets.length >= 5) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      complete = false;
      return;
    }
    for (const e of entries) {
      if (--budget.n < 0 || now() - start > SCOPE_MAX_MS) {
        complete = false;
        return;
      }
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const childAbs = path.join(abs, e.name);
      if (e.isSymbolicLink()) {
        complete = false;
        return;
      }
      if (e.isDirectory()) {
        if (DEPENDENCY_DIRS.has(e.name)) continue;
        if (rel.endsWith('.git') && rel.split('/').at(-1) === '.git' && GIT_SKIP.has(e.name)) continue;
        walk(childAbs, childRel);
        if (!complete) return;
      } else if (e.isFile()) consider(childRel, childAbs);
    }
  };
  for (const root of roots) {
    const abs = path.resolve(cwd, root);
    const rel = path.relative(cwd, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { complete: false, secrets };
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(abs);
    } catch {
      continue; // nothing there: the search reads nothing
    }
    if (stat.isSymbolicLink()) return { complete: false, secrets };
    if (stat.isFile()) consider(rel || path.basename(abs), abs);
    else if (stat.isDirectory()) walk(abs, rel);
    if (!complete) break;
  }
  return { complete, secrets };
}
