// git's own options before the verb (-C, -c k=v, --git-dir, --work-tree, ...), aliases defined
// on the command line or in GIT_CONFIG_* variables, and where the repository is.
import * as path from 'node:path';
import type { Command, Word } from '../../types';
import type { AnalyzeContext } from '../types';

const WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env', '--super-prefix', '--list-cmds', '--attr-source']);

export interface GitInvocation {
  /** The verb after aliases, or null when it cannot be known. */
  sub: string | null;
  /** Arguments after the verb (alias arguments first). */
  args: Word[];
  /** Working tree directory, absolute when known. */
  workdir: string | null;
  /** An alias that runs a shell command (`!cmd`): what it runs. */
  shellAlias?: string;
  /** `-c key=value` given on the line. */
  configs?: string[];
  /** Config or environment set on this line that makes git run a program (core.sshCommand...). */
  execConfig?: string;
  help: boolean;
}

function aliasesOf(cmd: Command, configs: string[]): Map<string, string> {
  const m = new Map<string, string>();
  const add = (kv: string): void => {
    const eq = kv.indexOf('=');
    const k = (eq < 0 ? kv : kv.slice(0, eq)).toLowerCase();
    if (k.startsWith('alias.')) m.set(k.slice(6), eq < 0 ? 'true' : kv.slice(eq + 1));
  };
  const env = cmd.env;
  const n = Number(env.GIT_CONFIG_COUNT ?? 0);
  for (let i = 0; i < n && i < 100; i++) {
    const k = env[`GIT_CONFIG_KEY_${i}`];
    const v = env[`GIT_CONFIG_VALUE_${i}`];
    if (k) add(`${k}=${v ?? ''}`);
  }
  // GIT_CONFIG_PARAMETERS="'alias.x=y' 'k=v'"
  for (const q of (env.GIT_CONFIG_PARAMETERS ?? '').matchAll(/'([^']*)'/g)) add(q[1]!);
  for (const c of configs) add(c);
  return m;
}

/** `fileConfigs`: `alias.x=...` entries from the config files, overridden by the line's own `-c`. */
export function parseGit(cmd: Command, ctx: AnalyzeContext, fileConfigs: (workdir: string | null) => string[] = () => []): GitInvocation {
  const args = cmd.argv.slice(1);
  let dir: string | null = ctx.cwd;
  let workTree: string | null | undefined;
  let gitDir: string | null | undefined;
  const configs: string[] = [];
  const at = (base: string | null, v: string | null): string | null => (v === null || base === null ? null : path.posix.resolve(base, v));
  let i = 0;
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) return { sub: null, args: args.slice(i + 1), workdir: dir, help: false };
    if (v === '--') {
      i++;
      break;
    }
    if (!v.startsWith('-')) break;
    if (v === '-h' || v === '--help' || v === '--version' || v === '-v') return { sub: null, args: [], workdir: dir, help: true };
    const eq = v.indexOf('=');
    const name = v.startsWith('--') && eq > 0 ? v.slice(0, eq) : /^-[Cc]./.test(v) ? v.slice(0, 2) : v;
    if (!WITH_VALUE.has(name)) continue;
    const inline = v.startsWith('--') && eq > 0 ? v.slice(eq + 1) : /^-[Cc]./.test(v) ? v.slice(2) : undefined;
    const val = inline !== undefined ? inline : args[++i]?.value ?? null;
    if (name === '-C') dir = at(dir, val);
    else if (name === '-c' && val !== null) configs.push(val);
    else if (name === '--work-tree') workTree = at(dir, val);
    else if (name === '--git-dir') gitDir = at(dir, val);
  }
  const workdir = workTree !== undefined ? workTree : gitDir !== undefined ? (gitDir === null ? null : path.posix.dirname(gitDir)) : dir;
  if (i >= args.length) return { sub: '', args: [], workdir, help: false };
  let sub = args[i]!.value;
  let rest = args.slice(i + 1);
  const aliases = aliasesOf(cmd, [...fileConfigs(workdir), ...configs]);
  for (let depth = 0; sub !== null && aliases.has(sub.toLowerCase()) && depth < 5; depth++) {
    const body = aliases.get(sub.toLowerCase())!;
    if (body.startsWith('!')) return { sub, args: rest, workdir, help: false, shellAlias: body.slice(1), configs };
    const words = body.split(/\s+/).filter(Boolean).map((x) => ({ raw: x, value: x }));
    sub = words[0]?.value ?? '';
    rest = [...words.slice(1), ...rest];
  }
  // Verbs are matched case-insensitively: `GIT CHECKOUT` reaches git-checkout on a case-insensitive
  // filesystem (macOS), and a guard should not be bypassed by capitals.
  if (sub !== null) sub = sub.toLowerCase();
  const exec = execConfig(cmd, configs, sub, rest);
  return { sub, args: rest, workdir, help: false, configs, ...(exec ? { execConfig: exec } : {}) };
}

