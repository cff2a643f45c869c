// Verbs that throw away uncommitted work in the working tree: reset --hard/--merge, clean -f,
// checkout of paths or -f, switch -f, restore (of the worktree), rm -f. Options are read the
// way git's parse-options does (unique long-option prefixes, `--` ends options).
import * as path from 'node:path';
import type { Word } from '../../types';
import type { AnalyzeContext } from '../types';
import { parseArgs, type ParsedArgs } from '../files/args';

export interface WorktreeAction {
  action: string;
  paths?: string[];
  mode?: string;
  detail?: string;
}

/** Split at the first literal `--`: git treats what follows as paths. */
function splitDashDash(args: Word[]): { before: Word[]; after: Word[] | null } {
  const i = args.findIndex((w) => w.value === '--');
  return i < 0 ? { before: args, after: null } : { before: args.slice(0, i), after: args.slice(i + 1) };
}

/** Last of a pair of opposite switches wins; undefined when neither was given. */
function lastOf(p: ParsedArgs, on: string[], off: string[]): boolean | undefined {
  let r: boolean | undefined;
  for (const o of p.opts) {
    if (on.includes(o.name)) r = true;
    else if (off.includes(o.name)) r = false;
  }
  return r;
}

const vals = (ws: Word[]): string[] => ws.map((w) => w.value ?? w.raw);

export function reset(args: Word[]): WorktreeAction | null {
  const { before } = splitDashDash(args);
  const p = parseArgs(before, {
    longs: ['--hard', '--soft', '--mixed', '--merge', '--keep', '--quiet', '--patch', '--intent-to-add', '--recurse-submodules', '--no-recurse-submodules', '--refresh', '--no-refresh', '--pathspec-file-nul'],
    longValue: ['--pathspec-from-file'],
  });
  // --keep refuses to run when it would lose local changes, --soft/--mixed keep the worktree.
  const mode = p.opts.map((o) => o.name).filter((n) => n === '--hard' || n === '--merge').at(-1);
  if (mode) return { action: 'reset-hard', mode: mode.slice(2) };
  if (p.dynamic) return { action: 'dynamic', detail: 'reset arguments' };
  return null;
}

export function clean(args: Word[]): WorktreeAction | null {
  const p = parseArgs(splitDashDash(args).before, { shortValue: 'e', longs: ['--force', '--dry-run', '--interactive', '--quiet'], longValue: ['--exclude'] });
  if (p.opts.some((o) => ['-n', '--dry-run', '-i', '--interactive'].includes(o.name))) return null;
  if (!p.opts.some((o) => o.name === '-f' || o.name === '--force')) return p.dynamic ? { action: 'dynamic', detail: 'clean arguments' } : null;
  const flags = p.opts.filter((o) => ['-d', '-x', '-X'].includes(o.name)).map((o) => o.name).join('');
  return { action: 'clean', detail: flags ? `-f${flags.replace(/-/g, '')}` : '-f', paths: vals(p.operands) };
}

