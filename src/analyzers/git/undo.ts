// git checkpoint: refs under refs/airlock/<id>/ for HEAD, for branches about to be deleted and
// remote-tracking tips about to be overwritten, plus one commit object holding the whole working
// tree, untracked files included (built in a temporary index, so the real index is untouched).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Fact } from '../../types';
import { minimalEnv, requireTrusted } from '../../util/trusted-bin';
import type { CheckpointProvider } from '../providers';

type Env = Record<string, string | undefined>;
export interface GitItem {
  kind: 'git';
  workdir: string;
  head: string | null;
  branch: string | null;
  worktree: string | null;
  index: string | null;
  refs: { ref: string; sha: string; restoreAs: string }[];
}

/** Actions that lose commits or working-tree changes: the ones a checkpoint is taken for. */
const GIT_ACTIONS = new Set(['reset-hard', 'checkout-force', 'checkout-discard', 'switch-discard', 'restore-worktree', 'clean', 'branch-delete-force', 'branch-delete', 'push-force', 'push-delete', 'rm-force']);

const IDENT = { GIT_AUTHOR_NAME: 'airlock', GIT_AUTHOR_EMAIL: 'airlock@localhost', GIT_COMMITTER_NAME: 'airlock', GIT_COMMITTER_EMAIL: 'airlock@localhost' };

