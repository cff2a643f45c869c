// Deletes inside the project judged by what they would lose: a recursive rm of a directory, an
// rm of a glob, or a find with filters, whose every target is restorable from git (tracked and
// unmodified), ignored, or regenerable by name (build output, caches, bytecode) is marked
// `restorable`; otherwise the fact says how much would be lost (`lost`, `lostCount`). Anything we
// cannot list or ask git about stays unmarked, and the rules ask as before.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { cwdsOf } from './cwd';
import { describeLoss, lossOf, lostCount, type Loss, type StatusCache } from './git-state';
import { BUILD_DIRS, SENSITIVE_NAME } from './paths';
import { globNow } from '../../util/glob-now';
import { findMatches, type FindPlan } from './find-walk';

/** Files rebuilt by tools, whatever directory they sit in. */
const REGENERABLE_FILE = /(\.(pyc|pyo|class|o|obj|tsbuildinfo|eslintcache)|^\.DS_Store|^Thumbs\.db)$/;

export function regenerable(rel: string): boolean {
  const segs = rel.split('/');
  return segs.some((s) => BUILD_DIRS.has(s)) || REGENERABLE_FILE.test(segs.at(-1) ?? '');
}

const sensitive = (rel: string) => rel.split('/').some((s) => SENSITIVE_NAME.test(s));

/** One git answer per repository and check; never across checks (the tree changes between lines). */
const caches = new WeakMap<AnalyzeContext, StatusCache>();
function cacheOf(ctx: AnalyzeContext): StatusCache {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = new Map()));
  return c;
}

function mark(f: Fact, loss: Loss | null): void {
  if (!loss) return;
  f.lostCount = lostCount(loss);
  f.lost = describeLoss(loss);
  f.restorable = f.lostCount === 0;
}

/** Every directory relative paths may resolve against (after `cd`s), or null when one is unknown. */
function baseDirs(ctx: AnalyzeContext): string[] | null {
  const c = cwdsOf(ctx);
  return c.every((d): d is string => d !== null) ? c : null;
}

/** rm -r DIR / rm GLOB inside the project. */
export function judgeRmLoss(f: Fact, ctx: AnalyzeContext): void {
  if (ctx.noFileReads || (f.class !== 'project' && f.class !== 'project-root') || f.remote) return;
  if (!f.recursive && !f.glob) return;
  const bases = baseDirs(ctx);
  if (!bases) return;
  const written = String(f.path);
  if (/[$`]/.test(written) || written.startsWith('~')) return;
  const targets: string[] = [];
  for (const base of bases) {
    if (f.glob) {
      const m = globNow(written, base);
      if (m === null) return;
      targets.push(...m);
    } else targets.push(path.resolve(base, written));
  }
  if (!targets.length) {
    mark(f, { untracked: 0, modified: 0, ignoredData: 0, sample: [] });
    return;
  }
  // Everything regenerable by name needs no git at all.
  const rels = targets.map((t) => path.relative(ctx.cwd, t));
  if (rels.every((r) => !r.startsWith('..') && regenerable(r))) {
    mark(f, { untracked: 0, modified: 0, ignoredData: 0, sample: [] });
    return;
  }
  mark(f, lossOf(targets, Boolean(f.recursive), { regenerable, sensitive }, cacheOf(ctx)));
}

/**
 * Whether the files of the project can be looked at: reads allowed and the cwd there. A line
 * judged for a directory that does not exist (a pasted line, the rule examples) cannot say what a
 * file holds, so its files count as present and unknown to git.
 */
export function canLook(ctx: AnalyzeContext): boolean {
  if (ctx.noFileReads) return false;
  try {
    return fs.statSync(ctx.cwd).isDirectory();
  } catch {
    return false;
  }
}

/**
 * What overwriting (or emptying) the existing file `abs` inside the project would lose: its
 * untracked or uncommitted contents. null when git cannot say (no work tree, no answer); a count of
 * 0 when git has it all (tracked and unmodified, ignored, or regenerable by name).
 */
export function overwriteLoss(abs: string, ctx: AnalyzeContext): { lostCount: number; lost: string } | null {
  const rel = path.relative(ctx.cwd, abs);
  if (!rel.startsWith('..') && regenerable(rel)) return { lostCount: 0, lost: describeLoss({ untracked: 0, modified: 0, ignoredData: 0, sample: [] }) };
  const loss = lossOf([abs], false, { regenerable, sensitive }, cacheOf(ctx));
  return loss ? { lostCount: lostCount(loss), lost: describeLoss(loss) } : null;
}

/** find START FILTERS -delete / -exec rm: enumerate what the filters pick (bounded), then judge those. */
export function judgeFindLoss(f: Fact, plan: FindPlan | null, ctx: AnalyzeContext): void {
  if (ctx.noFileReads || !plan || f.remote) return;
  // In the user's own home (outside the project) only: a find whose filters pick nothing but
  // regenerable files (`find ~/projects -name node_modules -exec rm -rf {} +`) loses nothing.
  const home = ctx.env.HOME?.replace(/\/+$/, '');
  const inHome = f.class === 'outside' && Boolean(home?.startsWith('/')) && String(f.resolved).startsWith(home + '/');
  if (!inHome && !['project', 'project-root', 'build'].includes(String(f.class))) return;
  const bases = baseDirs(ctx);
  if (!bases || /[$`]/.test(String(f.path)) || (!inHome && String(f.path).startsWith('~'))) return;
  const found: string[] = [];
  for (const base of inHome ? [String(f.resolved)] : bases) {
    const start = inHome ? base : path.resolve(base, String(f.path));
    const got = findMatches(start, inHome ? start : String(f.path), plan, { skip: (rel) => BUILD_DIRS.has(rel.split('/').at(-1) ?? '') });
    if (got === null) return;
    found.push(...got);
  }
  if (inHome) {
    // Outside a work tree git says nothing: only regenerable matches (or none) are restorable.
    const all = found.every((m) => regenerable(path.relative(home!, m)));
    if (all) mark(f, { untracked: 0, modified: 0, ignoredData: 0, sample: [] });
    return;
  }
  const subtree = plan.recursiveExec;
  const cwd = ctx.cwd.replace(/\/+$/, '');
  const rels = found.map((m) => (m.startsWith(cwd + '/') && !m.includes('/./') && !m.includes('/../') ? m.slice(cwd.length + 1) : path.relative(ctx.cwd, m)));
  const inGitDir = rels.some((r) => r === '.git' || r.startsWith('.git/') || r.includes('/.git/') || r.endsWith('/.git'));
  if (inGitDir) return;
  const rest = found.filter((_m, i) => !regenerable(rels[i]!));
  if (!rest.length) {
    mark(f, { untracked: 0, modified: 0, ignoredData: 0, sample: [] });
    return;
  }
  mark(f, lossOf(rest, subtree, { regenerable, sensitive }, cacheOf(ctx)));
}
