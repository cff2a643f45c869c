// git verbs that discard work, judged by what they would discard right now: reset --hard and
// checkout/restore/switch -f with no uncommitted change under their paths, clean -f whose dry run
// lists only regenerable files, stash drop/clear with no stash. The fact gets `restorable`,
// `lostCount` and `lost`; any lookup failure leaves it unmarked, so the rule asks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { cwdsOf } from '../files/cwd';
import { gitLines, workTreeOf } from '../files/git-state';
import { gitDirOf } from '../files/git-index';
import { regenerable } from '../files/loss';

const JUDGED = new Set(['reset-hard', 'clean', 'checkout-discard', 'checkout-force', 'switch-discard', 'restore-worktree', 'stash-drop', 'stash-clear']);

function mark(f: Fact, lost: string[], what: string): void {
  f.lostCount = lost.length;
  f.restorable = lost.length === 0;
  f.lost = lost.length ? `${lost.length} ${what}${lost.length === 1 ? '' : 's'} (${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ', …' : ''})` : 'nothing';
}

/** Paths in `git status --porcelain -z` records (-uno): every tracked file with a change not in a commit. */
function changed(top: string, specs: string[]): string[] | null {
  const recs = gitLines(top, ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--no-renames', '--', ...specs]);
  return recs === null ? null : recs.filter((r) => r.length > 3).map((r) => r.slice(3));
}

export function judgeGitLoss(f: Fact, ctx: AnalyzeContext): void {
  if (ctx.noFileReads || !JUDGED.has(String(f.action))) return;
  // A cd earlier on the line we could not follow to one place, or a git-extras verb doing more.
  const cwds = cwdsOf(ctx);
  // Where the command runs: the line's cwd, or the one directory its `cd X &&` moved to.
  const cwd = cwds.length === 1 ? cwds[0] : null;
  if (!cwd || String(f.mode).includes('(') || String(f.detail).includes('(')) return;
  const dir = String(f.workdir);
  if (dir === '?' || !path.isAbsolute(path.resolve(cwd, dir))) return;
  const top = workTreeOf(path.resolve(cwd, dir));
  if (!top) return;
  const paths = (f.paths as string[] | undefined) ?? [];
  switch (f.action) {
    case 'stash-drop':
    case 'stash-clear': {
      const gitDir = gitDirOf(top);
      // Not a repository git would accept (no HEAD): unknown, not empty.
      if (!gitDir || !fs.existsSync(path.join(gitDir, 'HEAD'))) return;
      let n: number;
      try {
        n = fs.readFileSync(path.join(gitDir, 'logs', 'refs', 'stash'), 'utf8').split('\n').filter(Boolean).length;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return;
        // No reflog: a stash ref may still exist (reflogs off, or packed).
        const packed = (() => {
          try {
            return fs.readFileSync(path.join(gitDir, 'packed-refs'), 'utf8');
          } catch {
            return '';
          }
        })();
        if (fs.existsSync(path.join(gitDir, 'refs', 'stash')) || /\srefs\/stash$/m.test(packed)) return;
        n = 0;
      }
      mark(f, Array.from({ length: n }, (_v, i) => `stash@{${i}}`), 'stash');
      return;
    }
    case 'clean': {
      // The dry run of the same flags lists exactly what would go (read-only by definition).
      const flags = String(f.detail).replace(/^-/, '').replace(/f/g, '');
      if (!/^[dxX]*$/.test(flags)) return;
      const recs = gitLines(top, ['clean', '-n', ...(flags ? ['-' + flags] : []), '--', ...(paths.length ? paths : ['.'])], '\n', path.resolve(cwd, dir));
      if (recs === null) return;
      const gone = recs.map((r) => /^Would remove (.+)$/.exec(r)?.[1]).filter((x): x is string => Boolean(x));
      if (gone.length !== recs.filter(Boolean).length) return;
      mark(f, gone.filter((g) => !regenerable(g.replace(/\/$/, ''))), 'untracked file');
      return;
    }
    default: {
      const specs = f.action === 'reset-hard' || f.action === 'switch-discard' || !paths.length ? ['.'] : paths;
      if (specs.some((s) => s === '?' || /[$`]/.test(s))) return;
      const c = changed(top, f.action === 'reset-hard' || f.action === 'switch-discard' ? ['.'] : specs.map((s) => path.relative(top, path.resolve(cwd, dir, s)) || '.'));
      if (c === null) return;
      mark(f, c, 'uncommitted change');
    }
  }
}
