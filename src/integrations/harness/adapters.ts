// One adapter per agent harness: where the command (or file path) is in the hook's stdin JSON,
// and how "blocked" / "no opinion" are written back, from each harness's hook documentation and
// what its real binary did (sections in brackets below).
//
// "No opinion" is always exit 0 with no output (Cline: {"cancel":false}): an explicit "allow"
// would skip the harness's own permission prompts, which airlock must never loosen.
import * as path from 'path';

export const HARNESSES = ['claude-code', 'cursor', 'codex', 'gemini', 'copilot', 'windsurf', 'cline'] as const;
export type HarnessName = (typeof HARNESSES)[number];

export type Action =
  | { kind: 'shell'; tool: string; command: string; cwd?: string }
  | { kind: 'files'; tool: string; write: string[]; read: string[]; cwd?: string }
  | { kind: 'none'; tool: string };

export interface Answer {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Harness {
  name: HarnessName;
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

type Obj = Record<string, unknown>;

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
    return (v as string[]).map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  }
  return str(v, what);
}

const WRITE_TOOL = /write|edit|replace|create|patch|insert|delete|remove|move|rename|notebook|str_replace|apply_diff/i;
const READ_TOOL = /read|view|open|cat$/i;
const PATH_KEYS = ['file_path', 'filePath', 'path', 'notebook_path', 'absolute_path', 'target_file', 'targetFile', 'file', 'destination', 'new_path', 'old_path'];

/** Paths named by a file tool's arguments (top level, plus `paths`/`edits` arrays). */
function pathsIn(args: Obj): string[] {
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

/** Claude Code PreToolUse [§1.2]; Codex uses the same shape [§3.4]. */
function claudeLike(input: unknown, shellTools: RegExp): Action {
  const o = obj(input, 'hook input');
  const tool = str(o.tool_name, 'tool_name');
  const cwd = optStr(o.cwd);
  const ti = o.tool_input === undefined ? {} : obj(o.tool_input, 'tool_input');
  if (shellTools.test(tool)) return { kind: 'shell', tool, command: commandOf(ti.command, 'tool_input.command'), cwd: optStr(ti.workdir) ?? cwd };
  if (tool === 'apply_patch') {
    const body = typeof ti.command === 'string' ? ti.command : typeof ti.patch === 'string' ? ti.patch : typeof ti.input === 'string' ? ti.input : '';
    const paths = patchPaths(body);
    return paths.length ? { kind: 'files', tool, write: paths, read: [], cwd } : { kind: 'none', tool };
  }
  if (tool.startsWith('mcp__')) return { kind: 'none', tool };
  return fileAction(tool, ti, cwd);
}

export const ADAPTERS: Record<HarnessName, Harness> = {
  'claude-code': {
    name: 'claude-code',
    // 600 s today, 60 s in 2025 releases [§1.5]; `airlock install` writes timeout 60.
    timeoutSec: 60,
    extract: (input) => claudeLike(input, /^(Bash|PowerShell)$/),
    deny: exit2,
    pass: silent,
  },
  cursor: {
    name: 'cursor',
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
    // Default 600 s [§3.4]; `airlock install` writes timeout 60.
    timeoutSec: 60,
    extract: (input) => claudeLike(input, /^(Bash|shell|local_shell|exec_command|container\.exec|unified_exec)$/i),
    // "ask" fails open in Codex: every block is exit 2 + stderr [§3.4].
    deny: exit2,
    pass: silent,
  },
  gemini: {
    name: 'gemini',
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
      return fileAction(tool, ti, cwd);
    },
    // exit 2 = "System Block", stderr is the reason [§4.4].
    deny: exit2,
    pass: silent,
  },
  copilot: {
    name: 'copilot',
    // timeoutSec default 30 [§0, §5].
    timeoutSec: 30,
    extract(input) {
      const o = obj(input, 'hook input');
      const tool = str(o.toolName, 'toolName');
      const cwd = optStr(o.cwd);
      let args: Obj;
      if (typeof o.toolArgs === 'string') {
        // CLI/coding agent: toolArgs is a JSON string [§5].
        try {
          args = obj(JSON.parse(o.toolArgs), 'toolArgs');
        } catch (e) {
          throw new HookInputError(`toolArgs is not JSON: ${(e as Error).message}`);
        }
      } else args = o.toolArgs === undefined ? {} : obj(o.toolArgs, 'toolArgs');
      if (/^(bash|shell|powershell|run_in_terminal|runInTerminal|terminal)$/i.test(tool)) return { kind: 'shell', tool, command: commandOf(args.command, 'toolArgs.command'), cwd: optStr(args.cwd) ?? cwd };
      return fileAction(tool, args, cwd);
    },
    deny: (reason) => ({ stdout: JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: reason }) + '\n', stderr: reason + '\n', code: 0 }),
    pass: silent,
  },
  windsurf: {
    name: 'windsurf',
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
    // No documented timeout: assume 30 s.
    timeoutSec: 30,
    extract(input) {
      const o = obj(input, 'hook input');
      const p = obj(o.preToolUse, 'preToolUse');
      const tool = str(p.toolName, 'preToolUse.toolName');
      const params = p.parameters === undefined ? {} : obj(p.parameters, 'preToolUse.parameters');
      const roots = Array.isArray(o.workspaceRoots) ? o.workspaceRoots.filter((r): r is string => typeof r === 'string') : [];
      if (tool === 'execute_command') return { kind: 'shell', tool, command: str(params.command, 'preToolUse.parameters.command'), cwd: roots[0] };
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
