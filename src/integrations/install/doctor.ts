// `airlock doctor`: for every target, is airlock installed, where, and would it fire? A hook
// whose command does not start is silently skipped by every harness (fail open), so the
// command each hook names is resolved here, and each problem comes with a one-line fix.
import { formatMode, protectionMode } from './mode';
import { HARNESSES, type HarnessName } from '../../harness/adapters';
import * as fs from 'fs';
import * as path from 'path';
import { approverSocketPath, checkRuntimeDir, runtimeDir, stateDir } from '../../util/paths';
import { bundlePath, splitWords } from './self';
import { blockBody, readText } from './edit';
import { copilotHome, isOurHookCommand, makeCtx, shimPathLine, type Ctx } from './targets';
import { codexHome, codexTrustEntries, readCodexTrust } from '../../harness/codex-trust';
import { listShims, pathStatus, shimPrograms } from '../shims/shims';

type Env = Record<string, string | undefined>;
type Obj = Record<string, unknown>;

export interface Problem {
  problem: string;
  fix: string;
}

export interface TargetReport {
  target: string;
  installed: boolean;
  where: string[];
  /** Installed and nothing prevents it from running. */
  fires: boolean;
  command?: string;
  problems: Problem[];
  /** Known limits that do not stop the hook (fail-open harnesses, folder trust). */
  notes?: string[];
}

export interface DoctorReport {
  ok: boolean;
  node: { version: string; ok: boolean };
  bundle: { path: string; ok: boolean };
  runtimeDir: { path: string; status: 'ok' | 'missing' | 'bad'; detail?: string };
  approverRunning: boolean;
  stateDir: { path: string; ok: boolean };
  problems: Problem[];
  targets: TargetReport[];
  /** Default or hardened mode, and what hardened mode still needs. */
  mode?: import('./mode').ModeReport;
  /** The bash grammar's runtime (filled in by the CLI, which can wait for it to load). */
  parser?: { kind: 'native' | 'wasm'; nativeProblem: string | null };
  /** Which mode is active and the host checks of hardened mode (filled in by the CLI; src/system/doctor.ts). */
  hardening?: import('../../system/doctor').HardeningReport;
}

function readJsonSafe(file: string): Obj | null {
  const t = readText(file);
  if (t === null) return null;
  try {
    const d = JSON.parse(t) as unknown;
    return d && typeof d === 'object' && !Array.isArray(d) ? (d as Obj) : null;
  } catch {
    return null;
  }
}

function listAt(d: Obj | null, event: string): unknown[] {
  const hooks = d?.hooks as Obj | undefined;
  const l = hooks && typeof hooks === 'object' ? hooks[event] : undefined;
  return Array.isArray(l) ? l : [];
}

/** The command of airlock's hook in a Claude-style nested hooks file, if any. */
function nestedCommand(d: Obj | null, event: string, harness: string): { command: string; matcher: string } | null {
  for (const g of listAt(d, event)) {
    const hs = (g as Obj)?.hooks;
    if (!Array.isArray(hs)) continue;
    for (const h of hs) if (isOurHookCommand((h as Obj)?.command, harness)) return { command: (h as Obj).command as string, matcher: String((g as Obj).matcher ?? '') };
  }
  return null;
}

function flatEntry(d: Obj | null, event: string, harness: string, key = 'command'): Obj | null {
  for (const e of listAt(d, event)) if (isOurHookCommand((e as Obj)?.[key], harness)) return e as Obj;
  return null;
}

