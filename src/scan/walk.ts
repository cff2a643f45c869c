// Which files of a tree to read. In a git work tree, git itself lists the files it does not
// ignore (fast, and exactly .gitignore's semantics); ignored files and directories are then
// walked by name only, and those named like secrets (.env*, *.tfvars, keys, token stores) are
// read too: an agent reads ignored files as easily as any other.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { secretKind } from './secret-files';

export interface TreeFile {
  /** Relative to the scanned root. */
  rel: string;
  abs: string;
  ignored: boolean;
}

/** Never descended: dependency and VCS trees (their secrets, if any, are not the project's). */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.terraform', '.next', '.cache', '.npm', '.pnpm-store', '.yarn', 'vendor', 'target', '.gradle', '.tox', '.mypy_cache']);
const BINARY = /\.(png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|o|a|wasm|woff2?|ttf|otf|eot|mp[34]|mov|avi|webm|ogg|wav|flac|sqlite3?|db|pyc|node|bin|lock)$/i;
const MAX_ENTRIES = 200_000;

export function isSecretName(rel: string): boolean {
  return secretKind(rel) !== null || /\.tfvars(\.json)?$|(^|\/)terraform\.tfstate(\.backup)?$|\.(pem|key|p12|pfx|jks|keystore|ppk)$|(^|\/)(id_rsa|id_ed25519|id_ecdsa|id_dsa)$|(^|\/)credentials(\.json)?$|(^|\/)\.(npmrc|pypirc|netrc|pgpass|git-credentials|vault-token)$/i.test(rel);
}

export function isReadable(rel: string): boolean {
  return !BINARY.test(rel) || isSecretName(rel);
}

function gitList(root: string, args: string[]): string[] | null {
  try {
    const out = execFileSync('git', ['-C', root, 'ls-files', '-z', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** Name-only walk of a directory (ignored dirs, or a tree outside git). */
function walkNames(root: string, relDir: string, out: (rel: string) => void, budget: { n: number }): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, relDir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (budget.n-- <= 0) return;
    const rel = relDir ? `${relDir}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walkNames(root, rel, out, budget);
    } else if (e.isFile()) out(rel);
  }
}

/** Every file to read under root: not-ignored readable files, and ignored files named like secrets. */
export function treeFiles(root: string): TreeFile[] {
  const abs = path.resolve(root);
  const stat = fs.statSync(abs);
  if (stat.isFile()) return [{ rel: path.basename(abs), abs, ignored: false }];
  const files: TreeFile[] = [];
  const tracked = gitList(abs, ['--cached', '--others', '--exclude-standard']);
  const budget = { n: MAX_ENTRIES };
  if (tracked === null) {
    walkNames(abs, '', (rel) => isReadable(rel) && files.push({ rel, abs: path.join(abs, rel), ignored: false }), budget);
    return files;
  }
  for (const rel of tracked) if (isReadable(rel) && !rel.split('/').some((p) => SKIP_DIRS.has(p))) files.push({ rel, abs: path.join(abs, rel), ignored: false });
  const ignored = gitList(abs, ['--others', '--ignored', '--exclude-standard', '--directory']) ?? [];
  for (const rel of ignored) {
    if (rel.endsWith('/')) {
      const dir = rel.slice(0, -1);
      if (dir.split('/').some((p) => SKIP_DIRS.has(p))) continue;
      walkNames(abs, dir, (r) => isSecretName(r) && files.push({ rel: r, abs: path.join(abs, r), ignored: true }), budget);
    } else if (isSecretName(rel)) files.push({ rel, abs: path.join(abs, rel), ignored: true });
  }
  return files;
}
