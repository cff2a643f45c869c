// A plain (non-recursive) rm of the user's own files in their home, outside the project: nothing
// git or a build can give back. Counted on disk (read-only): files that exist, or that a glob
// matches now. Regenerable names (caches, bytecode, build output) and dotfiles judged elsewhere
// (sensitive names) do not count; a path we cannot resolve is left to the unknown-path rules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { homeOf } from './paths';
import { regenerable } from './loss';
import { globNow } from '../../util/glob-now';

/** Existing files a non-recursive rm would remove from the home, or 0 (none, or not in the home). */
export function homeFilesLost(f: Fact, ctx: AnalyzeContext): number {
  if (f.class !== 'outside' || f.recursive || f.remote) return 0;
  const written = String(f.path);
  const p = String(f.resolved ?? f.path);
  if (/[$`]/.test(written)) return 0;
  // Cannot look (reads off, or HOME unknown, as in `airlock explain` of a pasted line): like the
  // overwrite rules, assume the named file is there.
  if (p.startsWith('~/') && !ctx.env.HOME) return regenerable(p.slice(2)) || p.startsWith('~/.cache/') ? 0 : 1;
  const home = homeOf(ctx);
  if (home === '/') return 0;
  if (ctx.noFileReads) return (f.glob ? written : p).startsWith(home + '/') ? 1 : 0;
  const abs = f.glob ? written : p;
  if (!abs.startsWith(home + '/')) return 0;
  const rel = abs.slice(home.length + 1);
  if (regenerable(rel) || rel.split('/').includes('.cache')) return 0;
  const paths = f.glob ? globNow(abs, ctx.cwd) : [abs];
  if (!paths) return 0;
  let n = 0;
  for (const q of paths) {
    try {
      // rm without -r removes files and links, never directories.
      if (!fs.lstatSync(q).isDirectory() && !regenerable(path.relative(home, q))) n++;
    } catch {
      // not there: nothing to lose
    }
  }
  return n;
}