/** The branch HEAD points at, from .git/HEAD (following a worktree's `gitdir:` file). */
export function currentBranch(workdir: string | null, ctx: AnalyzeContext): string | null {
  if (workdir === null) return null;
  let head = ctx.readFile(path.posix.join(workdir, '.git', 'HEAD'));
  if (head === null) {
    const pointer = ctx.readFile(path.posix.join(workdir, '.git'));
    const gd = pointer && /^gitdir:\s*(.+)$/m.exec(pointer)?.[1]?.trim();
    if (gd) head = ctx.readFile(path.posix.join(path.posix.resolve(workdir, gd), 'HEAD'));
  }
  const m = head && /^ref:\s*refs\/heads\/(.+)$/m.exec(head);
  return m ? m[1]!.trim() : null;
}

/** Branches other people build on: rewriting or deleting them hurts more than your own. */
export function isShared(branch: string): boolean {
  return (
    /^(main|master|develop|development|dev|trunk|stable|production|prod|staging|gh-pages|next)$/i.test(branch) ||
    /^(release|releases|hotfix|support|prod|production)[/-]/i.test(branch) ||
    branch === '*'
  );
}

/** Config keys and variables whose value git runs as a program. */
const EXEC_KEYS = /^(core\.sshcommand|core\.pager|core\.editor|core\.fsmonitor|core\.hookspath|core\.askpass|diff\.external|diff\.[^.]+\.textconv|filter\.[^.]+\.(clean|smudge|process)|sequence\.editor|credential\.helper|uploadpack\.packobjectshook|protocol\.ext\.allow|gpg\.program|pager\.[^.]+)$/i;
const EXEC_VARS = ['GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_EDITOR', 'GIT_PAGER', 'GIT_EXTERNAL_DIFF', 'GIT_ASKPASS', 'GIT_SEQUENCE_EDITOR', 'GIT_PROXY_COMMAND'];

/** `git -c core.sshCommand=X` / `GIT_SSH_COMMAND=X git ...`: the line makes git run another program. */
export function execConfig(cmd: Command, configs: string[], verb: string | null, rest: Word[] = []): string | null {
  // The ssh command only runs for verbs that talk to a remote (`git remote -v` and a local
  // `git archive` do not).
  const network = verb === null || (NETWORK_VERBS.has(verb) && !localForm(verb, rest));
  for (const c of configs) {
    const eq = c.indexOf('=');
    const key = eq < 0 ? c : c.slice(0, eq);
    if (SSH_KEYS.test(key) && !network) continue;
    if (EXEC_KEYS.test(key)) return `${key}=${eq < 0 ? '' : c.slice(eq + 1)}`;
  }
  // Config passed through the environment: GIT_CONFIG_KEY_n / GIT_CONFIG_PARAMETERS.
  for (const [k, v] of Object.entries(cmd.env)) {
    const keys = /^GIT_CONFIG_KEY_\d+$/.test(k) ? [v ?? ''] : k === 'GIT_CONFIG_PARAMETERS' ? [...(v ?? '').matchAll(/'([^'=]+)=/g)].map((m) => m[1]!) : [];
    for (const key of keys) if (EXEC_KEYS.test(key) && (network || !SSH_KEYS.test(key))) return `${k}=${v ?? '?'}`;
  }
  for (const v of EXEC_VARS) {
    if (!(v in cmd.env) || (/SSH|PROXY/.test(v) && !network)) continue;
    return `${v}=${cmd.env[v] ?? '?'}`;
  }
  return null;
}

const SSH_KEYS = /^core\.sshcommand$/i;

/** `git remote` without a contacting subcommand, `git archive` without --remote: no transport runs. */
function localForm(verb: string, rest: Word[]): boolean {
  const vals = rest.map((w) => w.value);
  if (verb === 'archive') return !vals.some((v) => v === null || v === '--remote' || v.startsWith('--remote='));
  if (verb === 'remote') {
    const sub = vals.find((v) => v === null || !v.startsWith('-'));
    return sub !== null && !['update', 'show', 'prune', 'set-head'].includes(sub ?? '');
  }
  return false;
}
const NETWORK_VERBS = new Set(['fetch', 'pull', 'push', 'clone', 'ls-remote', 'remote', 'submodule', 'archive', 'send-pack', 'fetch-pack', 'request-pull', 'lfs']);
