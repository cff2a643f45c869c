// What a delete inside a git work tree would lose that git cannot give back: untracked files and
// uncommitted changes. Tracked, unmodified files come back with `git checkout`; ignored files are
// build output and caches by convention (credentials and databases among them are judged by name
// elsewhere). Read-only (`GIT_OPTIONAL_LOCKS=0`: status does not even refresh the index), bounded in
// time and output, and every failure answers null so the caller asks.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readIndex, unchanged, type GitIndex } from './git-index';

export const GIT_TIMEOUT_MS = 300;
/** Status entries read at most; more is too much to judge quickly, so it counts as unknown. */
export const MAX_STATUS_ENTRIES = 10_000;

export interface StatusEntry {
  /** Relative to the work tree's top, '/'-separated; directories (ignored as a whole) end in '/'. */
  path: string;
  /** untracked: git has never seen it; modified: a change not in a commit; ignored: .gitignore'd. */
  kind: 'untracked' | 'modified' | 'ignored';
}

export interface RepoStatus {
  top: string;
  entries: StatusEntry[];
}

/** The work tree holding `p` (walking up to a `.git` entry), or null. Stays on the filesystem: no spawn. */
export function workTreeOf(p: string): string | null {
  let dir = path.resolve(p);
  for (;;) {
    try {
      fs.statSync(path.join(dir, '.git'));
      return dir;
    } catch {
      // not here
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Output records of a read-only git command run in the work tree (bounded, timed out); null on any failure. */
export function gitLines(top: string, args: string[], sep = '\0', runIn = top): string[] | null {
  try {
    const out = execFileSync('git', ['-C', runIn, '--no-optional-locks', ...args], {
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: 4 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    });
    const recs = out.toString('utf8').split(sep).filter((r) => r !== '');
    return recs.length > MAX_STATUS_ENTRIES ? null : recs;
  } catch {
    return null;
  }
}

/** Answers already read during one check (the caller owns it: a resident checker must not reuse them). */
export type StatusCache = Map<string, RepoStatus | null>;

/** `git status` of the pathspecs (relative to top) in the work tree at top; null on any failure. */
export function repoStatus(top: string, specs: string[] = ['.'], cache: StatusCache = new Map()): RepoStatus | null {
  const key = top + '\0' + specs.join('\0');
  if (cache.has(key)) return cache.get(key)!;
  let out: Buffer;
  try {
    out = execFileSync('git', ['-C', top, '--no-optional-locks', 'status', '--porcelain=v1', '-z', '--ignored=matching', '--untracked-files=all', '--no-renames', '--', ...specs], {
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: 4 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    });
  } catch {
    cache.set(key, null);
    return null;
  }
  const entries: StatusEntry[] = [];
  const parts = out.toString('utf8').split('\0');
  for (const rec of parts) {
    if (rec.length < 4) continue;
    if (entries.length >= MAX_STATUS_ENTRIES) {
      cache.set(key, null);
      return null;
    }
    const xy = rec.slice(0, 2);
    const p = rec.slice(3);
    if (xy === '??') entries.push({ path: p, kind: 'untracked' });
    else if (xy === '!!') entries.push({ path: p, kind: 'ignored' });
    // Gone from the work tree already (deleted, staged or not): a delete cannot lose it again.
    else if (xy[0] === 'D' || xy[1] === 'D') continue;
    else entries.push({ path: p, kind: 'modified' });
  }
  const st = { top, entries };
  cache.set(key, st);
  return st;
}

export interface Loss {
  untracked: number;
  modified: number;
  /** Ignored files whose names say they are data or credentials (databases, env files, keys). */
  ignoredData: number;
  /** A few of the lost paths, for the human. */
  sample: string[];
}

export const lostCount = (l: Loss): number => l.untracked + l.modified + l.ignoredData;

export function describeLoss(l: Loss): string {
  const parts: string[] = [];
  if (l.modified) parts.push(`${l.modified} modified`);
  if (l.untracked) parts.push(`${l.untracked} untracked`);
  if (l.ignoredData) parts.push(`${l.ignoredData} ignored data`);
  const n = lostCount(l);
  return n === 0 ? 'nothing git cannot restore' : `${parts.join(', ')} file${n === 1 ? '' : 's'} (${l.sample.join(', ')}${n > l.sample.length ? ', …' : ''})`;
}

export interface LossOptions {
  /** Paths git does not need to restore: build output and caches, judged by name. */
  regenerable(rel: string): boolean;
  /** Names that hold data or credentials even when ignored. */
  sensitive(rel: string): boolean;
}

/**
 * What deleting `targets` (absolute; each with its whole subtree when `subtree`) would lose.
 * null: not inside one work tree, a target inside .git, or git could not answer.
 */
export function lossOf(targets: string[], subtree: boolean, o: LossOptions, cache?: StatusCache): Loss | null {
  if (!targets.length) return null;
  const top = workTreeOf(targets[0]!);
  if (!top) return null;
  const rels: string[] = [];
  for (const t of targets) {
    // Targets are absolute and normalized: most sit under top, where a slice is the relative path
    // (path.relative on every one of a find's thousands of matches showed in the profile).
    const rel = t.startsWith(top + '/') && !t.includes('/./') && !t.includes('/../') ? t.slice(top.length + 1) : path.relative(top, path.resolve(t)).split(path.sep).join('/');
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    // The work tree itself, or its repository: history and stashes are not in any status line.
    if (rel === '' || rel === '.git' || rel.startsWith('.git/')) return null;
    rels.push(rel);
  }
  // Most deletes remove committed, untouched files: the index alone says so, without a git process.
  if (allClean(top, rels, subtree, o)) return { untracked: 0, modified: 0, ignoredData: 0, sample: [] };
  // A nested repository (its own .git) inside a target: git status of the outer tree shows it as
  // one untracked directory, which already counts as lost.
  const st = repoStatus(top, rels.length <= 64 ? rels.map((r) => ':(literal)' + r) : ['.'], cache);
  if (!st) return null;
  const loss: Loss = { untracked: 0, modified: 0, ignoredData: 0, sample: [] };
  for (const e of st.entries) {
    const p = e.path.replace(/\/$/, '');
    const hit = rels.some((r) => p === r || (subtree && p.startsWith(r + '/')) || (e.path.endsWith('/') && r.startsWith(p + '/')));
    if (!hit) continue;
    if (o.regenerable(p)) continue;
    if (e.kind === 'ignored' && !o.sensitive(p)) continue;
    if (e.kind === 'ignored') loss.ignoredData++;
    else if (e.kind === 'untracked') loss.untracked++;
    else loss.modified++;
    if (loss.sample.length < 3) loss.sample.push(p);
  }
  return loss;
}

/** Entries lstat'ed at most by the index fast path before it gives up and asks git. */
export const MAX_CLEAN_WALK = 10_000;

/**
 * True when every file under the targets is in the index with its recorded size and mtime, or is
 * regenerable by name. False means "ask git", never "something is lost".
 */
function allClean(top: string, rels: string[], subtree: boolean, o: LossOptions): boolean {
  const index: GitIndex | null = readIndex(top);
  if (!index) return false;
  let budget = MAX_CLEAN_WALK;
  const targets = new Set(rels);
  const stack = [...rels];
  while (stack.length) {
    const rel = stack.pop()!;
    if (--budget < 0) return false;
    if (o.regenerable(rel)) continue;
    let st: fs.BigIntStats;
    try {
      st = fs.lstatSync(path.join(top, rel), { bigint: true });
    } catch {
      if (targets.has(rel)) continue; // a missing target: nothing there to lose
      return false;
    }
    if (st.isDirectory()) {
      if (!subtree) continue;
      if (path.posix.basename(rel) === '.git' || !index.dirs.has(rel)) return false;
      let names: string[];
      try {
        names = fs.readdirSync(path.join(top, rel));
      } catch {
        return false;
      }
      for (const n of names) stack.push(rel + '/' + n);
      continue;
    }
    const e = index.entries.get(rel);
    if (!e || !unchanged(e, st, index)) return false;
  }
  return true;
}