/** Is a lone `git checkout X` a path (discarding its changes) rather than a branch? */
function looksLikePath(v: string, workdir: string | null, ctx: AnalyzeContext): boolean {
  if (v === '.' || v === '..' || v.startsWith('./') || v.startsWith(':/') || v.startsWith(':(') || /[*?[]/.test(v)) return true;
  if (workdir === null) return false;
  const isFile = ctx.readFile(path.posix.resolve(workdir, v)) !== null;
  const isBranch = ctx.readFile(path.posix.join(workdir, '.git', 'refs', 'heads', v)) !== null;
  return isFile && !isBranch;
}

export function checkout(args: Word[], workdir: string | null, ctx: AnalyzeContext): WorktreeAction | null {
  const { before, after } = splitDashDash(args);
  // --track [direct|inherit] and --recurse-submodules [mode] take optional words git users write apart.
  const cleaned = before.filter((w, i) => {
    const prev = before[i - 1]?.value ?? '';
    if (/^(--track|-t|-[a-zA-Z]*t)$/.test(prev) && /^(direct|inherit)$/.test(w.value ?? '')) return false;
    return !(prev === '--recurse-submodules' && /^(checkout|on-demand|yes|no)$/.test(w.value ?? ''));
  });
  const p = parseArgs(cleaned, {
    shortValue: 'bBU',
    longs: ['--force', '--quiet', '--track', '--no-track', '--detach', '--merge', '--patch', '--ours', '--theirs', '--ignore-skip-worktree-bits', '--recurse-submodules', '--no-recurse-submodules', '--overwrite-ignore', '--no-overwrite-ignore', '--ignore-other-worktrees', '--progress', '--no-progress', '--guess', '--no-guess', '--overlay', '--no-overlay', '--pathspec-file-nul', '--no-quiet'],
    longValue: ['--orphan', '--conflict', '--unified', '--inter-hunk-context', '--pathspec-from-file'],
  });
  const names = p.opts.map((o) => o.name);
  if (names.includes('-h') || names.includes('--help')) return null;
  if (names.includes('-p') || names.includes('--patch')) return null; // asks hunk by hunk
  const paths = [...(after ? vals(after) : [])];
  const creates = names.some((n) => n === '-b' || n === '-B' || n === '--orphan');
  if (!creates) {
    if (p.operands.length >= 2) paths.push(...vals(p.operands.slice(1)));
    else if (p.operands.length === 1 && !after) {
      const v = p.operands[0]!.value;
      if (v !== null && looksLikePath(v, workdir, ctx)) paths.push(v);
    }
  }
  const fromFile = p.opts.find((o) => o.name === '--pathspec-from-file');
  if (fromFile) paths.push(`(paths in ${fromFile.value ?? '?'})`);
  if (paths.length) return { action: 'checkout-discard', paths };
  // -B resets an existing branch to the start point (like switch -C).
  const reset = p.opts.find((o) => o.name === '-B');
  if (reset) return { action: 'branch-force-move', paths: [reset.value ?? '?'] };
  if (names.includes('-f') || names.includes('--force')) return { action: 'checkout-force', paths: ['.'] };
  // A lone unknown word is nearly always a branch (`git checkout "$BRANCH"`); more are not.
  if (p.dynamic && p.operands.length > 1) return { action: 'dynamic', detail: 'checkout arguments' };
  return null;
}

export function switchVerb(args: Word[]): WorktreeAction | null {
  const p = parseArgs(splitDashDash(args).before, {
    shortValue: 'cC',
    longs: ['--force', '--discard-changes', '--detach', '--guess', '--no-guess', '--track', '--no-track', '--merge', '--quiet', '--progress', '--no-progress', '--recurse-submodules', '--no-recurse-submodules', '--ignore-other-worktrees'],
    longValue: ['--create', '--force-create', '--orphan', '--conflict'],
  });
  if (p.opts.some((o) => ['-f', '--force', '--discard-changes'].includes(o.name))) return { action: 'switch-discard', paths: ['.'] };
  // -C / --force-create resets an existing branch to the start point: its own commits drop off it.
  const forced = p.opts.find((o) => o.name === '-C' || o.name === '--force-create');
  if (forced) return { action: 'branch-force-move', paths: [forced.value ?? p.operands[0]?.value ?? '?'] };
  return null;
}

/** git checkout-index -f: index versions overwrite the working-tree files (-a: all of them). */
export function checkoutIndex(args: Word[]): WorktreeAction | null {
  const { before, after } = splitDashDash(args);
  const p = parseArgs(before, { longs: ['--all', '--force', '--quiet', '--no-create', '--stdin', '--temp', '--ignore-skip-worktree-bits', '--index', '-z'], longValue: ['--prefix', '--stage'] });
  if (!p.opts.some((o) => o.name === '-f' || o.name === '--force')) return null;
  if (p.opts.some((o) => o.name === '--prefix' || o.name === '--temp')) return null; // writes elsewhere
  const all = p.opts.some((o) => o.name === '-a' || o.name === '--all');
  const paths = all ? ['.'] : [...vals(p.operands), ...(after ? vals(after) : [])];
  return { action: 'checkout-force', paths: paths.length ? paths : ['.'] };
}

/**
 * git-extras verbs (https://github.com/tj/git-extras) that destroy work or history: they exist when
 * git-extras is installed, and an agent that finds them uses them.
 */
export function gitExtras(sub: string, args: Word[]): WorktreeAction | null {
  const operands = vals(args.filter((w) => !(w.value ?? '').startsWith('-')));
  switch (sub) {
    case 'obliterate': return { action: 'history-rewrite', detail: `git obliterate ${operands.join(' ')}`.trim() };
    case 'clear': return { action: 'clean', detail: '-fdx (git clear: reset --hard and clean -fdx)', paths: ['.'] };
    case 'clear-soft': return { action: 'clean', detail: '-fd (git clear-soft: reset --hard and clean -fd)', paths: ['.'] };
    case 'delete-branch': return { action: 'branch-delete-remote', paths: operands };
    case 'delete-tag': return { action: 'tag-delete', paths: operands };
    case 'delete-squashed-branches': return { action: 'branch-delete-force', paths: ['(squash-merged branches)'] };
    case 'delete-submodule': return { action: 'rm-force', paths: operands };
    case 'reset-file': return { action: 'checkout-discard', paths: operands };
    case 'undo': return args.some((w) => w.value === '--hard') ? { action: 'reset-hard', mode: 'hard (git undo --hard)' } : null;
    case 'sync': return args.some((w) => w.value === '--soft' || w.value === '-s') ? null : { action: 'reset-hard', mode: 'hard (git sync resets to the remote and cleans)' };
    case 'force-clone': return { action: 'reset-hard', mode: 'hard (git force-clone resets an existing checkout)' };
    default: return null;
  }
}

export function restore(args: Word[]): WorktreeAction | null {
  const { before, after } = splitDashDash(args);
  const p = parseArgs(before, {
    shortValue: 'sU',
    longs: ['--worktree', '--no-worktree', '--staged', '--no-staged', '--patch', '--no-patch', '--quiet', '--progress', '--no-progress', '--ours', '--theirs', '--merge', '--ignore-unmerged', '--ignore-skip-worktree-bits', '--recurse-submodules', '--no-recurse-submodules', '--overlay', '--no-overlay', '--pathspec-file-nul', '--help', '--no-source'],
    longValue: ['--source', '--conflict', '--pathspec-from-file', '--unified', '--inter-hunk-context'],
  });
  if (p.opts.some((o) => o.name === '-h' || o.name === '--help' || o.name === '--version')) return null;
  const worktree = lastOf(p, ['-W', '--worktree'], ['--no-worktree']);
  const staged = lastOf(p, ['-S', '--staged'], ['--no-staged']);
  const patch = lastOf(p, ['-p', '--patch'], ['--no-patch']);
  // The worktree is restored when asked for, or by default when neither side was named at all.
  if (!(worktree === true || (worktree === undefined && staged === undefined))) return null;
  const paths = [...vals(p.operands), ...(after ? vals(after) : [])];
  const fromFile = p.opts.find((o) => o.name === '--pathspec-from-file');
  if (fromFile) paths.push(`(paths in ${fromFile.value ?? '?'})`);
  if (!paths.length && patch) paths.push('.');
  return paths.length ? { action: 'restore-worktree', paths } : null;
}

export function rm(args: Word[]): WorktreeAction | null {
  const { before, after } = splitDashDash(args);
  const p = parseArgs(before, { longs: ['--force', '--no-force', '--cached', '--no-cached', '--dry-run', '--no-dry-run', '--quiet', '--ignore-unmatch', '--sparse', '--pathspec-file-nul'], longValue: ['--pathspec-from-file'] });
  const force = lastOf(p, ['-f', '--force'], ['--no-force']);
  const cached = lastOf(p, ['--cached'], ['--no-cached']);
  const dry = lastOf(p, ['-n', '--dry-run'], ['--no-dry-run']);
  if (!force || cached || dry) return null;
  return { action: 'rm-force', paths: [...vals(p.operands), ...(after ? vals(after) : [])] };
}
