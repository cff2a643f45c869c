// `airlock install|uninstall <target>`: what each target adds, where. Every target is a pure
// plan (list of file changes) so install is idempotent, --dry-run prints a diff, and uninstall
// removes exactly airlock's own entries, keeping every other setting and hook.
import { HARNESSES, type HarnessName } from '../../harness/adapters';
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { airlockCommand, homeDir } from './self';
import { backupsOf, blockBody, jsonText, readJson, readText, withBlock, withoutBlock, type Change } from './edit';
import { defaultShimDir, isShimFile, listShims, shimPrograms, shimScript } from '../shims/shims';
import { CODEX_MATCHER, codexFeature, codexHome, codexTrustEntries, withCodexTrust } from '../../harness/codex-trust';

type Env = Record<string, string | undefined>;
type Obj = Record<string, unknown>;

export interface Ctx {
  env: Env;
  home: string;
  /** Project directory for project-scoped targets (copilot). */
  project: string;
  shimDir: string;
  /** shims: also add the PATH line to the shell rc files. */
  rc: boolean;
}

export function makeCtx(opts: { env?: Env; project?: string; dir?: string; rc?: boolean } = {}): Ctx {
  const env = opts.env ?? process.env;
  return { env, home: homeDir(env), project: path.resolve(opts.project ?? process.cwd()), shimDir: path.resolve(opts.dir ?? defaultShimDir(env)), rc: Boolean(opts.rc) };
}

export interface Plan {
  changes: Change[];
  /** Printed after applying (or in the dry run). */
  notes: string[];
}

export interface Target {
  name: string;
  description: string;
  install(ctx: Ctx): Plan;
  uninstall(ctx: Ctx): Plan;
  /** Files this target writes (for doctor). */
  files(ctx: Ctx): string[];
}

export const HOOK_TIMEOUT_SEC = 60;

/** Does `command` run `airlock hook <harness>`? */
export function isOurHookCommand(command: unknown, harness: string): boolean {
  return typeof command === 'string' && new RegExp(`airlock(\\.cjs)?['"]?\\s+hook\\s+${harness.replace(/-/g, '\\-')}(['"\\s]|$)`).test(command);
}

// ---- Claude-style nested hooks: { hooks: { <Event>: [ { matcher, hooks: [ {type, command, ...} ] } ] } } ----

function nestedUpsert(data: Obj, event: string, harness: string, group: Obj | null): Obj {
  const out: Obj = structuredClone(data);
  const hooks = (out.hooks && typeof out.hooks === 'object' && !Array.isArray(out.hooks) ? out.hooks : {}) as Obj;
  const list = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : [];
  const ours = list.filter((g) => groupHasOurs(g, harness));
  if (group && ours.length === 1 && isDeepStrictEqual(ours[0], group)) return data;
  const next: unknown[] = [];
  for (const g of list) {
    if (!groupHasOurs(g, harness)) {
      next.push(g);
      continue;
    }
    const rest = ((g as Obj).hooks as unknown[]).filter((h) => !isOurHookCommand((h as Obj)?.command, harness));
    if (rest.length) next.push({ ...(g as Obj), hooks: rest });
  }
  if (group) next.push(group);
  if (next.length) hooks[event] = next;
  else delete hooks[event];
  if (Object.keys(hooks).length) out.hooks = hooks;
  else delete out.hooks;
  return out;
}

function groupHasOurs(g: unknown, harness: string): boolean {
  if (!g || typeof g !== 'object') return false;
  const hs = (g as Obj).hooks;
  return Array.isArray(hs) && hs.some((h) => isOurHookCommand((h as Obj)?.command, harness));
}

// ---- Flat hooks: { hooks: { <event>: [ { command, ... } ] } } (Cursor, Windsurf) ----

function flatUpsert(data: Obj, event: string, harness: string, entry: Obj | null, key = 'command'): Obj {
  const out: Obj = structuredClone(data);
  const hooks = (out.hooks && typeof out.hooks === 'object' && !Array.isArray(out.hooks) ? out.hooks : {}) as Obj;
  const list = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : [];
  const ours = list.filter((e) => isOurHookCommand((e as Obj)?.[key], harness));
  if (entry && ours.length === 1 && isDeepStrictEqual(ours[0], entry)) return data;
  const next = list.filter((e) => !isOurHookCommand((e as Obj)?.[key], harness));
  if (entry) next.push(entry);
  if (next.length) hooks[event] = next;
  else delete hooks[event];
  if (Object.keys(hooks).length) out.hooks = hooks;
  else delete out.hooks;
  return out;
}

