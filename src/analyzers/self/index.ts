// Self-protection: facts about a command that would switch the guard off. Runs on EVERY simple
// command (wired in the engine, not by program name), since any writer can reach airlock's files:
// redirects, cp/mv/tee/sed -i/ln/dd, package managers in airlock's package root, interpreter code
// (python3 -c, node -e and program files), relative paths after `cd ~/.claude`. What counts as
// protected is src/harness/protected.ts, generated from every harness's hook paths.
//
// Facts:
//   self-write     {path, op: write|remove|move, why, harness}  a protected path changed
//   env-assign     {name, action: set}                          a builtin assigning a variable (printf -v, read, mapfile...)
//   self-hook      {what}                                       unbinding or replacing the interactive hook, re-running history
//   self-modify    {path}                                       a script writing to itself or to a script the line runs
//   stdin-program  {program}                                    a shell/interpreter reading a stdin nobody checked
//   startup-file   {path, state}                                a start-up file (BASH_ENV, --rcfile) the shell runs first
import * as path from 'node:path';
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { cwdsOf as trackedCwds, noteCd } from '../files/cwd';
import { protectedForRemove, protectedForWrite, RC_FILES, type PathVerdict, type RealMemo } from '../../harness/protected';
import { inlineCode } from '../../normalize/nested';
import { interactiveProgram } from '../../harness/adapters';
import { programRun } from '../code/runfile';
import { innerFacts } from '../inner-facts';

type Op = 'write' | 'remove' | 'move';

/** Own `cd` tracking (a shadow key per line), so it does not depend on the files analyzer having run. */
const shadows = new WeakMap<AnalyzeContext, AnalyzeContext>();
function shadowOf(ctx: AnalyzeContext): AnalyzeContext {
  let s = shadows.get(ctx);
  if (!s) {
    s = { ...ctx };
    shadows.set(ctx, s);
  }
  return s;
}
const cwdsOf = (ctx: AnalyzeContext): (string | null)[] => trackedCwds(shadowOf(ctx));

