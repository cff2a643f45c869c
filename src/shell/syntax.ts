// Two places where bash's own reading of a line decides what airlock does.
import * as path from 'node:path';

/**
 * Bash removes backslash-newline before it splits words (`git re\\<newline>set --hard` is
 * `git reset --hard`), except inside single quotes. tree-sitter keeps them as separators.
 */
export function joinContinuations(line: string): string {
  if (!line.includes('\\\n')) return line;
  let out = '';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      out += c;
      continue;
    }
    if (c === '\\') {
      if (line[i + 1] === '\n') {
        i++;
        continue;
      }
      out += c + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === "'" && quote === null) quote = "'";
    else if (c === '"') quote = quote === '"' ? null : '"';
    out += c;
  }
  return out;
}

const cache = new Map<string, boolean>();

/**
 * tree-sitter-bash and the shells disagree on a few corners. When the tree has errors, ask the
 * shells that may run the line to parse it (`-n`: parse only, run nothing). Only a line that
 * every one of them rejects runs nothing at all. The default (nothing known about the shell) is
 * bash and zsh both, since zsh accepts lines bash refuses (`for x (/ ~) rm -rf $x`).
 */
export function shellRejects(line: string, shells: string[] = ['bash', 'zsh']): boolean {
  const key = `${shells.join(',')}\0${line}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (cache.size > 256) cache.clear();
  const v = shells.every((sh) => rejectsWith(sh, line));
  cache.set(key, v);
  return v;
}

function rejectsWith(shell: string, line: string): boolean {
  const name = path.basename(shell);
  // Shells airlock does not know (fish, a custom path) may read anything: never "rejected".
  if (!/^(bash|zsh|sh|dash)$/.test(name)) return false;
  // Required here: child_process costs every start-up a few ms, and most lines never get here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const r = spawnSync(shell, ['-n', '-c', line], { stdio: 'ignore', timeout: 1000 });
  // A shell that is not installed will not run the line either.
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') return true;
  return r.status !== null && r.status !== 0;
}
