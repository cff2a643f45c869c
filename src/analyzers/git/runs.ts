// Programs git runs on its own: the hooks a verb runs (.git/hooks or core.hooksPath), a shell alias
// (`alias.x = !cmd`), core.fsmonitor and core.sshCommand, from .git/config, ~/.gitconfig or
// ~/.config/git/config. What they run goes through every family as nested command lines; a hook
// in Python/Node/Ruby goes to the code judge; one airlock cannot read is confirmed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { innerFacts } from '../inner-facts';
import { codeFileFact, recipeCode, shebangLang } from '../scripts/recipes';

/** Hooks each verb runs, and those `--no-verify` skips. */
const HOOKS: Record<string, { run: string[]; verify: string[] }> = {
  commit: { run: ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit'], verify: ['pre-commit', 'commit-msg'] },
  merge: { run: ['pre-merge-commit', 'prepare-commit-msg', 'commit-msg', 'post-merge'], verify: ['pre-merge-commit', 'commit-msg'] },
  pull: { run: ['pre-merge-commit', 'post-merge', 'post-rewrite', 'post-checkout'], verify: ['pre-merge-commit'] },
  checkout: { run: ['post-checkout'], verify: [] },
  switch: { run: ['post-checkout'], verify: [] },
  push: { run: ['pre-push'], verify: ['pre-push'] },
  rebase: { run: ['pre-rebase', 'post-rewrite', 'post-checkout'], verify: ['pre-rebase'] },
  am: { run: ['applypatch-msg', 'pre-applypatch', 'post-applypatch'], verify: ['applypatch-msg', 'pre-applypatch'] },
};

/** Verbs that refresh the index and so ask core.fsmonitor. */
const FSMONITOR_VERBS = new Set(['status', 'diff', 'add', 'commit', 'checkout', 'switch', 'stash', 'reset', 'restore', 'merge', 'pull', 'rebase', 'rm', 'mv', 'ls-files', 'update-index']);
/** Verbs that talk to a remote over ssh. */
const SSH_VERBS = new Set(['fetch', 'pull', 'push', 'clone', 'ls-remote', 'archive', 'submodule']);

/** `section.key` (and `section.sub.key`) -> value, from git's INI-like config; keys lowercased as git compares them. */
export function parseGitConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let section = '';
  for (const raw of text.replace(/\\\r?\n/g, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const s = /^\[\s*([\w.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (s) {
      section = s[2] !== undefined ? `${s[1]!.toLowerCase()}.${s[2]}` : s[1]!.toLowerCase();
      continue;
    }
    const kv = /^([A-Za-z][\w-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!kv || !section) continue;
    let v = (kv[2] ?? 'true').replace(/\s+[#;].*$/, '');
    if (/^".*"$/.test(v)) v = v.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
    out.set(`${section}.${kv[1]!.toLowerCase()}`, v);
  }
  return out;
}

/** The repository's git dir (following a worktree's `gitdir:` file), or null. */
function gitDir(workdir: string, ctx: AnalyzeContext): string | null {
  const dotgit = path.posix.join(workdir, '.git');
  if (ctx.readFile(path.posix.join(dotgit, 'HEAD')) !== null) return dotgit;
  const pointer = ctx.readFile(dotgit);
  const gd = pointer && /^gitdir:\s*(.+)$/m.exec(pointer)?.[1]?.trim();
  return gd ? path.posix.resolve(workdir, gd) : null;
}

/** The config git reads for this repository: system config is not read; user then repository, later wins. */
export function fileConfig(workdir: string | null, ctx: AnalyzeContext): Map<string, string> {
  const home = ctx.env.HOME;
  const files = [home ? path.posix.join(home, '.gitconfig') : null, home ? path.posix.join(ctx.env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), 'git', 'config') : null];
  const gd = workdir === null ? null : gitDir(workdir, ctx);
  if (gd) files.push(path.posix.join(gd, 'config'));
  const out = new Map<string, string>();
  for (const f of files) {
    const t = f ? ctx.readFile(f) : null;
    if (t !== null) for (const [k, v] of parseGitConfig(t)) out.set(k, v);
  }
  return out;
}

/** `alias.*` entries of the config files, as `-c` would give them (`alias.x=...`). */
export function fileAliases(cfg: Map<string, string>): string[] {
  return [...cfg].filter(([k]) => k.startsWith('alias.')).map(([k, v]) => `${k}=${v}`);
}

function executable(ctx: AnalyzeContext, file: string): 'yes' | 'no' | 'missing' {
  try {
    const st = fs.statSync(path.resolve(ctx.cwd, file));
    return st.isFile() && (st.mode & 0o111) !== 0 ? 'yes' : 'no';
  } catch {
    return 'missing';
  }
}

async function judgeHook(cmd: Command, ctx: AnalyzeContext, file: string, name: string): Promise<Fact[]> {
  if (executable(ctx, file) !== 'yes') return []; // git skips a hook that is not executable
  const text = ctx.readFile(file);
  if (text === null) return [codeFileFact(cmd, file, `the ${name} hook cannot be read`)];
  if (text.includes('\u0000')) return [codeFileFact(cmd, file, `the ${name} hook is a binary program`)];
  const first = text.split('\n', 1)[0]!;
  const lang = first.startsWith('#!') ? shebangLang(first) : 'shell';
  const label = { tool: 'git', recipe: `hook ${name}` };
  if (lang === null) return [codeFileFact(cmd, file, `the ${name} hook runs under ${first.slice(2).trim()}, which airlock does not read`)];
  if (lang === 'shell') return innerFacts(cmd, text, `git hook ${name}`, ctx, { script: `hook ${name}`, viaScript: 'git', hookFile: file });
  return recipeCode(cmd, ctx, text, lang, file, label, {});
}

export interface GitRunsInput {
  sub: string | null;
  args: { value: string | null }[];
  workdir: string | null;
  /** `-c key=value` from the line. */
  configs: string[];
  cfg: Map<string, string>;
}

/** What git itself would run for this invocation, judged. */
export async function gitRuns(cmd: Command, ctx: AnalyzeContext, g: GitRunsInput): Promise<Fact[]> {
  const facts: Fact[] = [];
  if (g.sub === null || g.workdir === null) return facts;
  const lineCfg = new Map(g.configs.map((c) => {
    const eq = c.indexOf('=');
    return [(eq < 0 ? c : c.slice(0, eq)).toLowerCase(), eq < 0 ? 'true' : c.slice(eq + 1)] as const;
  }));
  const get = (k: string): string | undefined => lineCfg.get(k) ?? g.cfg.get(k);
  const hooks = HOOKS[g.sub];
  if (hooks) {
    const noVerify = g.args.some((a) => a.value === '--no-verify' || (g.sub === 'commit' && /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a.value ?? '')));
    const gd = gitDir(g.workdir, ctx);
    const hp = get('core.hookspath');
    const dir = hp ? path.posix.resolve(g.workdir, hp.replace(/^~(?=\/)/, ctx.env.HOME ?? '~')) : gd ? path.posix.join(gd, 'hooks') : null;
    if (dir) for (const h of hooks.run) if (!(noVerify && hooks.verify.includes(h))) facts.push(...(await judgeHook(cmd, ctx, path.posix.join(dir, h), h)));
  }
  // Commands from the config files (the line's own -c values are judged by execConfig already).
  const fsm = g.cfg.get('core.fsmonitor');
  if (fsm && !lineCfg.has('core.fsmonitor') && !/^(true|false|yes|no|on|off|1|0)$/i.test(fsm) && FSMONITOR_VERBS.has(g.sub)) {
    facts.push(...(await innerFacts(cmd, fsm, 'git core.fsmonitor', ctx, { script: 'core.fsmonitor', viaScript: 'git' })));
  }
  const ssh = g.cfg.get('core.sshcommand');
  if (ssh && !lineCfg.has('core.sshcommand') && SSH_VERBS.has(g.sub)) {
    facts.push(...(await innerFacts(cmd, ssh, 'git core.sshCommand', ctx, { script: 'core.sshCommand', viaScript: 'git' })));
  }
  return facts;
}

/** A shell alias (`!cmd`) run with the line's arguments, as git runs it: `sh -c 'cmd "$@"' cmd args`. */
export function aliasFacts(cmd: Command, ctx: AnalyzeContext, name: string, body: string, args: { raw?: string; value: string | null }[]): Promise<Fact[]> {
  const rest = args.map((a) => a.raw ?? a.value ?? '"$(airlock-computed)"').join(' ');
  return innerFacts(cmd, rest ? `${body} ${rest}` : body, `git alias ${name}`, ctx, { script: `alias ${name}`, viaScript: 'git' });
}
