// git (and `gh repo delete`): one `git` fact per destructive action, with the repository, the
// branch or refs it hits, and whether they are shared branches. Rulesets decide.
import * as path from 'node:path';
import type { Command, Fact } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { currentBranch, isShared, parseGit, type GitInvocation } from './global';
import { aliasFacts, fileAliases, fileConfig, gitRuns } from './runs';
import { analyzePush } from './push';
import { branch, prune, reflog, rewrite, stash, tag, updateRef, worktree } from './refs';
import { checkout, checkoutIndex, clean, gitExtras, reset, restore, rm, switchVerb, type WorktreeAction } from './worktree';
import { judgeGitLoss } from './loss';
import { applyDirs } from '../files/cwd';

function gh(cmd: Command): Fact[] {
  const v = cmd.argv.slice(1).map((w) => w.value);
  if (v[0] !== 'repo' || v[1] !== 'delete') return [];
  const repo = cmd.argv.slice(3).find((w) => !(w.value ?? '').startsWith('-'));
  return [{ type: 'git', command: cmd.text, tool: 'gh', action: 'repo-delete', repo: repo ? repo.value ?? '?' : '(current repository)', target: repo ? repo.value ?? '?' : '(current repository)', gitRemote: 'github', shared: true, targets: repo?.value ? [{ kind: 'name', value: repo.value }] : [] }];
}

/**
 * `git merge --abort` (and rebase/cherry-pick/revert/am): throws away the conflict resolutions made
 * so far, and git's own manual warns merge --abort may not reconstruct uncommitted pre-merge
 * changes. git accepts any unambiguous prefix (`--abor`).
 */
function abort(verb: string, args: { value: string | null }[]): WorktreeAction | null {
  const hit = args.some((w) => w.value !== null && w.value.length >= 4 && '--abort'.startsWith(w.value));
  return hit ? { action: 'abort-in-progress', detail: `${verb} --abort` } : null;
}

async function analyze(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  if (cmd.program !== 'git') return analyzeVerb(cmd, ctx, null);
  // The config files git reads: aliases, hooks path, fsmonitor and ssh command.
  let cfg = new Map<string, string>();
  const inv = parseGit(cmd, ctx, (workdir) => {
    cfg = fileConfig(workdir, ctx);
    return fileAliases(cfg);
  });
  if (inv.help) return [];
  // A shell alias: what it runs is judged like any command line.
  if (inv.shellAlias !== undefined) return aliasFacts(cmd, ctx, inv.sub ?? '?', inv.shellAlias, inv.args);
  const runs = await gitRuns(cmd, ctx, { sub: inv.sub, args: inv.args, workdir: inv.workdir, configs: inv.configs ?? [], cfg });
  return [...analyzeVerb(cmd, ctx, inv), ...runs];
}

function analyzeVerb(cmd: Command, ctx: AnalyzeContext, parsed: GitInvocation | null): Fact[] {
  if (cmd.program === 'gh') return gh(cmd);
  if (cmd.program === 'git-filter-repo') {
    const a = rewrite('filter-repo', cmd.argv.slice(1));
    return a ? [{ type: 'git', command: cmd.text, tool: 'git', action: a.action, detail: a.detail, repo: path.posix.basename(ctx.cwd), target: path.posix.basename(ctx.cwd), shared: false }] : [];
  }
  const inv = parsed ?? parseGit(cmd, ctx);
  if (inv.help) return [];
  const repo = inv.workdir === null ? '?' : path.posix.basename(inv.workdir) || inv.workdir;
  const base = { type: 'git', command: cmd.text, tool: 'git', repo, workdir: inv.workdir ?? '?' };
  if (inv.shellAlias !== undefined) {
    // An alias that runs a shell command: what it does is not git's to say.
    return [{ type: 'unresolved', command: cmd.text, what: 'program', program: `git alias ${inv.sub} = !${inv.shellAlias}`, via: cmd.via }];
  }
  if (inv.sub === null) return [{ ...base, action: 'dynamic', detail: 'git verb', target: repo, branch: '', shared: false }];
  if (inv.execConfig) return [{ ...base, action: 'config-exec', detail: inv.execConfig, target: inv.execConfig, branch: '', shared: false }];
  const current = currentBranch(inv.workdir, ctx);
  if (inv.sub === 'push') return analyzePush(inv.args, base, current);
  let a: WorktreeAction | null = null;
  switch (inv.sub) {
    case 'reset': a = reset(inv.args); break;
    case 'clean': a = clean(inv.args); break;
    case 'checkout': a = checkout(inv.args, inv.workdir, ctx); break;
    case 'switch': a = switchVerb(inv.args); break;
    case 'restore': a = restore(inv.args); break;
    case 'rm': a = rm(inv.args); break;
    case 'branch': a = branch(inv.args); break;
    case 'stash': a = stash(inv.args); break;
    case 'tag': a = tag(inv.args); break;
    case 'reflog': a = reflog(inv.args); break;
    case 'gc':
    case 'prune': a = prune(inv.sub, inv.args); break;
    case 'update-ref': a = updateRef(inv.args); break;
    case 'worktree': a = worktree(inv.args); break;
    case 'merge':
    case 'rebase':
    case 'cherry-pick':
    case 'revert':
    case 'am': a = abort(inv.sub, inv.args); break;
    case 'filter-branch':
    case 'filter-repo': a = rewrite(inv.sub, inv.args); break;
    case 'checkout-index': a = checkoutIndex(inv.args); break;
    default: a = gitExtras(inv.sub, inv.args);
  }
  if (!a) return [];
  const branches = a.action.startsWith('branch-') ? a.paths ?? [] : current ? [current] : [];
  const fact: Fact = {
    ...base,
    action: a.action,
    paths: a.paths ?? [],
    mode: a.mode ?? '',
    detail: a.detail ?? '',
    branch: branches.join(' ') || current || '',
    shared: branches.some(isShared),
    // What the human types: the branch for branch verbs, the repository otherwise.
    target: a.action.startsWith('branch-') ? branches.join(' ') || '?' : repo,
  };
  // On another host (ssh, docker exec) this machine's work tree says nothing.
  if (!cmd.remote) {
    applyDirs(cmd, ctx);
    judgeGitLoss(fact, ctx);
  }
  return [fact];
}

const analyzer: Analyzer = { name: 'git', analyze };
export default analyzer;
