// Verbs that destroy refs and history locally: branch -D / -f, stash drop/clear, tag -d,
// reflog expire/delete, gc --prune=now, prune, update-ref -d, filter-branch/filter-repo,
// worktree remove --force.
import type { Word } from '../../types';
import { parseArgs } from '../files/args';
import type { WorktreeAction } from './worktree';

const names = (ws: Word[]): string[] => ws.map((w) => w.value ?? w.raw);

export function branch(args: Word[]): WorktreeAction | null {
  const p = parseArgs(args, {
    shortValue: 'u',
    longs: ['--delete', '--force', '--move', '--copy', '--remotes', '--all', '--list', '--verbose', '--track', '--no-track', '--unset-upstream', '--merged', '--no-merged', '--contains', '--no-contains', '--color', '--no-color', '--column', '--no-column', '--show-current', '--edit-description', '--create-reflog', '--quiet', '--ignore-case', '--recurse-submodules', '--omit-empty'],
    longValue: ['--set-upstream-to', '--sort', '--points-at', '--format', '--abbrev'],
  });
  const n = p.opts.map((o) => o.name);
  const has = (...xs: string[]): boolean => xs.some((x) => n.includes(x));
  // Remote-tracking refs come back with the next fetch.
  if (has('-r', '--remotes')) return null;
  const force = has('-f', '--force');
  if (has('-D') || (has('-d', '--delete') && force)) return { action: 'branch-delete-force', paths: names(p.operands) };
  if (has('-d', '--delete', '-m', '--move', '-M', '-c', '--copy', '-C', '-l', '--list', '-a', '--all', '--show-current', '--edit-description', '-u', '--set-upstream-to', '--unset-upstream')) return null;
  // `git branch -f name [start]` moves an existing branch: its commits are only in the reflog.
  if (force && p.operands.length) return { action: 'branch-force-move', paths: names(p.operands.slice(0, 1)) };
  if (p.dynamic) return { action: 'dynamic', detail: 'branch arguments' };
  return null;
}

export function stash(args: Word[]): WorktreeAction | null {
  const verb = args[0];
  if (!verb) return null;
  if (verb.value === null) return { action: 'dynamic', detail: 'stash verb' };
  if (verb.value === 'clear') return { action: 'stash-clear', paths: ['all stashes'] };
  if (verb.value === 'drop') {
    const ref = args.slice(1).find((w) => !(w.value ?? '').startsWith('-'));
    return { action: 'stash-drop', paths: [ref ? ref.value ?? ref.raw : 'stash@{0}'] };
  }
  return null;
}

export function tag(args: Word[]): WorktreeAction | null {
  const p = parseArgs(args, { shortValue: 'mFu', longs: ['--delete', '--list', '--annotate', '--sign', '--force', '--verify'], longValue: ['--message', '--file', '--local-user', '--sort', '--format', '--contains', '--points-at', '--cleanup'] });
  if (p.opts.some((o) => o.name === '-d' || o.name === '--delete')) return { action: 'tag-delete', paths: names(p.operands) };
  return null;
}

export function reflog(args: Word[]): WorktreeAction | null {
  const verb = args[0]?.value;
  if (verb === 'delete') return { action: 'reflog-delete', paths: names(args.slice(1).filter((w) => !(w.value ?? '').startsWith('-'))) };
  if (verb !== 'expire') return null;
  const p = parseArgs(args.slice(1), { longs: ['--all', '--rewrite', '--updateref', '--stale-fix', '--dry-run', '--verbose', '--single-worktree'], longValue: ['--expire', '--expire-unreachable'] });
  if (p.opts.some((o) => o.name === '-n' || o.name === '--dry-run')) return null;
  const expiry = p.opts.filter((o) => o.name.startsWith('--expire')).map((o) => o.value ?? '');
  // Expiring old entries is routine (gc does it at 90 days); expiring recent ones drops the only
  // record of lost commits.
  if (expiry.some((e) => /^(now|all|0|\d+\.(seconds?|minutes?|hours?)(\.ago)?)$/i.test(e))) return { action: 'reflog-expire', detail: expiry.join(' ') };
  return null;
}

/** gc --prune=now / prune: unreachable commits (your only copy of dropped work) are deleted. */
export function prune(verb: string, args: Word[]): WorktreeAction | null {
  const p = parseArgs(args, { longs: ['--dry-run', '--verbose', '--progress', '--aggressive', '--auto', '--quiet', '--no-prune', '--keep-largest-pack'], longValue: ['--expire'] });
  if (p.opts.some((o) => o.name === '-n' || o.name === '--dry-run')) return null;
  const now = (v: string | null): boolean => v === null || /^(now|all|0|\d+\.(seconds?|minutes?)\.ago)$/i.test(v);
  if (verb === 'gc') {
    const pr = [...args].reverse().find((w) => (w.value ?? '').startsWith('--prune='));
    return pr && now(pr.value!.slice(8)) ? { action: 'gc-prune', detail: pr.value! } : null;
  }
  const exp = p.opts.find((o) => o.name === '--expire');
  // Without --expire, git prune drops every unreachable object at once.
  return !exp || now(exp.value) ? { action: 'prune', detail: exp ? `--expire=${exp.value}` : 'no expiry' } : null;
}

export function updateRef(args: Word[]): WorktreeAction | null {
  const p = parseArgs(args, { shortValue: 'm', longs: ['--no-deref', '--stdin', '--create-reflog', '--delete'] });
  if (p.opts.some((o) => o.name === '-d' || o.name === '--delete')) return { action: 'update-ref-delete', paths: names(p.operands.slice(0, 1)) };
  return null;
}

export function worktree(args: Word[]): WorktreeAction | null {
  if (args[0]?.value !== 'remove') return null;
  const p = parseArgs(args.slice(1), { longs: ['--force'] });
  if (!p.opts.some((o) => o.name === '-f' || o.name === '--force')) return null;
  return { action: 'worktree-remove-force', paths: names(p.operands) };
}

export function rewrite(verb: string, args: Word[]): WorktreeAction | null {
  const v = names(args);
  if (verb === 'filter-repo' && v.some((a) => /^--(analyze|dry-run|help)$/.test(a))) return null;
  if (v.some((a) => a === '--help' || a === '-h')) return null;
  return { action: 'history-rewrite', detail: verb };
}