function isExec(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function which(name: string, env: Env): string | null {
  for (const d of (env.PATH ?? '').split(path.delimiter)) if (d && isExec(path.join(d, name))) return path.join(d, name);
  return null;
}

/** Problems that would stop `command` (as a hook/rc/shim names airlock) from starting. */
export function commandProblems(command: string, env: Env): Problem[] {
  let words: string[];
  try {
    words = splitWords(command);
  } catch {
    return [{ problem: `cannot read the command \`${command}\``, fix: 'reinstall: airlock install <target>' }];
  }
  const [exe, script] = words;
  const out: Problem[] = [];
  if (!exe) return [{ problem: 'empty hook command', fix: 'reinstall: airlock install <target>' }];
  if (path.isAbsolute(exe)) {
    if (!isExec(exe)) out.push({ problem: `${exe} (named by the hook) is missing or not executable`, fix: 'reinstall with the current node: airlock install <target>' });
  } else if (!which(exe, env)) out.push({ problem: `${exe} is not on PATH`, fix: 'reinstall with absolute paths: airlock install <target>' });
  if (script && /\.c?js$/.test(script) && !fs.existsSync(script)) out.push({ problem: `${script} (named by the hook) does not exist`, fix: 'run `npm run build` in airlock, or reinstall: airlock install <target>' });
  return out;
}

function report(target: string, where: string[], command: string | null, env: Env, extra: Problem[] = [], notes: string[] = []): TargetReport {
  if (!command) return { target, installed: false, where, fires: false, problems: [] };
  const problems = [...commandProblems(command, env), ...extra];
  return { target, installed: true, where, fires: problems.length === 0, command, problems, ...(notes.length ? { notes } : {}) };
}

/** Does a Claude Code matcher select `tool`? Letters, digits, _ - | , and spaces: an exact list; else an unanchored regex. */
export function claudeMatcherSelects(matcher: string, tool: string): boolean {
  if (matcher === '' || matcher === '*') return true;
  if (/^[A-Za-z0-9_|, -]+$/.test(matcher)) return matcher.split(/[|,]/).map((x) => x.trim()).includes(tool);
  try {
    return new RegExp(matcher).test(tool);
  } catch {
    return false;
  }
}

/** The handler object of airlock's hook in a nested hooks file. */
function nestedHandler(d: Obj | null, event: string, harness: string): Obj | null {
  for (const g of listAt(d, event)) {
    const hs = (g as Obj)?.hooks;
    if (Array.isArray(hs)) for (const h of hs) if (isOurHookCommand((h as Obj)?.command, harness)) return h as Obj;
  }
  return null;
}

function claudeReport(ctx: Ctx): TargetReport {
  const file = path.join(ctx.home, '.claude', 'settings.json');
  const d = readJsonSafe(file);
  const hit = nestedCommand(d, 'PreToolUse', 'claude-code');
  const extra: Problem[] = [];
  if (readText(file) !== null && d === null) extra.push({ problem: `${file} is not valid JSON: Claude Code ignores it`, fix: `fix the JSON in ${file}` });
  if (d?.disableAllHooks === true) extra.push({ problem: 'disableAllHooks is true: no hook runs', fix: `remove "disableAllHooks" from ${file}` });
  if (hit && !claudeMatcherSelects(hit.matcher, 'Bash')) extra.push({ problem: `the matcher "${hit.matcher}" does not select Bash`, fix: 'airlock install claude-code' });
  const notes: string[] = [];
  if (hit && nestedHandler(d, 'PreToolUse', 'claude-code')?.onFailure !== 'block')
    notes.push('no "onFailure": "block": if airlock crashes or hangs, Claude Code runs the command (fail open); reinstall: airlock install claude-code');
  if (hit && !claudeMatcherSelects(hit.matcher, 'mcp__server__tool')) notes.push('MCP tool calls are not checked (the matcher does not select mcp__ tools); reinstall: airlock install claude-code');
  notes.push('`claude --bare` skips every settings hook: airlock asks a human before an agent starts one');
  return report('claude-code', [file], hit?.command ?? null, ctx.env, extra, hit ? notes : []);
}

function cursorReport(ctx: Ctx): TargetReport {
  const file = path.join(ctx.home, '.cursor', 'hooks.json');
  const e = flatEntry(readJsonSafe(file), 'beforeShellExecution', 'cursor');
  const extra: Problem[] = [];
  if (e && e.failClosed !== true) extra.push({ problem: 'failClosed is not set: a crashed or slow hook lets the command through', fix: 'airlock install cursor' });
  return report('cursor', [file], (e?.command as string) ?? null, ctx.env, extra);
}

function codexReport(ctx: Ctx): TargetReport {
  const dir = codexHome(ctx.env, ctx.home);
  const file = path.join(dir, 'hooks.json');
  const toml = path.join(dir, 'config.toml');
  const data = readJsonSafe(file);
  const hit = nestedCommand(data, 'PreToolUse', 'codex');
  const extra: Problem[] = [];
  const notes: string[] = [];
  const text = readText(toml) ?? '';
  if (hit) {
    if (/^\s*(codex_)?hooks\s*=\s*false\b/m.test(featuresText(text))) extra.push({ problem: 'hooks are switched off in config.toml ([features] hooks = false)', fix: 'airlock install codex' });
    if (/^\s*codex_hooks\s*=/m.test(featuresText(text))) notes.push('[features] codex_hooks is a deprecated alias of hooks');
    // Codex skips an untrusted (or changed since trusted) hook without a word: recompute the record.
    const trust = readCodexTrust(text);
    for (const e of codexTrustEntries(file, data ?? {}, (c) => isOurHookCommand(c, 'codex'))) {
      const have = trust.get(e.key);
      if (have !== e.hash)
        extra.push({
          problem: have
            ? `Codex's trust record for airlock's hook (${e.key}) is stale (the hook changed since it was trusted): Codex skips it silently`
            : `Codex has not trusted airlock's hook (no [hooks.state."${e.key}"] in ${toml}): Codex skips it silently`,
          fix: 'airlock install codex',
        });
    }
    notes.push('Codex runs the command when the hook crashes or hangs (no fail-closed option)');
  }
  return report('codex', [file, toml], hit?.command ?? null, ctx.env, extra, notes);
}

/** The text of config.toml's [features] table. */
function featuresText(text: string): string {
  const m = /^\s*\[\s*features\s*\][^\n]*\n([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(text);
  return m ? m[1]! : '';
}

function geminiReport(ctx: Ctx): TargetReport {
  const file = path.join(ctx.home, '.gemini', 'settings.json');
  const hit = nestedCommand(readJsonSafe(file), 'BeforeTool', 'gemini');
  const notes = ['Gemini CLI ignores settings hooks in folders it does not trust, and runs the command when the hook crashes or hangs (no fail-closed option)'];
  return report('gemini', [file], hit?.command ?? null, ctx.env, [], hit ? notes : []);
}


function copilotReport(ctx: Ctx): TargetReport {
  const file = path.join(copilotHome(ctx), 'hooks', 'airlock.json');
  const e = flatEntry(readJsonSafe(file), 'preToolUse', 'copilot', 'bash');
  const project = path.join(ctx.project, '.github', 'hooks', 'airlock.json');
  const pe = e ? null : flatEntry(readJsonSafe(project), 'preToolUse', 'copilot', 'bash');
  const extra: Problem[] = [];
  if (pe) extra.push({ problem: `only the project hook ${project} is installed: Copilot CLI loads it in trusted folders only`, fix: 'airlock install copilot' });
  const notes = ['Copilot CLI runs the command when the hook times out (errors block)'];
  return report('copilot', [file], ((e ?? pe)?.bash as string) ?? null, ctx.env, extra, notes);
}

function windsurfReport(ctx: Ctx): TargetReport {
  const file = path.join(ctx.home, '.codeium', 'windsurf', 'hooks.json');
  const e = flatEntry(readJsonSafe(file), 'pre_run_command', 'windsurf');
  return report('windsurf', [file], (e?.command as string) ?? null, ctx.env);
}

function clineReport(ctx: Ctx): TargetReport {
  const file = path.join(ctx.home, 'Documents', 'Cline', 'Hooks', 'PreToolUse');
  const t = readText(file);
  const line = t?.includes('# airlock cline hook') ? t.split('\n').find((l) => l.startsWith('exec ')) : undefined;
  const extra: Problem[] = [];
  if (line && !isExec(file)) extra.push({ problem: `${file} is not executable`, fix: `chmod +x ${file}` });
  // Measured with the Cline CLI 3.0.65 (test/harnesses): a hook that crashes or cannot start lets
  // the command run, and a block stops the whole task without showing its reason.
  const notes = ['Cline runs the command when the hook crashes or airlock is missing (no fail-closed option); a block stops the whole task and the CLI shows no reason'];
  return report('cline', [file], line ? line.slice(5) : null, ctx.env, extra, line ? notes : []);
}

function rcReport(shell: 'bash' | 'zsh', ctx: Ctx): TargetReport {
  const file = path.join(ctx.home, shell === 'bash' ? '.bashrc' : '.zshrc');
  const body = blockBody(readText(file), `${shell} hook`);
  const m = body ? /\$\((.*)\)/.exec(body) : null;
  return report(shell, [file], m ? m[1]! : body, ctx.env);
}

function shimsReport(ctx: Ctx): TargetReport {
  const names = listShims(ctx.shimDir);
  if (names.length === 0) return { target: 'shims', installed: false, where: [ctx.shimDir], fires: false, problems: [] };
  const text = readText(path.join(ctx.shimDir, names[0]!)) ?? '';
  const m = /^airlock_shim_do=\$\((.*) shim /m.exec(text);
  const extra: Problem[] = [];
  const missing = shimPrograms().filter((p) => !names.includes(p));
  if (missing.length) extra.push({ problem: `no shim for ${missing.join(', ')}`, fix: 'airlock shims install' });
  const st = pathStatus(ctx.shimDir, ctx.env);
  if (st.index < 0) extra.push({ problem: `${ctx.shimDir} is not on this PATH (the agent's PATH must start with it)`, fix: shimPathLine(ctx.shimDir) });
  else if (!st.first) extra.push({ problem: `on PATH, but after ${st.shadowedBy.slice(0, 3).join(', ')}${st.shadowedBy.length > 3 ? ', ...' : ''}`, fix: shimPathLine(ctx.shimDir) });
  return report('shims', [ctx.shimDir], m ? m[1]! : 'unreadable shim', ctx.env, extra);
}

/** What `airlock doctor` checks for each harness's hook (src/integrations/harness/harness.ts joins it to the adapter and the install target). */
export const HARNESS_PROBES: Record<HarnessName, (ctx: Ctx) => TargetReport> = {
  'claude-code': claudeReport,
  cursor: cursorReport,
  codex: codexReport,
  gemini: geminiReport,
  copilot: copilotReport,
  windsurf: windsurfReport,
  cline: clineReport,
};

export function doctor(opts: { env?: Env; project?: string; dir?: string } = {}): DoctorReport {
  const ctx = makeCtx(opts);
  const env = ctx.env;
  const problems: Problem[] = [];
  const version = process.versions.node;
  const nodeOk = Number(version.split('.')[0]) >= 20;
  if (!nodeOk) problems.push({ problem: `node ${version} is older than 20`, fix: 'install Node.js 20 or newer, then reinstall the hooks' });
  const bundle = bundlePath();
  const bundleOk = fs.existsSync(bundle);
  if (!bundleOk) problems.push({ problem: `${bundle} is missing`, fix: 'npm run build' });
  const rdir = runtimeDir(env);
  let rstatus: DoctorReport['runtimeDir'] = { path: rdir, status: 'ok' };
  try {
    if (!checkRuntimeDir(rdir)) rstatus = { path: rdir, status: 'missing', detail: 'created by `airlock approver` when it starts' };
  } catch (e) {
    rstatus = { path: rdir, status: 'bad', detail: (e as Error).message };
    problems.push({ problem: (e as Error).message, fix: `rm -rf ${rdir} (airlock approver recreates it with mode 0700)` });
  }
  const approverRunning = rstatus.status === 'ok' && fs.existsSync(approverSocketPath(env));
  const sdir = stateDir(env);
  let sOk = true;
  try {
    fs.mkdirSync(sdir, { recursive: true, mode: 0o700 });
    fs.accessSync(sdir, fs.constants.W_OK);
  } catch {
    sOk = false;
    problems.push({ problem: `audit log directory ${sdir} is not writable`, fix: `mkdir -p ${sdir} && chmod 700 ${sdir}` });
  }
  const targets: TargetReport[] = [
    ...HARNESSES.map((h) => HARNESS_PROBES[h](ctx)),
    rcReport('bash', ctx),
    rcReport('zsh', ctx),
    shimsReport(ctx),
  ];
  const ok = problems.length === 0 && targets.every((t) => !t.installed || t.fires) && targets.some((t) => t.installed);
  return { ok, node: { version, ok: nodeOk }, bundle: { path: bundle, ok: bundleOk }, runtimeDir: rstatus, approverRunning, stateDir: { path: sdir, ok: sOk }, problems, targets, mode: protectionMode() };
}

export function formatDoctor(r: DoctorReport): string {
  const out: string[] = [];
  const mark = (ok: boolean) => (ok ? 'ok ' : 'XX ');
  if (r.mode) out.push(formatMode(r.mode));
  out.push(`${mark(r.node.ok)} node ${r.node.version}`);
  out.push(`${mark(r.bundle.ok)} airlock ${r.bundle.path}`);
  out.push(`${mark(r.runtimeDir.status !== 'bad')} approver socket dir ${r.runtimeDir.path}: ${r.runtimeDir.status}${r.runtimeDir.detail ? ` (${r.runtimeDir.detail})` : ''}`);
  out.push(`${r.approverRunning ? 'ok ' : '-- '} approver ${r.approverRunning ? 'running' : 'not running (commands that need a human are blocked until someone runs `airlock approver` in a separate terminal)'}`);
  out.push(`${mark(r.stateDir.ok)} audit log dir ${r.stateDir.path}`);
  if (r.parser) {
    const p = r.parser;
    out.push(`ok  bash parser: ${p.kind === 'native' ? 'native tree-sitter binding' : `WebAssembly (web-tree-sitter)${p.nativeProblem ? `; native binding not used: ${p.nativeProblem}` : ''}`}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (r.hardening) out.push((require('../../system/doctor') as typeof import('../../system/doctor')).formatHardening(r.hardening).trimEnd());
  for (const p of r.problems) out.push(`    problem: ${p.problem}\n    fix:     ${p.fix}`);
  out.push('');
  for (const t of r.targets) {
    if (!t.installed) {
      out.push(`--  ${t.target.padEnd(12)} not installed (${t.where.join(', ')}); install: airlock install ${t.target}`);
      continue;
    }
    out.push(`${mark(t.fires)} ${t.target.padEnd(12)} installed in ${t.where.join(', ')}; ${t.fires ? 'will fire' : 'will NOT fire'}`);
    for (const p of t.problems) out.push(`    problem: ${p.problem}\n    fix:     ${p.fix}`);
    for (const n of t.notes ?? []) out.push(`    note:    ${n}`);
  }
  if (!r.targets.some((t) => t.installed)) out.push('\nNothing is installed: airlock guards nothing yet. Start with: airlock install claude-code (or cursor, codex, gemini, copilot, shims, bash, zsh).');
  return out.join('\n') + '\n';
}