function jsonChange(file: string, edit: (data: Obj) => Obj, opts: { dropIfOnly?: string[] } = {}): Change {
  const { text, data } = readJson(file);
  const next = edit(data);
  if (next === data || isDeepStrictEqual(next, data)) return { file, before: text, after: text };
  // A file airlock created and that now holds nothing else is removed on uninstall.
  // A file airlock created (no backup: install backs up every file it finds) that now holds
  // nothing else is removed on uninstall.
  const only = ['version', ...(opts.dropIfOnly ?? [])];
  if (!next.hooks && Object.keys(next).every((k) => only.includes(k)) && (opts.dropIfOnly || backupsOf(file).length === 0)) return { file, before: text, after: null };
  return { file, before: text, after: jsonText(next) };
}

/** Claude Code reads a matcher with other characters than letters and | as an unanchored regex. */
export const CLAUDE_MATCHER = '^(Bash|PowerShell|Write|Edit|MultiEdit|NotebookEdit|Read)$|^mcp__';

function claudeGroup(): Obj {
  return {
    matcher: CLAUDE_MATCHER,
    // onFailure "block" (2.1.295+): a hook that cannot start, crashes or times out blocks the tool
    // call instead of letting it through; older versions ignore the key.
    hooks: [{ type: 'command', command: airlockCommand(['hook', 'claude-code']), timeout: HOOK_TIMEOUT_SEC, onFailure: 'block' }],
  };
}

const claudeCode: Target = {
  name: 'claude-code',
  description: 'Claude Code PreToolUse hook in ~/.claude/settings.json',
  files: (ctx) => [path.join(ctx.home, '.claude', 'settings.json')],
  install: (ctx) => ({
    changes: [jsonChange(path.join(ctx.home, '.claude', 'settings.json'), (d) => nestedUpsert(d, 'PreToolUse', 'claude-code', claudeGroup()))],
    notes: ['Claude Code reloads hooks at session start (or via /hooks). A hook that blocks exits 2; everything else gets no opinion from airlock. onFailure "block" makes a crashed or hung hook block (Claude Code 2.1.295 and later).'],
  }),
  uninstall: (ctx) => ({ changes: [jsonChange(path.join(ctx.home, '.claude', 'settings.json'), (d) => nestedUpsert(d, 'PreToolUse', 'claude-code', null))], notes: [] }),
};

const cursorFile = (ctx: Ctx) => path.join(ctx.home, '.cursor', 'hooks.json');
const cursorEntry = (): Obj => ({ command: airlockCommand(['hook', 'cursor']), timeout: HOOK_TIMEOUT_SEC, failClosed: true });
const cursor: Target = {
  name: 'cursor',
  description: 'Cursor beforeShellExecution/beforeReadFile hooks in ~/.cursor/hooks.json (failClosed)',
  files: (ctx) => [cursorFile(ctx)],
  install: (ctx) => ({
    changes: [
      jsonChange(cursorFile(ctx), (d) => {
        let n = flatUpsert(d, 'beforeShellExecution', 'cursor', cursorEntry());
        n = flatUpsert(n, 'beforeReadFile', 'cursor', cursorEntry());
        return n === d || isDeepStrictEqual(n, d) ? d : { version: 1, ...n };
      }),
    ],
    notes: ['Cursor reloads hooks.json on save.'],
  }),
  uninstall: (ctx) => ({
    changes: [jsonChange(cursorFile(ctx), (d) => flatUpsert(flatUpsert(d, 'beforeShellExecution', 'cursor', null), 'beforeReadFile', 'cursor', null), { dropIfOnly: ['version'] })],
    notes: [],
  }),
};

// Codex: ~/.codex/hooks.json (Claude-compatible), `[features] hooks = true` and the hook's trust
// record in config.toml (Codex skips an untrusted hook silently; see codex-trust.ts).
const codexGroup = (): Obj => ({ matcher: CODEX_MATCHER, hooks: [{ type: 'command', command: airlockCommand(['hook', 'codex']), timeout: HOOK_TIMEOUT_SEC }] });
function codexPlan(ctx: Ctx, add: boolean): Change[] {
  const dir = codexHome(ctx.env, ctx.home);
  const hooksFile = path.join(dir, 'hooks.json');
  const toml = path.join(dir, 'config.toml');
  const hooks = jsonChange(hooksFile, (d) => nestedUpsert(d, 'PreToolUse', 'codex', add ? codexGroup() : null));
  const before = readText(toml);
  let after = codexFeature(before, add);
  if (add) {
    const data = hooks.after === null ? {} : (JSON.parse(hooks.after) as Obj);
    after = withCodexTrust(after, codexTrustEntries(hooksFile, data, (c) => isOurHookCommand(c, 'codex')));
  } else after = withCodexTrust(after, []);
  // A config.toml left holding nothing (airlock created it) is removed.
  if (after !== null && after.trim() === '' && (before === null || !add)) after = null;
  return [hooks, { file: toml, before, after }];
}
const codex: Target = {
  name: 'codex',
  description: 'Codex PreToolUse hook in ~/.codex/hooks.json, trusted in ~/.codex/config.toml ([hooks.state], [features] hooks)',
  files: (ctx) => [path.join(codexHome(ctx.env, ctx.home), 'hooks.json'), path.join(codexHome(ctx.env, ctx.home), 'config.toml')],
  install: (ctx) => ({
    changes: codexPlan(ctx, true),
    notes: [
      'airlock recorded the hook as trusted in config.toml (Codex skips untrusted hooks silently). Run `airlock install codex` again after moving airlock or adding hooks before it.',
      'Codex runs the command when a hook crashes or hangs (no fail-closed option): `airlock doctor` checks the hook starts.',
    ],
  }),
  uninstall: (ctx) => ({ changes: codexPlan(ctx, false), notes: [] }),
};