const OUT_REDIRECT = /^(>|>>|>\||&>|&>>|<>|\d*>|\d*>>)$/;
const REMOVERS = new Set(['rm', 'rmdir', 'unlink', 'shred', 'srm', 'wipe']);
const ALL_OPERANDS = new Set(['tee', 'truncate', 'touch', 'chmod', 'chown', 'chgrp', 'chattr', 'setfacl', 'patch', 'sponge']);
/** Edit their operands in place only with -i. */
const IN_PLACE = new Set(['sed', 'gsed', 'perl', 'ruby']);
const COPIERS = new Set(['cp', 'install', 'ln', 'rsync', 'scp', 'link', 'ditto', 'gcp', 'gmv']);
const PKG = new Set(['npm', 'pnpm', 'yarn', 'bun', 'npx', 'corepack']);
const PKG_WRITES = /^(pkg|install|i|add|ci|uninstall|un|remove|rm|r|update|up|upgrade|link|ln|unlink|rebuild|prune|dedupe|init|set|patch|exec|x|dlx)$/;
const INTERPRETERS = /^(python[0-9.]*|pypy3?|node|nodejs|deno|bun|tsx|ts-node|ruby|perl|php|lua|osascript)$/;
const SHELLS = /^(bash|sh|dash|zsh|ksh|mksh|fish|ash|busybox)$/;
/** Hook and start-up file names: a write to one of these in a directory we cannot know is refused. */
const GUARDED_NAMES = new Set(['settings.json', 'settings.local.json', 'hooks.json', 'config.toml', 'PreToolUse', ...RC_FILES]);
/** Names protected without a path character: the package root's entries and hook directories. */
const BARE_PROTECTED = new Set(['node_modules', 'bin', 'dist', 'rulesets', 'schema', 'hooks', 'Hooks', 'airlock', 'Cline', 'Documents']);
/** Writing APIs in program text (open(..., 'w'), writeFileSync, shutil.move, os.remove...). */
const CODE_WRITES = /\bopen\s*\(|write|append|rename|replace|unlink|remove|rmtree|rmdir|rmSync|copy|move|symlink|truncate|chmod|touch|dump|>>?|File\.(new|open)|IO\.|fopen|file_put_contents/i;

function values(cmd: Command): (string | null)[] {
  return cmd.argv.slice(1).map((w) => w.value);
}

function operands(cmd: Command): string[] {
  return values(cmd).filter((v): v is string => v !== null && v !== '' && !v.startsWith('-'));
}

/** Paths this command writes, removes or moves (as written, unresolved). */
function touched(cmd: Command, ctx: AnalyzeContext): { p: string; op: Op }[] {
  const out: { p: string; op: Op }[] = [];
  for (const r of cmd.redirects) if (OUT_REDIRECT.test(r.op) && r.target?.value) out.push({ p: r.target.value, op: 'write' });
  const prog = cmd.program;
  if (!prog) return out;
  const ops = operands(cmd);
  const vals = values(cmd);
  const tdir = vals.findIndex((v) => v === '-t' || v === '--target-directory');
  const tval = vals.find((v) => v?.startsWith('--target-directory='))?.slice('--target-directory='.length) ?? (tdir >= 0 ? vals[tdir + 1] : undefined);
  if (REMOVERS.has(prog)) for (const p of ops) out.push({ p, op: 'remove' });
  else if (prog === 'mv') {
    for (const p of ops) out.push({ p, op: 'move' });
    if (tval) out.push({ p: tval, op: 'write' });
  } else if (COPIERS.has(prog)) {
    if (tval) out.push({ p: tval, op: 'write' });
    else if (ops.length) out.push({ p: ops[ops.length - 1]!, op: 'write' });
    if (prog === 'ln' && ops.length === 1) out.push({ p: path.basename(ops[0]!), op: 'write' });
  } else if (ALL_OPERANDS.has(prog)) {
    for (const p of ops) out.push({ p, op: 'write' });
  } else if (IN_PLACE.has(prog)) {
    if (vals.some((v) => v !== null && (/^-[A-Za-z]*i/.test(v) || v.startsWith('--in-place')))) for (const p of ops) out.push({ p, op: 'write' });
  } else if (prog === 'dd') {
    for (const v of vals) if (v?.startsWith('of=')) out.push({ p: v.slice(3), op: 'write' });
  } else if (PKG.has(prog)) {
    const sub = ops[0] ?? '';
    if (PKG_WRITES.test(sub) || ops.length === 0) {
      const prefix = vals.find((v) => v?.startsWith('--prefix='))?.slice(9) ?? vals[vals.indexOf('--prefix') + 1] ?? vals[vals.indexOf('-C') + 1] ?? vals[vals.indexOf('--dir') + 1];
      const base = prefix && vals.indexOf(prefix) !== 0 ? prefix : '.';
      out.push({ p: path.join(base, 'package.json'), op: 'write' }, { p: path.join(base, 'node_modules'), op: 'write' });
    }
  } else if (prog === 'find') {
    if (vals.some((v) => v === '-delete' || v === '-exec' || v === '-execdir')) for (const p of ops) if (!/^[(!)]$/.test(p)) out.push({ p, op: 'remove' });
  }
  void ctx;
  return out;
}

/** One memo of resolved paths per line judged (the context is the line's): see RealMemo. */
const realMemos = new WeakMap<AnalyzeContext, RealMemo>();

function verdictFor(p: string, op: Op, ctx: AnalyzeContext): PathVerdict | null | 'unknown-dir' {
  const env = ctx.env;
  let memo = realMemos.get(ctx);
  if (!memo) realMemos.set(ctx, (memo = new Map()));
  const rel = !p.startsWith('/') && !p.startsWith('~');
  let sawUnknown = false;
  for (const cwd of rel ? cwdsOf(ctx) : [ctx.cwd]) {
    if (cwd === null) {
      sawUnknown = true;
      continue;
    }
    const v = op === 'write' ? protectedForWrite(p, env, cwd, memo) : protectedForRemove(p, env, cwd, memo);
    if (v?.kind === 'airlock') return v;
  }
  if (sawUnknown && GUARDED_NAMES.has(path.basename(p))) return 'unknown-dir';
  return null;
}

/** The program text an interpreter runs: -c/-e code, a heredoc, or the program file. */
function programText(cmd: Command, ctx: AnalyzeContext): string | null {
  const inline = inlineCode(cmd);
  if (typeof inline === 'string') return inline;
  if (cmd.stdin && (cmd.stdin.kind === 'heredoc' || cmd.stdin.kind === 'herestring') && cmd.stdin.text) return cmd.stdin.text;
  const run = programRun(cmd);
  if (run?.kind === 'code') return run.code;
  if (run?.kind === 'file') return ctx.readFile(run.path);
  return null;
}

/** Protected locations a program text names, with a writing API anywhere in it. */
function codeTargets(code: string, ctx: AnalyzeContext): string[] {
  if (!CODE_WRITES.test(code)) return [];
  const hits: string[] = [];
  // Path-like string literals, resolved like a shell operand.
  // Every short literal without spaces is a candidate (`open('package.json', 'w')` after a cd);
  // bounded so a large program file costs a bounded number of path checks.
  // Only literals that can name a protected path are checked: one with a path character, or a
  // bare name that is protected on its own (a hook file, a package-root entry) — not the
  // thousands of plain words ("name", "v") a large program holds.
  let n = 0;
  const seen = new Set<string>();
  for (const m of code.matchAll(/["'`]([^"'`\s]{1,300})["'`]/g)) {
    const lit = m[1]!;
    if (seen.has(lit) || !(/[./~$]/.test(lit) || GUARDED_NAMES.has(lit) || BARE_PROTECTED.has(lit))) continue;
    seen.add(lit);
    if (++n > 500) break;
    const v = verdictFor(lit, 'write', ctx);
    if (v && v !== 'unknown-dir') hits.push(v.path);
  }
  // Paths assembled in code (os.path.join(home, '.claude', 'settings.json'), HOME + '/.bashrc'):
  // every segment of a protected suffix named in the text.
  const markers: [string, string[]][] = [
    ['.claude/settings.json', ['.claude', 'settings']],
    ['.cursor/hooks.json', ['.cursor', 'hooks']],
    ['.codex/hooks.json', ['.codex', 'hooks']],
    ['.codex/config.toml', ['.codex', 'config']],
    ['.gemini/settings.json', ['.gemini', 'settings']],
    ['.copilot/hooks', ['.copilot', 'hooks']],
    ['.github/hooks', ['.github', 'hooks']],
    ['.codeium/windsurf/hooks.json', ['windsurf', 'hooks']],
    ['Documents/Cline/Hooks', ['Cline', 'Hooks']],
    ['.clinerules/hooks', ['.clinerules', 'hooks']],
    ['.config/airlock', ['.config', 'airlock']],
    ['.local/state/airlock', ['state', 'airlock']],
    ['node_modules/airlock', ['node_modules', 'airlock']],
    ...RC_FILES.map((f): [string, string[]] => [f, [f]]),
  ];
  for (const [label, segs] of markers) if (segs.every((s) => code.includes(s))) hits.push(label);
  return [...new Set(hits)];
}

/** Script files an enclosing `bash FILE` / `source FILE` runs (from the command's wrappers). */
function runningScripts(cmd: Command): string[] {
  const out: string[] = [];
  for (const v of cmd.via) {
    const m = /^(?:bash|sh|dash|zsh|ksh|source|\.)\s+(?:-\S+\s+)*(\S+)$/.exec(v);
    if (m) out.push(m[1]!);
  }
  return out;
}

/** Scripts the whole line runs, collected as commands go by (for `printf ... > y.sh; bash y.sh`). */
const lineScripts = new WeakMap<AnalyzeContext, Set<string>>();

function shellScript(cmd: Command): string | null {
  if (!cmd.program) return null;
  if (cmd.program === 'source' || cmd.program === '.') return operands(cmd)[0] ?? null;
  if (!SHELLS.test(cmd.program)) return null;
  const vals = values(cmd);
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (v === null || v === undefined) return null;
    if (v === '-c') return null;
    if (v === '--rcfile' || v === '--init-file' || v === '-o' || v === '-O') {
      i++;
      continue;
    }
    if (!v.startsWith('-') && !v.startsWith('+')) return v;
  }
  return null;
}

/** A shell's start-up files the line chooses: BASH_ENV/ENV/ZDOTDIR prefixes, --rcfile/--init-file. */
function startupFiles(cmd: Command): { path: string | null; via: string }[] {
  if (!cmd.program || !SHELLS.test(cmd.program)) return [];
  const out: { path: string | null; via: string }[] = [];
  for (const name of ['BASH_ENV', 'ENV']) if (name in cmd.env) out.push({ path: cmd.env[name] ?? null, via: name });
  if ('ZDOTDIR' in cmd.env) out.push({ path: cmd.env.ZDOTDIR ? path.join(cmd.env.ZDOTDIR, '.zshrc') : null, via: 'ZDOTDIR' });
  const vals = values(cmd);
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (v === '--rcfile' || v === '--init-file') out.push({ path: vals[i + 1] ?? null, via: v });
    else if (v?.startsWith('--rcfile=') || v?.startsWith('--init-file=')) out.push({ path: v.slice(v.indexOf('=') + 1), via: v.slice(0, v.indexOf('=')) });
  }
  return out;
}

/** Argument lists of the builtins that assign variables (beyond NAME=, export, declare, unset). */
function assignedNames(cmd: Command): string[] {
  const vals = values(cmd);
  const names: string[] = [];
  const known = (v: string | null | undefined): v is string => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*(\[.*\])?$/.test(v);
  switch (cmd.program) {
    case 'printf':
    case 'wait':
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (v === '-v' || v === '-p') names.push(vals[i + 1] ?? '?');
        else if (v?.startsWith('-v') && v.length > 2) names.push(v.slice(2));
      }
      break;
    case 'read': {
      const withValue = new Set(['-d', '-n', '-N', '-p', '-t', '-u', '-i']);
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (v === '-a') names.push(vals[++i] ?? '?');
        else if (v && withValue.has(v)) i++;
        else if (v && !v.startsWith('-')) names.push(v);
        else if (v === null) names.push('?');
      }
      if (!names.length) names.push('REPLY');
      break;
    }
    case 'mapfile':
    case 'readarray': {
      const withValue = new Set(['-d', '-n', '-O', '-s', '-u', '-C', '-c']);
      const ops: string[] = [];
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (v && withValue.has(v)) i++;
        else if (v && !v.startsWith('-')) ops.push(v);
      }
      names.push(ops[ops.length - 1] ?? 'MAPFILE');
      break;
    }
    case 'getopts':
      if (vals[1] !== undefined) names.push(vals[1] ?? '?');
      break;
    case 'let':
      for (const v of vals) if (v) for (const m of v.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*(?:[-+*/%&|^]|<<|>>)?=(?!=)/g)) names.push(m[1]!);
      break;
    case 'vared':
    case 'zparseopts':
      for (const v of vals) if (known(v)) names.push(v);
      break;
  }
  return names.map((n) => n.replace(/\[.*$/, ''));
}

/** `bind`, `bindkey`, `zle`, `trap ... DEBUG`, `add-zsh-hook -d`, `fc -s`: what the command does to the interactive hook. */
function hookTamper(cmd: Command): string | null {
  const vals = values(cmd);
  const listing = (ok: RegExp) => vals.length > 0 && !vals.every((v) => v !== null && ok.test(v));
  switch (cmd.program) {
    case 'bind':
      // Listing forms (-p -P -l -v -V -s -S -q -X) are harmless; anything else rebinds keys.
      return listing(/^-[pPlvVsSqX]+$/) ? 'rebinds readline keys (airlock checks each line on Enter)' : null;
    case 'bindkey':
      return listing(/^-[lLM]$|^(emacs|viins|vicmd|main|command|isearch|menuselect)$/) ? 'rebinds zsh keys (airlock checks each line on Enter)' : null;
    case 'zle':
      return vals.some((v) => v === null || /^-[A-Za-z]*[DNAC]/.test(v)) ? 'defines, replaces or deletes a zsh widget (airlock owns accept-line)' : null;
    case 'add-zsh-hook':
      return vals.some((v) => v === '-d' || v === '-D') ? 'removes a zsh hook' : null;
    case 'trap':
      return vals.some((v) => v !== null && /^(DEBUG|RETURN|ERR|-p)$/.test(v)) && !vals.every((v) => v === '-p' || v === '-l') ? 'changes the DEBUG/RETURN trap' : null;
    case 'fc':
      return vals.some((v) => v !== null && /^-[A-Za-z]*l/.test(v)) ? null : 're-runs or edits a line from history, which airlock did not check as typed';
    case 'enable':
      return vals.some((v) => v === '-n' || v === '-d' || v === '-f') ? 'disables or loads shell builtins' : null;
    case 'unfunction':
      return vals.some((v) => v !== null && /^__airlock_|^(zle-line-|accept-line)/.test(v)) ? "removes airlock's hook functions" : null;
  }
  return null;
}

export async function selfFacts(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  const facts: Fact[] = [];
  const text = cmd.text;
  const scripts = lineScripts.get(ctx) ?? new Set<string>();
  lineScripts.set(ctx, scripts);
  const resolve = (p: string) => path.resolve(ctx.cwd, p.startsWith('~/') && ctx.env.HOME ? ctx.env.HOME + p.slice(1) : p);
  const running = runningScripts(cmd).map(resolve);
  if (cmd.program === 'cd' || cmd.program === 'pushd' || cmd.program === 'popd') noteCd(cmd, shadowOf(ctx));

  for (const { p, op } of touched(cmd, ctx)) {
    const v = verdictFor(p, op, ctx);
    if (v === 'unknown-dir') facts.push({ type: 'self-write', command: text, path: p, op, why: 'a hook or start-up file name in a directory airlock cannot work out', harness: '' });
    else if (v) facts.push({ type: 'self-write', command: text, path: v.path, op, why: v.why, harness: v.harness ?? '' });
    const abs = resolve(p);
    if (op === 'write' && (running.includes(abs) || scripts.has(abs))) facts.push({ type: 'self-modify', command: text, path: p });
  }
  const script = shellScript(cmd);
  if (script) {
    scripts.add(resolve(script));
    // Written earlier on this line with content airlock cannot know (`curl ... > y.sh; bash y.sh`).
    if (ctx.wasWritten?.(script) && ctx.readFile(script) === null) facts.push({ type: 'self-modify', command: text, path: script });
  }

  if (cmd.program && INTERPRETERS.test(cmd.program)) {
    const code = programText(cmd, ctx);
    if (code) for (const p of codeTargets(code, ctx)) facts.push({ type: 'self-write', command: text, path: p, op: 'write', why: `${cmd.program} code that writes airlock's files or a harness's hook settings`, harness: '' });
  }
  for (const name of assignedNames(cmd)) facts.push({ type: 'env-assign', command: text, name, action: 'set', value: '' });
  const hook = hookTamper(cmd);
  if (hook) facts.push({ type: 'self-hook', command: text, what: hook });
  // Start-up files run before the line: judged like the line itself, or a confirm when unknowable.
  for (const s of startupFiles(cmd)) {
    const content = s.path ? ctx.readFile(s.path) : null;
    if (content !== null) facts.push(...(await innerFacts(cmd, content, `${cmd.program} ${s.via} ${s.path}`, ctx, { startupFile: s.path })));
    else if (s.path === null || ctx.wasWritten?.(s.path) || ctx.exists?.(s.path) !== false) facts.push({ type: 'startup-file', command: text, path: s.path ?? '(computed)', via: s.via });
  }

  // In an interactive shell with airlock's hook, a nested shell that will not load the hook
  // (sh, dash, `bash --norc`, `zsh -f`) runs what is typed into it unchecked.
  if (ctx.interactiveHook && cmd.program && SHELLS.test(cmd.program) && cmd.stdin === null) {
    const vals = values(cmd);
    const onlyOptions = vals.every((v) => v !== null && (v.startsWith('-') || v.startsWith('+')));
    const noRc = (cmd.program === 'bash' && vals.some((v) => v === '--norc' || v === '--posix' || v === '-r' || v === '--restricted')) || (cmd.program === 'zsh' && vals.some((v) => v !== null && (/^-[A-Za-z]*f/.test(v) || v === '--no-rcs' || v === '--norcs')));
    if (onlyOptions && !vals.some((v) => v !== null && /^-[A-Za-z]*c/.test(v)) && (noRc || !/^(bash|zsh)$/.test(cmd.program))) facts.push({ type: 'stdin-program', command: text, program: `${cmd.program} without airlock's hook` });
  }
  // A shell or interpreter reading a stdin nobody sees: what the harness writes there later runs unchecked.
  if (ctx.stdinTerminal === false && cmd.program && cmd.stdin === null && !cmd.redirects.some((r) => r.op.startsWith('<'))) {
    const vals = cmd.argv.map((w) => w.value);
    if (vals.every((v) => v !== null)) {
      const prog = interactiveProgram([cmd.program, ...(vals.slice(1) as string[])].join(' '));
      if (prog) facts.push({ type: 'stdin-program', command: text, program: prog });
    }
  }
  return facts;
}

/** Line-level forms the walker does not report as assignments or commands. */
export function lineFacts(line: string): Fact[] {
  const facts: Fact[] = [];
  const add = (name: string) => facts.push({ type: 'env-assign', command: line, name, action: 'set', value: '' });
  for (const m of line.matchAll(/\$\{(AIRLOCK_[A-Za-z0-9_]*|__airlock_[A-Za-z0-9_]*):?[=?]/g)) add(m[1]!);
  for (const m of line.matchAll(/\b(?:for|select)\s+(AIRLOCK_[A-Za-z0-9_]*|__airlock_[A-Za-z0-9_]*)\b/g)) add(m[1]!);
  for (const m of line.matchAll(/\(\([^)]*?\b(AIRLOCK_[A-Za-z0-9_]*|__airlock_[A-Za-z0-9_]*)\s*(?:[-+*/%&|^]|<<|>>)?=(?!=)/g)) add(m[1]!);
  if (/(^|[\s;&|({])(?:function\s+)?(__airlock_[A-Za-z0-9_]*|airlock|command_not_found_handle|accept-line|zle-line-[a-z]+)\s*\(\s*\)/.test(line) || /\bfunction\s+(__airlock_|zle-line-|accept-line\b)/.test(line)) {
    facts.push({ type: 'self-hook', command: line, what: "redefines one of airlock's hook functions" });
  }
  if (/\bunset\b[^\n;&|]*\b__airlock_/.test(line) || /\bunset\s+(-[a-z]*f[a-z]*\s+)[^\n;&|]*\b(airlock|accept-line)\b/.test(line)) facts.push({ type: 'self-hook', command: line, what: "removes airlock's hook functions" });
  return facts;
}
