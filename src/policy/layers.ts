// Where rulesets come from, besides the built-in ones, and which of them the agent can write.
//   user     $AIRLOCK_CONFIG_DIR/*.yaml (default ~/.config/airlock), config.yaml included
//   team     whatever a layer `extends` (a path, a git checkout dir, an npm package)
//   project  .airlock/*.yaml in every directory from cwd up to the repo root
//   cli      --ruleset files
//   system   <root>/etc/airlock/rulesets/*.yaml in hardened mode: root-owned, loaded last, trusted;
//            every other layer is then untrusted, so nothing below can disable or weaken it
// A file inside the working tree (repo root or cwd), or pulled in by `extends` from such a file,
// is untrusted: it may add rules and raise decisions, never disable, allow-list or relax.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configDir } from '../util/paths';

type Env = Record<string, string | undefined>;

export interface LayerFile {
  file: string;
  layer: 'user' | 'team' | 'project' | 'cli' | 'system';
  trusted: boolean;
}

const RULESET_FILE = /\.(ya?ml|json)$/;

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** The repo root above cwd (a directory holding .git), or cwd itself. */
export function workTreeOf(cwd: string): string {
  let dir = realpath(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return realpath(cwd);
    dir = up;
  }
}

export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(realpath(dir), realpath(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Untrusted when inside the working tree or under cwd (the agent writes there). */
export function agentWritable(file: string, workTree: string, cwd: string): boolean {
  return isInside(file, workTree) || isInside(file, cwd);
}

function listDir(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && RULESET_FILE.test(e.name))
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

export function userConfigDir(env: Env = process.env): string {
  return configDir(env);
}

/** User layer files, then project layer files (outermost directory first). */
export function discoverLayers(cwd: string, workTree: string, env: Env = process.env): LayerFile[] {
  const out: LayerFile[] = [];
  const user = userConfigDir(env);
  for (const file of listDir(user)) out.push({ file, layer: 'user', trusted: !agentWritable(file, workTree, cwd) });
  const dirs: string[] = [];
  let dir = realpath(cwd);
  for (;;) {
    dirs.unshift(dir);
    if (dir === workTree || !isInside(dir, workTree)) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of dirs) {
    const proj = path.join(d, '.airlock');
    if (path.resolve(proj) === path.resolve(user)) continue;
    for (const file of listDir(proj)) out.push({ file, layer: 'project', trusted: false });
  }
  return out;
}

/**
 * Resolves one `extends` entry, relative to the file that names it, to ruleset files:
 *  - a path to a file, or to a directory (a git checkout: its airlock.yaml/index.yaml, else every
 *    top-level *.yaml);
 *  - an npm package name (`airlock-rules-acme`, `@acme/airlock-rules`), found with
 *    require.resolve from the project dir, then from the user config dir; the package's
 *    package.json `airlock` field names its ruleset file(s), else `main`, else index.yaml.
 */
export function resolveExtends(spec: string, from: string, cwd: string, env: Env = process.env): string[] {
  const isPath = spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('~');
  if (isPath) {
    const home = env.HOME ?? '';
    const p = spec.startsWith('~') ? path.join(home, spec.slice(1)) : path.resolve(path.dirname(from), spec);
    return filesAt(p, spec);
  }
  const pkgJson = resolvePackage(spec, [cwd, path.dirname(from), userConfigDir(env)]);
  if (!pkgJson) throw new Error(`${from}: extends "${spec}": no such file, and no npm package of that name is installed (looked from ${cwd} and ${userConfigDir(env)})`);
  const dir = path.dirname(pkgJson);
  const meta = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { airlock?: string | string[]; main?: string };
  const named = meta.airlock ?? (meta.main && RULESET_FILE.test(meta.main) ? meta.main : undefined);
  if (named) return (Array.isArray(named) ? named : [named]).flatMap((f) => filesAt(path.resolve(dir, f), spec));
  return filesAt(dir, spec);
}

function resolvePackage(name: string, bases: string[]): string | null {
  for (const base of bases) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const req = (require('node:module') as typeof import('node:module')).createRequire(path.join(path.resolve(base), 'noop.js'));
      return req.resolve(`${name}/package.json`);
    } catch {
      /* not found from this base */
    }
  }
  return null;
}

function filesAt(p: string, spec: string): string[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    throw new Error(`extends "${spec}": ${p} does not exist`);
  }
  if (st.isFile()) return [p];
  for (const name of ['airlock.yaml', 'airlock.yml', 'index.yaml', 'index.yml', 'airlock.json']) {
    const f = path.join(p, name);
    if (fs.existsSync(f)) return [f];
  }
  const all = listDir(p);
  if (!all.length) throw new Error(`extends "${spec}": ${p} holds no ruleset files`);
  return all;
}

/** The system layer's files; only root-owned files not writable by others count. */
export function systemLayerFiles(cfg: { etcDir: string }): string[] {
  return listDir(path.join(cfg.etcDir, 'rulesets')).filter((f) => {
    try {
      const st = fs.statSync(f);
      return st.uid === 0 && (st.mode & 0o022) === 0;
    } catch {
      return false;
    }
  });
}
