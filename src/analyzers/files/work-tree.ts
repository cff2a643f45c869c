// What `git status` says of a work tree, read-only: the files family's impact lookup (a delete
// loses untracked and modified files) and the git family's (reset --hard) both ask it. Here, in the
// family the git family already builds on (git/loss.ts reads files/cwd.ts), so no two families
// import each other.
import { minimalEnv, requireTrusted } from '../../util/trusted-bin';
import { runOk } from '../../util/bounded-run';
import type { LookupContext } from '../providers';

export interface WorkTreeState {
  modified: string[];
  untracked: string[];
}

export function gitEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  // Never prompt, never run a pager or an fsmonitor hook the repo configures.
  return { ...minimalEnv('git', env), GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };
}

export async function git(args: string[], ctx: Pick<LookupContext, 'signal' | 'env'>, cwd: string): Promise<string> {
  return runOk(requireTrusted('git', ctx.env, cwd), ['-c', 'core.fsmonitor=false', ...args], { cwd, env: gitEnv(ctx.env), signal: ctx.signal });
}

/** Tracked files with changes, and untracked files (not ignored), from `git status`. */
export async function workTreeState(ctx: Pick<LookupContext, 'signal' | 'env'>, cwd: string, paths: string[] = []): Promise<WorkTreeState> {
  const out = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all', ...(paths.length ? ['--', ...paths] : [])], ctx, cwd);
  const modified: string[] = [];
  const untracked: string[] = [];
  const parts = out.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const e = parts[i]!;
    if (e.length < 4) continue;
    const code = e.slice(0, 2);
    const file = e.slice(3);
    if (code === '??') untracked.push(file);
    else modified.push(file);
    if (code[0] === 'R' || code[0] === 'C') i++; // rename source follows
  }
  return { modified, untracked };
}
