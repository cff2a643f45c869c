// One adapter per agent harness: where the command (or file path) is in the hook's stdin JSON,
// and how "blocked" / "no opinion" are written back, from each harness's hook documentation and
// what its real binary did (sections in brackets below).
//
// "No opinion" is always exit 0 with no output (Cline: {"cancel":false}): an explicit "allow"
// would skip the harness's own permission prompts, which airlock must never loosen.
import { shellJoin } from '../util/shell-quote';
import * as path from 'path';

export const HARNESSES = ['claude-code', 'cursor', 'codex', 'gemini', 'copilot', 'windsurf', 'cline'] as const;
export type HarnessName = (typeof HARNESSES)[number];

export type Action =
  /**
   * `session`: the command may start an interactive session that later input reaches without
   * any hook call (Codex `exec_command` with a TTY, then `write_stdin`).
   */
  | { kind: 'shell'; tool: string; command: string; cwd?: string; session?: 'tty' | 'input' }
  /** An MCP tool call: the server and tool names, and its arguments. */
  | { kind: 'tool'; tool: string; server: string; name: string; args: Obj; cwd?: string }
  | { kind: 'files'; tool: string; write: string[]; read: string[]; cwd?: string }
  | { kind: 'none'; tool: string };

export interface Answer {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Where a harness keeps the settings that install airlock's hook. Rewriting, moving or deleting
 * any of them switches the guard off, so self-protection (src/analyzers/self, the file-tool
 * check) is generated from these lists, the same for every harness.
 */
export interface HookPaths {
  /** Files, by path suffix (`.claude/settings.json` matches in HOME and in any project). */
  files: string[];
  /** Directories whose every file is a hook, by path suffix. */
  dirs: string[];
  /** Absolute system paths (managed settings). */
  system?: string[];
  /** An environment variable that moves the harness home, and the hook files/dirs relative to it. */
  envHome?: { name: string; files: string[]; dirs: string[] };
}

export interface Harness {
  name: HarnessName;
  /** The settings files and hook directories airlock's hook lives in. */
  hookPaths: HookPaths;
  /** The hook timeout (seconds) the harness applies: the one `airlock install` writes, or the harness default if smaller. */
  timeoutSec: number;
  /** Throws when the input is not what the harness sends (=> deny). */
  extract(input: unknown): Action;
  deny(reason: string): Answer;
  pass(): Answer;
}

export class HookInputError extends Error {
  override name = 'HookInputError';
}

export type Obj = Record<string, unknown>;

function obj(v: unknown, what: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new HookInputError(`${what} is not a JSON object`);
  return v as Obj;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new HookInputError(`${what} is missing or not a string`);
  return v;
}

function optStr(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A command given as an argv array (some harnesses) becomes a quoted line. */
function commandOf(v: unknown, what: string): string {
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) {
    return shellJoin(v as string[]);
  }
  return str(v, what);
}

export const WRITE_TOOL = /write|edit|replace|create|patch|insert|delete|remove|move|rename|notebook|str_replace|apply_diff/i;
const READ_TOOL = /read|view|open|cat$/i;
const PATH_KEYS = ['file_path', 'filePath', 'path', 'notebook_path', 'absolute_path', 'target_file', 'targetFile', 'file', 'destination', 'new_path', 'old_path'];

/** Paths named by a file tool's arguments (top level, plus `paths`/`edits` arrays). */
export function pathsIn(args: Obj): string[] {
  const out: string[] = [];
  for (const k of PATH_KEYS) if (typeof args[k] === 'string' && args[k]) out.push(args[k] as string);
  for (const k of ['paths', 'files', 'file_paths']) {
    const v = args[k];
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
  }
  if (Array.isArray(args.edits)) for (const e of args.edits) if (e && typeof e === 'object') out.push(...pathsIn(e as Obj));
  return out;
}

/** Paths touched by a Codex/OpenAI apply_patch body. */
export function patchPaths(patch: string): string[] {
  const out: string[] = [];
  for (const m of patch.matchAll(/^\*\*\* (?:Add|Update|Delete) File: (.+)$|^\*\*\* Move to: (.+)$/gm)) out.push((m[1] ?? m[2] ?? '').trim());
  for (const m of patch.matchAll(/^(?:\+\+\+|---) (?:[ab]\/)?(.+)$/gm)) if (m[1] && m[1] !== '/dev/null') out.push(m[1].trim());
  return out.filter(Boolean);
}

function fileAction(tool: string, args: Obj, cwd: string | undefined, forceWrite?: boolean): Action {
  const paths = pathsIn(args);
  if (paths.length === 0) return { kind: 'none', tool };
  const write = forceWrite === true || (forceWrite === undefined && WRITE_TOOL.test(tool));
  const read = forceWrite === false || (!write && READ_TOOL.test(tool));
  if (!write && !read) return { kind: 'none', tool };
  return { kind: 'files', tool, write: write ? paths : [], read: read ? paths : [], cwd };
}

// exit 2 + reason on stderr, nothing on stdout [§1.3 "Safe choice", §3.4, §4.4, §5 Windsurf].
const exit2 = (reason: string): Answer => ({ stdout: '', stderr: reason + '\n', code: 2 });
const silent = (): Answer => ({ stdout: '', stderr: '', code: 0 });

/** `mcp__<server>__<tool>` (Claude Code, Codex); null for other tool names. */
export function mcpName(tool: string): { server: string; name: string } | null {
  const m = /^mcp__(.+?)__(.+)$/.exec(tool);
  return m ? { server: m[1]!, name: m[2]! } : null;
}

const SHELLS = /^(bash|sh|dash|zsh|fish|ksh|mksh|python[0-9.]*|pypy3?|node|nodejs|deno|bun|irb|ruby|perl|php|lua|R)$/;
const CLIENTS: Record<string, { scripted: RegExp; maxPositional: number }> = {
  psql: { scripted: /^(-c|-f|--command|--file)(=|$)|^-[A-Za-z]*[cf]$/, maxPositional: 2 },
  mysql: { scripted: /^(-e|--execute)(=|$)/, maxPositional: 1 },
  mariadb: { scripted: /^(-e|--execute)(=|$)/, maxPositional: 1 },
  sqlite3: { scripted: /^-(cmd|init)$/, maxPositional: 1 },
  mongosh: { scripted: /^(--eval|-f|--file)(=|$)/, maxPositional: 1 },
  mongo: { scripted: /^(--eval)(=|$)/, maxPositional: 1 },
  'redis-cli': { scripted: /^$/, maxPositional: 0 },
  'valkey-cli': { scripted: /^$/, maxPositional: 0 },
  ssh: { scripted: /^$/, maxPositional: 1 },
};
/** Options of these that take a value (so the value is not a positional word). */
const VALUED = /^-(h|p|U|d|u|P|W|n|F|o|i|l|J|b|e|S)$/;

/**
 * The interactive program a bare command starts (`bash`, `python3 -i`, `psql -h db app`), or null
 * (a script, `-c`, a pipeline, anything with shell syntax): such a session is what Codex types into
 * with write_stdin, and no hook sees what is typed.
 */
export function interactiveProgram(command: string): string | null {
  if (/[;&|<>`$(){}\n\\'"]/.test(command)) return null;
  const words = command.trim().split(/\s+/).filter(Boolean);
  const prog = (words[0] ?? '').replace(/^.*\//, '');
  const rest = words.slice(1);
  if (SHELLS.test(prog)) {
    if (rest.some((w) => !w.startsWith('-') || /^-[A-Za-z]*[cemC]$|^--(command|eval|version|help)$|^-V$/.test(w))) return null;
    return prog;
  }
  const client = CLIENTS[prog];
  if (!client) return null;
  let positional = 0;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (client.scripted.test(w) && w !== '') return null;
    if (/^--(version|help)$/.test(w)) return null;
    if (w.startsWith('-')) {
      if (VALUED.test(w)) i++;
      continue;
    }
    positional++;
  }
  return positional <= client.maxPositional ? prog : null;
}

/** Claude Code PreToolUse [§1.2]; Codex uses the same shape [§3.4]. */
function claudeLike(input: unknown, shellTools: RegExp, codex = false): Action {
  const o = obj(input, 'hook input');
  const tool = str(o.tool_name, 'tool_name');
  const cwd = optStr(o.cwd);
  const ti = o.tool_input === undefined ? {} : obj(o.tool_input, 'tool_input');
  if (shellTools.test(tool)) {
    const command = commandOf(ti.command ?? ti.cmd, 'tool_input.command');
    // Only Codex's exec_command takes a workdir; elsewhere a `workdir` key is the model's own text.
    const dir = codex ? optStr(ti.workdir) : undefined;
    const action: Action = { kind: 'shell', tool, command, cwd: dir && cwd ? path.resolve(cwd, dir) : dir ?? cwd };
    // Codex sends no `tty` today: a bare interactive program may be a TTY session write_stdin feeds.
    if (codex && ti.tty !== false && interactiveProgram(command)) action.session = 'tty';
    return action;
  }
  if (codex && tool === 'write_stdin') {
    // Input typed into a running session: judged as a command line, since that is what a shell runs.
    const chars = typeof ti.chars === 'string' ? ti.chars : typeof ti.input === 'string' ? ti.input : '';
    return chars.trim() ? { kind: 'shell', tool, command: chars, cwd, session: 'input' } : { kind: 'none', tool };
  }
  if (tool === 'apply_patch') {
    const body = typeof ti.command === 'string' ? ti.command : typeof ti.patch === 'string' ? ti.patch : typeof ti.input === 'string' ? ti.input : '';
    const paths = patchPaths(body);
    return paths.length ? { kind: 'files', tool, write: paths, read: [], cwd } : { kind: 'none', tool };
  }
  const mcp = mcpName(tool);
  if (mcp) return { kind: 'tool', tool, ...mcp, args: ti, cwd };
  return fileAction(tool, ti, cwd);
}

/** Cline's `arguments` (a JSON string) or an object. */
function argsObject(v: unknown, what: string): Obj {
  if (v === undefined || v === '') return {};
  if (typeof v === 'string') {
    try {
      return obj(JSON.parse(v), what);
    } catch (e) {
      throw new HookInputError(`${what} is not a JSON object: ${(e as Error).message}`);
    }
  }
  return obj(v, what);
}

/** Cline 3.x run_commands: `commands` is a JSON-string array (or an array) of command lines. */
function clineCommands(v: unknown): string {
  let list: unknown = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      // A single command line.
      return v;
    }
  }
  if (typeof list === 'string') return list;
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string')) throw new HookInputError('preToolUse.parameters.commands is not a list of command lines');
  return (list as string[]).join('\n');
}

export const ADAPTERS: Record<HarnessName, Harness> = {
  'claude-code': {
    name: 'claude-code',
    hookPaths: { files: ['.claude/settings.json', '.claude/settings.local.json'], dirs: ['.claude/hooks'], system: ['/etc/claude-code', '/Library/Application Support/ClaudeCode'] },
    // 600 s today, 60 s in 2025 releases [§1.5]; `airlock install` writes timeout 60.
    timeoutSec: 60,
    extract: (input) => claudeLike(input, /^(Bash|PowerShell)$/),
    deny: exit2,
    pass: silent,
  },
  cursor: {
    name: 'cursor',
    hookPaths: { files: ['.cursor/hooks.json'], dirs: ['.cursor/hooks'], system: ['/etc/cursor'] },
    // Platform default undocumented; `airlock install` writes timeout 60 and failClosed [§2.1].
    timeoutSec: 60,
    extract(input) {
      const o = obj(input, 'hook input');
      const roots = Array.isArray(o.workspace_roots) ? o.workspace_roots.filter((r): r is string => typeof r === 'string') : [];
      const cwd = optStr(o.cwd) ?? roots[0];
      const event = optStr(o.hook_event_name) ?? 'beforeShellExecution';
      if (event === 'beforeReadFile') return fileAction('Read', o, cwd, false);
      if (event === 'preToolUse') {
        // Generic preToolUse: { tool_name: "Shell", tool_input: { command, working_directory } } [§2.3].
        const tool = str(o.tool_name, 'tool_name');
        const ti = o.tool_input === undefined ? {} : obj(o.tool_input, 'tool_input');
        if (/^(Shell|Terminal|run_terminal_cmd)$/i.test(tool)) return { kind: 'shell', tool, command: str(ti.command, 'tool_input.command'), cwd: optStr(ti.working_directory) ?? cwd };
        return fileAction(tool, ti, cwd);
      }
      return { kind: 'shell', tool: 'Shell', command: str(o.command, 'command'), cwd };
    },
    // {"permission":"deny",...} plus exit 2 (itself a deny in Cursor) [§2.3, §2.4]; both spellings of the message fields.
    deny: (reason) => ({
      stdout: JSON.stringify({ permission: 'deny', user_message: firstLine(reason), agent_message: reason, userMessage: firstLine(reason), agentMessage: reason }) + '\n',
      stderr: reason + '\n',
      code: 2,
    }),
    pass: silent,
  },
  codex: {
    name: 'codex',
    hookPaths: { files: ['.codex/hooks.json', '.codex/config.toml'], dirs: [], system: ['/etc/codex'], envHome: { name: 'CODEX_HOME', files: ['hooks.json', 'config.toml'], dirs: [] } },
    // Default 600 s [§3.4]; `airlock install` writes timeout 60.
    timeoutSec: 60,
    extract: (input) => claudeLike(input, /^(Bash|shell|local_shell|exec_command|container\.exec|unified_exec)$/i, true),
    // "ask" fails open in Codex: every block is exit 2 + stderr [§3.4].
    deny: exit2,
    pass: silent,
  },
  gemini: {
    name: 'gemini',
    hookPaths: { files: ['.gemini/settings.json'], dirs: [], system: ['/etc/gemini-cli'] },
    // Default 60 000 ms [§4.4]; `airlock install` writes 60000.
    timeoutSec: 60,
    extract(input) {
      const o = obj(input, 'hook input');
      const tool = str(o.tool_name, 'tool_name');
      const cwd = optStr(o.cwd);
      const ti = o.tool_input === undefined ? {} : obj(o.tool_input, 'tool_input');
      if (tool === 'run_shell_command') {
        const dir = optStr(ti.dir_path) ?? optStr(ti.directory);
        return { kind: 'shell', tool, command: str(ti.command, 'tool_input.command'), cwd: dir && cwd ? path.resolve(cwd, dir) : dir ?? cwd };
      }
      // MCP tools: `mcp_<server>_<tool>`, with mcp_context {server_name, tool_name} (0.61).
      const mc = o.mcp_context && typeof o.mcp_context === 'object' ? (o.mcp_context as Obj) : null;
      if (mc && typeof mc.server_name === 'string' && typeof mc.tool_name === 'string') return { kind: 'tool', tool, server: mc.server_name, name: mc.tool_name, args: ti, cwd };
      const mcp = mcpName(tool);
      if (mcp) return { kind: 'tool', tool, ...mcp, args: ti, cwd };
      return fileAction(tool, ti, cwd);
    },
    // exit 2 = "System Block", stderr is the reason [§4.4].
    deny: exit2,
    pass: silent,
  },
  copilot: {
    name: 'copilot',
    hookPaths: { files: [], dirs: ['.copilot/hooks', '.github/hooks'], envHome: { name: 'COPILOT_HOME', files: [], dirs: ['hooks'] } },
    // timeoutSec default 30 [§0, §5].
    timeoutSec: 30,
    extract(input) {
      const o = obj(input, 'hook input');
      const tool = str(o.toolName, 'toolName');
      const cwd = optStr(o.cwd);
      let args: Obj;
      if (typeof o.toolArgs === 'string') {
        // Copilot CLI 1.0.102 sends an object; older builds and the coding agent a JSON string [§5].
        try {
          args = obj(JSON.parse(o.toolArgs), 'toolArgs');
        } catch (e) {
          throw new HookInputError(`toolArgs is not JSON: ${(e as Error).message}`);
        }
      } else args = o.toolArgs === undefined ? {} : obj(o.toolArgs, 'toolArgs');
      if (/^(bash|shell|powershell|run_in_terminal|runInTerminal|terminal)$/i.test(tool)) return { kind: 'shell', tool, command: commandOf(args.command, 'toolArgs.command'), cwd: optStr(args.cwd) ?? cwd };
      const mcp = mcpName(tool);
      if (mcp) return { kind: 'tool', tool, ...mcp, args, cwd };
      return fileAction(tool, args, cwd);
    },
    deny: (reason) => ({ stdout: JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: reason }) + '\n', stderr: reason + '\n', code: 0 }),
    pass: silent,
  },
  windsurf: {
    name: 'windsurf',
    hookPaths: { files: ['.codeium/windsurf/hooks.json', '.windsurf/hooks.json'], dirs: [] },
    // No documented timeout: assume 30 s.
    timeoutSec: 30,
    extract(input) {
      const o = obj(input, 'hook input');
      const event = str(o.agent_action_name, 'agent_action_name');
      const info = obj(o.tool_info, 'tool_info');
      const cwd = optStr(info.cwd);
      if (event === 'pre_run_command') return { kind: 'shell', tool: event, command: str(info.command_line, 'tool_info.command_line'), cwd };
      if (event === 'pre_write_code') return fileAction(event, info, cwd, true);
      if (event === 'pre_read_code') return fileAction(event, info, cwd, false);
      return { kind: 'none', tool: event };
    },
    // exit 2 blocks pre-hooks; stderr shown with show_output [§5].
    deny: exit2,
    pass: silent,
  },
  cline: {
    name: 'cline',
    hookPaths: { files: [], dirs: ['Documents/Cline/Hooks', '.clinerules/hooks'] },
    // No documented timeout: assume 30 s.
    timeoutSec: 30,
    extract(input) {
      const o = obj(input, 'hook input');
      const p = obj(o.preToolUse, 'preToolUse');
      const tool = str(p.toolName, 'preToolUse.toolName');
      const params = p.parameters === undefined ? {} : obj(p.parameters, 'preToolUse.parameters');
      const roots = Array.isArray(o.workspaceRoots) ? o.workspaceRoots.filter((r): r is string => typeof r === 'string') : [];
      if (tool === 'execute_command') return { kind: 'shell', tool, command: str(params.command, 'preToolUse.parameters.command'), cwd: roots[0] };
      // 3.x: run_commands {commands: "[\"cmd\", ...]"} (measured with 3.0.65).
      if (tool === 'run_commands') {
        if (params.commands === undefined && typeof params.command === 'string') return { kind: 'shell', tool, command: params.command, cwd: roots[0] };
        return { kind: 'shell', tool, command: clineCommands(params.commands), cwd: roots[0] };
      }
      if (tool === 'use_mcp_tool') return { kind: 'tool', tool, server: str(params.server_name, 'preToolUse.parameters.server_name'), name: str(params.tool_name, 'preToolUse.parameters.tool_name'), args: argsObject(params.arguments, 'preToolUse.parameters.arguments'), cwd: roots[0] };
      const mcp = mcpName(tool);
      if (mcp) return { kind: 'tool', tool, ...mcp, args: params, cwd: roots[0] };
      return fileAction(tool, params, roots[0]);
    },
    // {"cancel":true,"errorMessage":...} [§5].
    deny: (reason) => ({ stdout: JSON.stringify({ cancel: true, errorMessage: reason }) + '\n', stderr: '', code: 0 }),
    pass: () => ({ stdout: JSON.stringify({ cancel: false }) + '\n', stderr: '', code: 0 }),
  },
};

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

export function isHarness(name: string): name is HarnessName {
  return (HARNESSES as readonly string[]).includes(name);
}