const geminiGroup = (): Obj => ({
  matcher: 'run_shell_command|write_file|replace|read_file|read_many_files|mcp_.*',
  hooks: [{ name: 'airlock', type: 'command', command: airlockCommand(['hook', 'gemini']), timeout: HOOK_TIMEOUT_SEC * 1000 }],
});
const gemini: Target = {
  name: 'gemini',
  description: 'Gemini CLI BeforeTool hook in ~/.gemini/settings.json',
  files: (ctx) => [path.join(ctx.home, '.gemini', 'settings.json')],
  install: (ctx) => ({ changes: [jsonChange(path.join(ctx.home, '.gemini', 'settings.json'), (d) => nestedUpsert(d, 'BeforeTool', 'gemini', geminiGroup()))], notes: [] }),
  uninstall: (ctx) => ({ changes: [jsonChange(path.join(ctx.home, '.gemini', 'settings.json'), (d) => nestedUpsert(d, 'BeforeTool', 'gemini', null))], notes: [] }),
};

// Copilot CLI loads a project's .github/hooks only in trusted folders; $COPILOT_HOME/hooks
// (default ~/.copilot/hooks) everywhere (measured with 1.0.102).
export const copilotHome = (ctx: Ctx): string => (ctx.env.COPILOT_HOME ? path.resolve(ctx.env.COPILOT_HOME) : path.join(ctx.home, '.copilot'));
const copilotFile = (ctx: Ctx) => path.join(copilotHome(ctx), 'hooks', 'airlock.json');
const copilotEntry = (): Obj => ({ type: 'command', bash: airlockCommand(['hook', 'copilot']), timeoutSec: 30 });
const copilot: Target = {
  name: 'copilot',
  description: 'GitHub Copilot CLI preToolUse hook in ~/.copilot/hooks/airlock.json ($COPILOT_HOME/hooks)',
  files: (ctx) => [copilotFile(ctx)],
  install: (ctx) => ({
    changes: [
      jsonChange(copilotFile(ctx), (d) => {
        const n = flatUpsert(d, 'preToolUse', 'copilot', copilotEntry(), 'bash');
        return n === d || isDeepStrictEqual(n, d) ? d : { version: 1, ...n };
      }),
    ],
    notes: ['Copilot CLI runs the command when a hook times out (errors block): keep `airlock approver` open so confirmations are answered in time.'],
  }),
  uninstall: (ctx) => ({ changes: [jsonChange(copilotFile(ctx), (d) => flatUpsert(d, 'preToolUse', 'copilot', null, 'bash'), { dropIfOnly: ['version'] })], notes: [] }),
};

const windsurfFile = (ctx: Ctx) => path.join(ctx.home, '.codeium', 'windsurf', 'hooks.json');
const WINDSURF_EVENTS = ['pre_run_command', 'pre_write_code', 'pre_read_code'];
const windsurf: Target = {
  name: 'windsurf',
  description: 'Windsurf (Cascade) pre_run_command/pre_write_code/pre_read_code hooks in ~/.codeium/windsurf/hooks.json',
  files: (ctx) => [windsurfFile(ctx)],
  install: (ctx) => ({
    changes: [jsonChange(windsurfFile(ctx), (d) => WINDSURF_EVENTS.reduce((acc, ev) => flatUpsert(acc, ev, 'windsurf', { command: airlockCommand(['hook', 'windsurf']), show_output: true }), d))],
    notes: [],
  }),
  uninstall: (ctx) => ({ changes: [jsonChange(windsurfFile(ctx), (d) => WINDSURF_EVENTS.reduce((acc, ev) => flatUpsert(acc, ev, 'windsurf', null), d))], notes: [] }),
};

