// What a pathname glob matches right now, the way bash expands it before running the command
// (`bash ./c?.sh`). Only the last segment may hold the pattern; a pattern in a directory part, a
// directory we cannot list or one too large to list cheaply answers null (the caller treats it as unknown).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Entries read at most; past this the answer is null rather than slow. */
export const MAX_GLOB_ENTRIES = 10_000;

const GLOB_CHARS = /[*?[]/;

export function globNow(pattern: string, cwd: string): string[] | null {
  const abs = path.resolve(cwd, pattern);
  const dir = path.dirname(abs);
  const base = path.basename(abs);
  if (GLOB_CHARS.test(dir)) return null;
  if (!GLOB_CHARS.test(base)) return fs.existsSync(abs) ? [abs] : [];
  let names: string[];
  try {
    const d = fs.opendirSync(dir);
    names = [];
    try {
      for (let e = d.readSync(); e; e = d.readSync()) {
        names.push(e.name);
        if (names.length > MAX_GLOB_ENTRIES) return null;
      }
    } finally {
      d.closeSync();
    }
  } catch {
    return null;
  }
  // bash: a leading dot must be matched explicitly (dotglob off).
  // Required here, not at the top: only a line with a glob to expand pays for loading picomatch.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = require('picomatch') as typeof import('picomatch');
  const isMatch = picomatch(base, { dot: base.startsWith('.'), bash: true });
  return names.filter((n) => isMatch(n)).sort().map((n) => path.join(dir, n));
}
