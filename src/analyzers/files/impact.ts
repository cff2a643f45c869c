// Files: how many files and bytes a delete reaches, how many of them git does not have (untracked)
// or has with changes (modified), and a few example paths. The walk stops at the deadline or at
// MAX_ENTRIES and then says "at least".
import * as fs from 'fs';
import * as path from 'path';
import type { Fact } from '../../types';
import { formatBytes } from '../../util/format-bytes';
import { workTreeState } from './work-tree';
import type { Impact, Lookup, LookupContext } from '../providers';

export const MAX_ENTRIES = 200_000;
const EXAMPLES = 3;
const DELETES = new Set(['file-delete', 'file-truncate', 'file-sync-delete']);

export interface Tally {
  files: number;
  dirs: number;
  bytes: number;
  /** Stopped early (deadline, entry limit): the numbers are lower bounds. */
  partial: boolean;
  examples: string[];
}

/** Walks `root` without following symlinks (a symlink counts as one file, as rm sees it). */
export function tally(root: string, deadline: number, max = MAX_ENTRIES): Tally {
  const t: Tally = { files: 0, dirs: 0, bytes: 0, partial: false, examples: [] };
  let st: fs.Stats;
  try {
    st = fs.lstatSync(root);
  } catch {
    return t;
  }
  if (!st.isDirectory()) {
    t.files = 1;
    t.bytes = st.size;
    t.examples.push(root);
    return t;
  }
  const stack = [root];
  let seen = 0;
  while (stack.length) {
    if (++seen % 256 === 0 && Date.now() > deadline) return { ...t, partial: true };
    if (t.files + t.dirs > max) return { ...t, partial: true };
    const dir = stack.pop()!;
    t.dirs++;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else {
        t.files++;
        try {
          t.bytes += fs.lstatSync(p).size;
        } catch {
          // vanished
        }
        if (t.examples.length < EXAMPLES) t.examples.push(p);
      }
    }
  }
  return t;
}

function insideGit(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

export async function filesImpact(fact: Fact, ctx: LookupContext): Promise<Impact | null> {
  if (!DELETES.has(fact.type) || typeof fact.resolved !== 'string' || !fact.resolved) return null;
  const target = fact.resolved;
  if (!fs.existsSync(target)) return { source: 'files', status: 'looked-up', summary: [`${fact.path ?? target} does not exist (nothing to delete)`], details: { files: 0, bytes: 0 } };
  const t = tally(target, ctx.deadline);
  const rel = (p: string) => path.relative(ctx.cwd, p) || p;
  const at = t.partial ? 'at least ' : '';
  const summary = [`${at}${t.files} files, ${formatBytes(t.bytes)} in ${rel(target)}${t.examples.length ? ` (e.g. ${t.examples.map(rel).join(', ')})` : ''}`];
  const details: Record<string, unknown> = { files: t.files, dirs: t.dirs, bytes: t.bytes, partial: t.partial, examples: t.examples.map(rel) };
  const base = fs.statSync(target).isDirectory() ? target : path.dirname(target);
  if (insideGit(base)) {
    try {
      const s = await workTreeState(ctx, base, [path.basename(target) === target ? target : path.relative(base, target) || '.']);
      details.untracked = s.untracked.length;
      details.modified = s.modified.length;
      if (s.untracked.length || s.modified.length)
        summary.push(`${s.untracked.length} untracked (not in git, gone for good) and ${s.modified.length} with uncommitted changes`);
      else summary.push('all of it is committed in git');
    } catch (e) {
      summary.push(`git status: could not look up (${(e as Error).message})`);
    }
  }
  return { source: 'files', status: 'looked-up', summary, details };
}

/** The family's impact lookup (its declaration's `impact`), loaded by src/impact through the generated table. */
export const lookup: Lookup = filesImpact;