const clineFile = (ctx: Ctx) => path.join(ctx.home, 'Documents', 'Cline', 'Hooks', 'PreToolUse');
const CLINE_MARK = '# airlock cline hook';
const cline: Target = {
  name: 'cline',
  description: 'Cline PreToolUse hook script in ~/Documents/Cline/Hooks/PreToolUse',
  files: (ctx) => [clineFile(ctx)],
  install: (ctx) => {
    const file = clineFile(ctx);
    const before = readText(file);
    if (before !== null && !before.includes(CLINE_MARK)) throw new Error(`${file} exists and is not airlock's; merge it by hand (run \`${airlockCommand(['hook', 'cline'])}\` with the same stdin)`);
    return { changes: [{ file, before, after: `#!/bin/sh\n${CLINE_MARK}\nexec ${airlockCommand(['hook', 'cline'])}\n`, mode: 0o755 }], notes: [] };
  },
  uninstall: (ctx) => {
    const file = clineFile(ctx);
    const before = readText(file);
    return { changes: [{ file, before, after: before !== null && before.includes(CLINE_MARK) ? null : before }], notes: [] };
  },
};

function rcTarget(shell: 'bash' | 'zsh'): Target {
  const file = (ctx: Ctx) => path.join(ctx.home, shell === 'bash' ? '.bashrc' : '.zshrc');
  const body = () => `eval "$(${airlockCommand(['init', shell])})"`;
  return {
    name: shell,
    description: `${shell} hook: eval "$(airlock init ${shell})" in ~/${shell === 'bash' ? '.bashrc' : '.zshrc'}`,
    files: (ctx) => [file(ctx)],
    install: (ctx) => {
      const before = readText(file(ctx));
      return { changes: [{ file: file(ctx), before, after: withBlock(before, `${shell} hook`, body()) }], notes: [`Open a new ${shell} (or source the file) to activate it.`] };
    },
    uninstall: (ctx) => {
      const before = readText(file(ctx));
      return { changes: [{ file: file(ctx), before, after: before === null ? null : withoutBlock(before, `${shell} hook`) }], notes: [] };
    },
  };
}

export function shimPathLine(dir: string): string {
  return `export PATH="${dir.replace(/(["\\$`])/g, '\\$1')}:$PATH"`;
}

function shimRcFiles(ctx: Ctx): string[] {
  const all = ['.bashrc', '.zshrc'].map((f) => path.join(ctx.home, f));
  const existing = all.filter((f) => fs.existsSync(f));
  return existing.length ? existing : [all[0]!];
}

const shims: Target = {
  name: 'shims',
  description: 'program shims (psql, terraform, curl, ...) in ~/.local/share/airlock/shims, first on the agent\'s PATH',
  files: (ctx) => [ctx.shimDir],
  install: (ctx) => {
    const changes: Change[] = [];
    const programs = shimPrograms();
    for (const name of programs) {
      const file = path.join(ctx.shimDir, name);
      const before = readText(file);
      if (before !== null && !isShimFile(file)) throw new Error(`${file} exists and is not an airlock shim; refusing to overwrite it`);
      changes.push({ file, before, after: shimScript(name), mode: 0o755 });
    }
    for (const name of listShims(ctx.shimDir)) if (!programs.includes(name)) changes.push({ file: path.join(ctx.shimDir, name), before: readText(path.join(ctx.shimDir, name)), after: null });
    const notes = [`Put the shims first on the agent's PATH: ${shimPathLine(ctx.shimDir)}`];
    if (ctx.rc) for (const f of shimRcFiles(ctx)) {
      const before = readText(f);
      changes.push({ file: f, before, after: withBlock(before, 'shims', shimPathLine(ctx.shimDir)) });
    }
    else notes.push('(or run `airlock install shims --rc` to add that line to ~/.bashrc / ~/.zshrc)');
    return { changes, notes };
  },
  uninstall: (ctx) => {
    const changes: Change[] = listShims(ctx.shimDir).map((n) => ({ file: path.join(ctx.shimDir, n), before: readText(path.join(ctx.shimDir, n)), after: null }));
    for (const f of ['.bashrc', '.zshrc'].map((x) => path.join(ctx.home, x))) {
      const before = readText(f);
      if (before !== null && blockBody(before, 'shims') !== null) changes.push({ file: f, before, after: withoutBlock(before, 'shims') });
    }
    return { changes, notes: [] };
  },
};

/** The install target of each harness (src/integrations/harness/harness.ts joins it to the adapter and the doctor probe). */
export const HARNESS_TARGETS = { 'claude-code': claudeCode, cursor, codex, gemini, copilot, windsurf, cline } as const satisfies Record<HarnessName, Target>;

export const TARGETS: Target[] = [...HARNESSES.map((h) => HARNESS_TARGETS[h]), rcTarget('bash'), rcTarget('zsh'), shims];

export function targetByName(name: string): Target | undefined {
  return TARGETS.find((t) => t.name === name || (name === 'claude' && t.name === 'claude-code'));
}
