// git push: which remote refs get overwritten (--force, +refspec), deleted (--delete, :ref,
// --prune) or mirrored. --force-with-lease refuses to overwrite work it has not seen, so it is
// reported as `lease: true`. The lease check runs even with --force or a `+refspec` (git's
// remote.c rejects a stale lease before looking at force), so a leased ref stays leased.
import type { Fact, Word } from '../../types';
import { parseArgs } from '../files/args';
import { isShared } from './global';

const PUSH = {
  shortValue: 'o',
  longs: [
    '--all', '--branches', '--mirror', '--tags', '--follow-tags', '--no-follow-tags', '--atomic', '--no-atomic', '--dry-run', '--porcelain',
    '--delete', '--prune', '--no-prune', '--verbose', '--quiet', '--progress', '--no-progress', '--no-verify', '--verify', '--set-upstream',
    '--force', '--no-force', '--force-with-lease', '--no-force-with-lease', '--force-if-includes', '--no-force-if-includes', '--thin',
    '--no-thin', '--signed', '--no-signed', '--ipv4', '--ipv6', '--recurse-submodules', '--no-recurse-submodules', '--help',
  ],
  longValue: ['--repo', '--receive-pack', '--exec', '--push-option'],
};

/** `$(git branch --show-current)` and friends name the current branch, not an unknown one. */
function currentBranchWord(w: Word): boolean {
  return /^"?(\$\(|`)\s*git\s+(branch\s+--show-current|rev-parse\s+--abbrev-ref\s+HEAD|symbolic-ref\s+--short\s+HEAD)\s*(\)|`)"?$/.test(w.raw);
}

export function analyzePush(args: Word[], base: { type: string; command: string } & Record<string, unknown>, current: string | null): Fact[] {
  const p = parseArgs(args, PUSH);
  const last = (a: string, b: string): boolean => {
    const i = p.opts.map((o) => o.name).lastIndexOf(a);
    return i >= 0 && i > p.opts.map((o) => o.name).lastIndexOf(b);
  };
  if (p.opts.some((o) => ['-n', '--dry-run', '--help', '-h'].includes(o.name))) return [];
  const force = p.opts.some((o) => o.name === '-f' || (o.name === '--force' && o.value !== 'false')) && !last('--no-force', '--force');
  const lease = last('--force-with-lease', '--no-force-with-lease');
  // --force-with-lease=<ref>[:<expect>] leases only the refs it names; bare, it leases every ref.
  const noLease = p.opts.map((o) => o.name).lastIndexOf('--no-force-with-lease');
  const leaseOpts = p.opts.filter((o, i) => o.name === '--force-with-lease' && i > noLease);
  const leaseAll = leaseOpts.some((o) => !o.value);
  const leaseRefs = new Set(leaseOpts.filter((o) => o.value).map((o) => o.value!.split(':')[0]!.replace(/^refs\/heads\//, '')));
  const leased_ = (dst: string): boolean => lease && (leaseAll || leaseRefs.has(dst));
  const del = p.opts.some((o) => o.name === '-d' || o.name === '--delete');
  const mirror = p.opts.some((o) => o.name === '--mirror');
  const prune = last('--prune', '--no-prune');
  const all = p.opts.some((o) => o.name === '--all' || o.name === '--branches');
  const operands = p.operands;
  const remoteWord = operands[0];
  const remote = remoteWord ? remoteWord.value ?? '?' : 'origin';
  const specs = operands.slice(1);
  const facts: Fact[] = [];
  const mk = (action: string, branches: string[], extra: Record<string, unknown> = {}): Fact => ({
    ...base,
    action,
    // Not `remote`: that common field names the host a command runs on (policy/evaluate.ts).
    gitRemote: remote,
    branches,
    branch: branches.join(' '),
    target: branches.map((b) => `${remote}/${b}`).join(' ') || remote,
    shared: branches.some(isShared),
    ...extra,
  });
  if (remoteWord && remoteWord.value === null) facts.push(mk('dynamic', ['?'], { detail: 'remote' }));
  if (mirror) facts.push(mk('push-mirror', ['*']));
  if (prune) facts.push(mk('push-prune', ['*']));
  const forced: string[] = [];
  const leased: string[] = [];
  const deleted: string[] = [];
  const dynamic: string[] = [];
  const refs = specs.length ? specs : all ? [{ raw: '*', value: '*' }] : [{ raw: 'HEAD', value: 'HEAD' }];
  for (const w of refs) {
    if (w.value === null) {
      if (currentBranchWord(w)) (leased_(current ?? 'HEAD') ? leased : force ? forced : []).push(current ?? 'HEAD');
      else dynamic.push(w.raw);
      continue;
    }
    let spec = w.value;
    const plus = spec.startsWith('+') || spec.includes(':+');
    spec = spec.replace(/^\+/, '').replace(':+', ':');
    const colon = spec.lastIndexOf(':');
    let dst = colon >= 0 ? spec.slice(colon + 1) : spec;
    const src = colon >= 0 ? spec.slice(0, colon) : spec;
    if (dst === '' && colon >= 0 && src === '') continue; // ":" = matching branches, no force
    if (dst === 'HEAD' || dst === '') dst = src === 'HEAD' || src === '' ? current ?? 'HEAD' : src;
    dst = dst.replace(/^refs\/heads\//, '');
    if (del || (colon >= 0 && src === '')) deleted.push(dst);
    else if (leased_(dst)) leased.push(dst);
    else if (plus || force) forced.push(dst);
  }
  if (dynamic.length) facts.push(mk('dynamic', dynamic, { detail: 'refspec' }));
  if (deleted.length) facts.push(mk('push-delete', deleted));
  if (forced.length) facts.push(mk('push-force', forced, { lease: false }));
  if (leased.length) facts.push(mk('push-force', leased, { lease: true }));
  // Every push, with the remote as a name target: a deploy remote (`git push production main`,
  // heroku-prod) is production, which an environment wall must see. `local: true` keeps an
  // unplaceable remote (origin) from counting as unknown infrastructure.
  facts.push(mk('push', refs.map((w) => w.value ?? '?'), { targets: [{ kind: 'name', value: remote }], infra: true, local: true }));
  return facts;
}