export function gitSync(args: string[], cwd: string, env: Env = process.env, extra: Env = {}): string {
  return execFileSync(requireTrusted('git', env, cwd), ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd,
    env: { ...minimalEnv('git', env), ...IDENT, GIT_TERMINAL_PROMPT: '0', ...extra } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

const tryGit = (args: string[], cwd: string, env: Env): string | null => {
  try {
    return gitSync(args, cwd, env) || null;
  } catch {
    return null;
  }
};

/** Bytes of the files a working-tree snapshot would add (changed and untracked). */
export function pendingBytes(workdir: string, env: Env = process.env): number {
  const top = gitSync(['rev-parse', '--show-toplevel'], workdir, env);
  const out = gitSync(['status', '--porcelain=v1', '-z', '--untracked-files=all'], top, env);
  let n = 0;
  for (const e of out.split('\0')) {
    if (e.length < 4) continue;
    try {
      n += fs.lstatSync(path.join(top, e.slice(3))).size;
    } catch {
      // deleted file: nothing to store
    }
  }
  return n;
}

export function saveGit(id: string, fact: Fact, env: Env = process.env): GitItem {
  const workdir = gitSync(['rev-parse', '--show-toplevel'], String(fact.workdir ?? process.cwd()), env);
  const head = tryGit(['rev-parse', '-q', '--verify', 'HEAD'], workdir, env);
  const branch = tryGit(['symbolic-ref', '-q', '--short', 'HEAD'], workdir, env);
  const prefix = `refs/airlock/${id}`;
  const refs: GitItem['refs'] = [];
  const keep = (ref: string, sha: string, restoreAs: string) => {
    gitSync(['update-ref', ref, sha], workdir, env);
    refs.push({ ref, sha, restoreAs });
  };
  if (head) keep(`${prefix}/head`, head, branch ? `refs/heads/${branch}` : 'HEAD');
  const index = tryGit(['write-tree'], workdir, env);
  // The working tree as a commit: copy the index, add everything (untracked too) to the copy.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-idx-'));
  let worktree: string | null = null;
  try {
    const tmpIndex = path.join(tmp, 'index');
    const realIndex = path.resolve(workdir, gitSync(['rev-parse', '--git-path', 'index'], workdir, env));
    if (fs.existsSync(realIndex)) fs.copyFileSync(realIndex, tmpIndex);
    gitSync(['add', '-A', '--', '.'], workdir, env, { GIT_INDEX_FILE: tmpIndex });
    const tree = gitSync(['write-tree'], workdir, env, { GIT_INDEX_FILE: tmpIndex });
    worktree = gitSync(['commit-tree', tree, ...(head ? ['-p', head] : []), '-m', `airlock checkpoint ${id}: working tree before an approved command`], workdir, env);
    keep(`${prefix}/worktree`, worktree, '(working tree)');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const action = String(fact.action);
  if (action === 'branch-delete-force' || action === 'branch-delete') {
    for (const b of (Array.isArray(fact.paths) ? fact.paths : [fact.branch]).map(String)) {
      const sha = tryGit(['rev-parse', '-q', '--verify', `refs/heads/${b}`], workdir, env);
      if (sha) keep(`${prefix}/branches/${b}`, sha, `refs/heads/${b}`);
    }
  }
  if (action === 'push-force' || action === 'push-delete') {
    const remote = String(fact.gitRemote ?? 'origin');
    for (const b of (Array.isArray(fact.branches) ? fact.branches : [fact.branch]).map(String)) {
      const sha = tryGit(['rev-parse', '-q', '--verify', `refs/remotes/${remote}/${b}`], workdir, env);
      if (sha) keep(`${prefix}/remotes/${remote}/${b}`, sha, `push:${remote}:${b}`);
    }
  }
  return { kind: 'git', workdir, head, branch, worktree, index, refs };
}

/** Puts HEAD, the branch, deleted branches, the working tree and the index back. Returns notes. */
export function restoreGit(item: GitItem, env: Env = process.env): string[] {
  const notes: string[] = [];
  const cwd = item.workdir;
  const current = tryGit(['symbolic-ref', '-q', '--short', 'HEAD'], cwd, env);
  for (const r of item.refs) {
    if (r.restoreAs.startsWith('push:')) {
      const [, remote, b] = r.restoreAs.split(':');
      notes.push(`${remote}/${b} was at ${r.sha.slice(0, 12)} (kept as ${r.ref}); to put the remote back, run: git push --force-with-lease ${remote} ${r.sha}:refs/heads/${b}`);
    } else if (r.restoreAs.startsWith('refs/heads/') && r.ref.includes('/branches/')) {
      gitSync(['update-ref', r.restoreAs, r.sha], cwd, env);
      notes.push(`branch ${r.restoreAs.slice(11)} restored at ${r.sha.slice(0, 12)}`);
    }
  }
  if (item.head && item.worktree) {
    if (item.branch && current !== item.branch) gitSync(['checkout', '-q', '-f', item.branch], cwd, env);
    gitSync(['reset', '-q', '--hard', item.head], cwd, env);
    // Every file of the snapshot (tracked and untracked) back into the working tree...
    gitSync(['checkout', '-q', item.worktree, '--', '.'], cwd, env);
    // ...and the index as it was (what was staged stays staged, untracked stays untracked).
    if (item.index) gitSync(['read-tree', item.index], cwd, env);
    else gitSync(['reset', '-q'], cwd, env);
    notes.push(`working tree and index restored${item.branch ? ` on ${item.branch}` : ''} at ${item.head.slice(0, 12)}`);
  }
  return notes;
}

/** Refs and the whole working tree, for the actions that lose commits or changes. */
export const checkpoints: CheckpointProvider<GitItem> = {
  plan(fact, ctx) {
    if (!GIT_ACTIONS.has(String(fact.action))) return null;
    const workdir = String(fact.workdir ?? ctx.cwd);
    if (!ctx.once(`git:${workdir}`)) return null;
    let bytes: number | null = null;
    try {
      bytes = pendingBytes(workdir, ctx.env);
    } catch {
      return null; // not a git work tree: nothing to keep
    }
    return { what: 'git refs under refs/airlock/ and the working tree (untracked files too)', bytes };
  },
  save: (fact, ctx) => saveGit(ctx.id, fact, ctx.env),
  restore: (item, ctx) => restoreGit(item, ctx.env),
  describe: (item) => `git ${item.workdir}`,
};
