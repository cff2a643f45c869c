// git: commits that become unreachable and uncommitted work that would be lost. Only plumbing
// that reads (rev-list, status, rev-parse); a push's loss is judged from the last fetch.
import type { Fact } from '../../types';
import { minimalEnv, requireTrusted } from '../../util/trusted-bin';
import { run as runFile, runOk } from '../../util/bounded-run';
import type { Impact, Lookup, LookupContext } from '../providers';
import { git, gitEnv, workTreeState, type WorkTreeState } from '../files/work-tree';

export { workTreeState, type WorkTreeState } from '../files/work-tree';

const EXAMPLES = 3;

/** git from a location the agent cannot write (never the agent's PATH as such). */
const run = (file: string, args: string[], opts: Parameters<typeof runFile>[2] = {}) => runFile(file === 'git' ? requireTrusted('git', opts.env ?? process.env, opts.cwd) : file, args, opts);

/** Commits reachable from `tip` and from nothing else once `except` (a branch) is gone or moved. */
async function unreachable(ctx: LookupContext, cwd: string, tip: string, keep: string[], exceptBranch: string | null): Promise<string[]> {
  const args = ['rev-list', '--max-count=1000', tip, '--not', ...keep, ...(exceptBranch ? [`--exclude=${exceptBranch}`] : []), '--branches', '--tags', '--remotes'];
  return (await git(args, ctx, cwd)).split('\n').filter(Boolean);
}

async function subjects(ctx: LookupContext, cwd: string, shas: string[]): Promise<string[]> {
  if (!shas.length) return [];
  const out = await git(['log', '--no-walk', '--format=%h %s', ...shas.slice(0, EXAMPLES)], ctx, cwd);
  return out.split('\n').filter(Boolean);
}

/** The revision `git reset --hard REV` moves to (HEAD when none is given). */
export function resetTarget(ctx: Pick<LookupContext, 'command'>): string {
  const words = (ctx.command?.argv ?? []).map((w) => w.value ?? '');
  const i = words.indexOf('reset');
  const rest = i >= 0 ? words.slice(i + 1) : [];
  const end = rest.indexOf('--');
  const rev = (end >= 0 ? rest.slice(0, end) : rest).find((w) => w && !w.startsWith('-'));
  return rev ?? 'HEAD';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function describeTree(s: WorkTreeState, untrackedLost: boolean): string[] {
  const lines: string[] = [];
  if (s.modified.length) lines.push(`${plural(s.modified.length, 'file')} with uncommitted changes lost: ${s.modified.slice(0, EXAMPLES).join(', ')}${s.modified.length > EXAMPLES ? ', …' : ''}`);
  if (s.untracked.length) {
    lines.push(
      untrackedLost
        ? `${plural(s.untracked.length, 'untracked file')} deleted: ${s.untracked.slice(0, EXAMPLES).join(', ')}${s.untracked.length > EXAMPLES ? ', …' : ''}`
        : `${plural(s.untracked.length, 'untracked file')} kept (reset does not touch them)`,
    );
  }
  if (!s.modified.length && !(untrackedLost && s.untracked.length)) lines.push('no uncommitted changes would be lost');
  return lines;
}

export async function gitImpact(fact: Fact, ctx: LookupContext): Promise<Impact | null> {
  if (fact.type !== 'git') return null;
  const cwd = String(fact.workdir ?? ctx.cwd);
  const action = String(fact.action);
  const summary: string[] = [];
  const details: Record<string, unknown> = { action };
  if (action === 'reset-hard' || action === 'checkout-force' || action === 'clean' || action === 'stash-clear' || action === 'restore') {
    const rev = action === 'reset-hard' ? resetTarget(ctx) : 'HEAD';
    const s = await workTreeState(ctx, cwd);
    const cleanLike = action === 'clean';
    details.modified = s.modified.length;
    details.untracked = s.untracked.length;
    summary.push(...describeTree(cleanLike ? { modified: [], untracked: s.untracked } : s, cleanLike));
    if (action === 'reset-hard' && rev !== 'HEAD') {
      const head = (await run('git', ['symbolic-ref', '--short', '-q', 'HEAD'], { cwd, env: gitEnv(ctx.env), signal: ctx.signal })).stdout.trim();
      const lost = await unreachable(ctx, cwd, 'HEAD', [rev], head || null).catch(() => []);
      details.commitsLost = lost.length;
      if (lost.length) summary.unshift(`${plural(lost.length, 'commit')} become unreachable: ${(await subjects(ctx, cwd, lost)).join('; ')}`);
    }
  } else if (action === 'branch-delete-force' || action === 'branch-delete') {
    const branches = (Array.isArray(fact.paths) ? fact.paths : [fact.branch]).map(String).filter(Boolean);
    let total = 0;
    for (const b of branches) {
      const exists = (await run('git', ['rev-parse', '-q', '--verify', `refs/heads/${b}`], { cwd, env: gitEnv(ctx.env), signal: ctx.signal })).code === 0;
      if (!exists) {
        summary.push(`branch ${b} does not exist`);
        continue;
      }
      const lost = await unreachable(ctx, cwd, `refs/heads/${b}`, [], b).catch((e: Error) => (summary.push(`branch ${b}: ${e.message}`), null));
      if (!lost) continue;
      total += lost.length;
      summary.push(lost.length ? `branch ${b}: ${plural(lost.length, 'commit')} only on it become unreachable: ${(await subjects(ctx, cwd, lost)).join('; ')}` : `branch ${b}: every commit is also on another branch`);
    }
    details.commitsLost = total;
  } else if (action === 'push-force' || action === 'push-delete') {
    const remote = String(fact.gitRemote ?? 'origin');
    const branches = (Array.isArray(fact.branches) ? fact.branches : [fact.branch]).map(String).filter(Boolean);
    let total = 0;
    for (const b of branches) {
      const tracking = `refs/remotes/${remote}/${b}`;
      const exists = (await run('git', ['rev-parse', '-q', '--verify', tracking], { cwd, env: gitEnv(ctx.env), signal: ctx.signal })).code === 0;
      if (!exists) {
        summary.push(`${remote}/${b}: not fetched here; what the remote loses is unknown`);
        continue;
      }
      const local = action === 'push-delete' ? [] : [`refs/heads/${b}`];
      const lost = (await git(['rev-list', '--max-count=1000', tracking, ...(local.length ? ['--not', ...local] : [])], ctx, cwd).catch(() => '')).split('\n').filter(Boolean);
      total += lost.length;
      summary.push(lost.length ? `${remote}/${b} loses ${plural(lost.length, 'commit')} (as of the last fetch): ${(await subjects(ctx, cwd, lost)).join('; ')}` : `${remote}/${b} loses no commits (as of the last fetch)`);
    }
    details.commitsLost = total;
  } else return null;
  return { source: 'git', status: 'looked-up', summary, details };
}

/** The family's impact lookup (its declaration's `impact`), loaded by src/impact through the generated table. */
export const lookup: Lookup = gitImpact;
