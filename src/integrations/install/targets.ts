// `airlock install|uninstall <target>`: what each target adds, where. Every target is a pure
// plan (list of file changes) so install is idempotent, --dry-run prints a diff, and uninstall
// removes exactly airlock's own entries, keeping every other setting and hook.
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { airlockCommand, homeDir } from './self';
import { backupsOf, blockBody, jsonText, readJson, readText, withBlock, withoutBlock, type Change } from './edit';
import { defaultShimDir, isShimFile, listShims, shimPrograms, shimScript } from '../shims/shims';

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

function claudeGroup(): Obj {
  return {
    matcher: 'Bash|PowerShell|Write|Edit|MultiEdit|NotebookEdit|Read',
    hooks: [{ type: 'command', command: airlockCommand(['hook', 'claude-code']), timeout: HOOK_TIMEOUT_SEC }],
  };
}

const claudeCode: Target = {
  name: 'claude-code',
  description: 'Claude Code PreToolUse hook in ~/.claude/settings.json',
  files: (ctx) => [path.join(ctx.home, '.claude', 'settings.json')],
  install: (ctx) => ({
    changes: [jsonChange(path.join(ctx.home, '.claude', 'settings.json'), (d) => nestedUpsert(d, 'PreToolUse', 'claude-code', claudeGroup()))],
    notes: ['Claude Code reloads hooks at session start (or via /hooks). A hook that blocks exits 2; everything else gets no opinion from airlock.'],
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

// Codex: ~/.codex/hooks.json (Claude-compatible) + `[features] codex_hooks = true` in config.toml.
const CODEX_FLAG = 'codex_hooks = true  # added by airlock install';
function codexToml(text: string | null, add: boolean): string | null {
  const cur = text ?? '';
  if (!add) {
    if (!cur.includes(CODEX_FLAG)) return text;
    let out = cur.replace(CODEX_FLAG + '\n', '').replace(CODEX_FLAG, '');
    // Drop a [features] table airlock created and left empty.
    out = out.replace(/\n?\[features\]\n(?=\[|$)/, '\n').replace(/^\n+$/, '');
    return out === '' && text !== null ? null : out;
  }
  if (/^\s*codex_hooks\s*=\s*true\b/m.test(cur)) return text;
  if (/^\s*codex_hooks\s*=/m.test(cur)) return cur.replace(/^\s*codex_hooks\s*=.*$/m, CODEX_FLAG);
  const m = /^\[features\][ \t]*(#.*)?$/m.exec(cur);
  if (m) return cur.slice(0, m.index + m[0].length) + '\n' + CODEX_FLAG + cur.slice(m.index + m[0].length);
  const sep = cur === '' || cur.endsWith('\n') ? '' : '\n';
  return `${cur}${sep}${cur ? '\n' : ''}[features]\n${CODEX_FLAG}\n`;
}
const codexGroup = (): Obj => ({ matcher: 'Bash|apply_patch', hooks: [{ type: 'command', command: airlockCommand(['hook', 'codex']), timeout: HOOK_TIMEOUT_SEC }] });
const codex: Target = {
  name: 'codex',
  description: 'Codex PreToolUse hook in ~/.codex/hooks.json and [features] codex_hooks in ~/.codex/config.toml',
  files: (ctx) => [path.join(ctx.home, '.codex', 'hooks.json'), path.join(ctx.home, '.codex', 'config.toml')],
  install: (ctx) => {
    const toml = path.join(ctx.home, '.codex', 'config.toml');
    const before = readText(toml);
    return {
      changes: [jsonChange(path.join(ctx.home, '.codex', 'hooks.json'), (d) => nestedUpsert(d, 'PreToolUse', 'codex', codexGroup())), { file: toml, before, after: codexToml(before, true) }],
      notes: ['Codex hooks only see simple shell calls (unified_exec interception is incomplete); add the program shims too: airlock install shims.'],
    };
  },
  uninstall: (ctx) => {
    const toml = path.join(ctx.home, '.codex', 'config.toml');
    const before = readText(toml);
    return { changes: [jsonChange(path.join(ctx.home, '.codex', 'hooks.json'), (d) => nestedUpsert(d, 'PreToolUse', 'codex', null)), { file: toml, before, after: codexToml(before, false) }], notes: [] };
  },
};

const geminiGroup = (): Obj => ({
  matcher: 'run_shell_command|write_file|replace|read_file|read_many_files',
  hooks: [{ name: 'airlock', type: 'command', command: airlockCommand(['hook', 'gemini']), timeout: HOOK_TIMEOUT_SEC * 1000 }],
});
const gemini: Target = {
  name: 'gemini',
  description: 'Gemini CLI BeforeTool hook in ~/.gemini/settings.json',
  files: (ctx) => [path.join(ctx.home, '.gemini', 'settings.json')],
  install: (ctx) => ({ changes: [jsonChange(path.join(ctx.home, '.gemini', 'settings.json'), (d) => nestedUpsert(d, 'BeforeTool', 'gemini', geminiGroup()))], notes: [] }),
  uninstall: (ctx) => ({ changes: [jsonChange(path.join(ctx.home, '.gemini', 'settings.json'), (d) => nestedUpsert(d, 'BeforeTool', 'gemini', null))], notes: [] }),
};

const copilotFile = (ctx: Ctx) => path.join(ctx.project, '.github', 'hooks', 'airlock.json');
const copilot: Target = {
  name: 'copilot',
  description: 'GitHub Copilot (CLI/agent) preToolUse hook in <project>/.github/hooks/airlock.json',
  files: (ctx) => [copilotFile(ctx)],
  install: (ctx) => ({
    changes: [
      jsonChange(copilotFile(ctx), (d) => {
        const n = flatUpsert(d, 'preToolUse', 'copilot', { type: 'command', bash: airlockCommand(['hook', 'copilot']), timeoutSec: 30 }, 'bash');
        return n === d || isDeepStrictEqual(n, d) ? d : { version: 1, ...n };
      }),
    ],
    notes: ['The hook names this machine\'s airlock by absolute path: it works for Copilot CLI here, not for the cloud coding agent.'],
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

export const TARGETS: Target[] = [claudeCode, cursor, codex, gemini, copilot, windsurf, cline, rcTarget('bash'), rcTarget('zsh'), shims];

export function targetByName(name: string): Target | undefined {
  return TARGETS.find((t) => t.name === name || (name === 'claude' && t.name === 'claude-code'));
}
