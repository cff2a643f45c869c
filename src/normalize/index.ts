// Normalisation: every command is unwrapped until the program that really runs is reached.
// Wrapped command lines (bash -c, eval, ssh, `| sh`, python -c os.system) are parsed again,
// recursively, with a depth limit. The result is a flat list of commands to analyze.
import { posix } from 'node:path';
import type { Assignment, Command, Word } from '../types';
import { programName } from '../shell/program-name';
import { isSimpleWrapper, unwrapFindExec, unwrapSimple, watchArgv, watchCommandString } from './wrappers';
import { parallelFanout, xargsFanout } from './fanout';
import { afterDashDash, isRunner, unwrapRunner } from './runners';
import { laterCommands, LATER_PROGRAMS } from './remote';
import { PACKAGE_RUNNERS, TEMPLATES, UNWRAP } from '../generated/unwrap.generated';
import { perlQuotes } from './perl';
import { pythonModuleRunner } from './pymodule';
import { awkSpawns, BIN_RUNNERS, containerExec, inlineCode, interpreterName, INTERPRETERS, packageRunner, SHELLS, shellInput, spawnedFromCode, sshRemote } from './nested';

export const MAX_NESTING = 8;

export interface NormalizeEnv {
  /** Parse a nested command line (shares the variable scope rules of the outer line). */
  parse(line: string, positional?: (string | null)[]): { commands: Command[]; errors: string[]; assignments: Assignment[] };
  /** Text of a file (scripts given to a shell); null when unreadable. */
  readFile(path: string): string | null;
  /** Text flowing into a command's stdin when it can be known (heredoc, echo | ...). */
  stdinText(cmd: Command): string | null;
  errors: string[];
  /** Variables set, exported or unset anywhere in the line, nested lines and wrappers included. */
  assignments: Assignment[];
  /** Notes the files a command writes (redirects, tee), so later commands in the line can read them. */
  recordWrites(cmd: Command): void;
  /** True when an earlier command of the line wrote this file. */
  wasWritten(path: string): boolean;
  /** True when the file exists now (before the line runs). */
  exists(path: string): boolean;
  /** Commands seen so far in the line: a missing file may be created by one of them. */
  seen?: number;
  /** Files earlier commands of the line wrote from an inert template (`nested.templates`), resolved. */
  templated?: Set<string>;
  /**
   * Where relative script paths resolve after a `cd` earlier in the line (`cd app && . venv/bin/activate`):
   * undefined = the line's cwd, null = a directory only known at run time.
   */
  dir?: string | null;
  /** Paths a glob matches now, sorted as bash sorts them; null when it cannot be listed (bounded). */
  glob?(pattern: string): string[] | null;
  /** True when bash itself refuses the line's syntax (it would run nothing). */
  bashRejects(line: string): boolean;
}

export function normalize(commands: Command[], env: NormalizeEnv, depth = 0): Command[] {
  const out: Command[] = [];
  for (const c of commands) unwrap(c, env, depth, out);
  return out;
}

/**
 * A script file that cannot be read is unknown when this line wrote it, when it exists but is
 * unreadable, or when it is missing but an earlier command of the line may create it
 * (`curl -o x.sh …; ./x.sh`). Missing with nothing before it, the shell only reports an error.
 */
function unknownScript(p: string, env: NormalizeEnv): boolean {
  return env.wasWritten(p) || env.exists(p) || (env.seen ?? 0) > 0;
}

/**
 * A path as the shell will look it up after the line's earlier `cd`s. After a cd to a directory only
 * known at run time (`cd "$(git rev-parse --show-toplevel)"`) the line's cwd is the best guess, as before.
 */
function here(p: string, env: NormalizeEnv): string | null {
  if (env.dir === undefined || env.dir === null || p.startsWith('/') || p === '~' || p.startsWith('~/')) return p;
  return posix.join(env.dir, p);
}

/** Read a script the line names, resolved after earlier `cd`s (null: unreadable or the directory is unknown). */
function readHere(p: string, env: NormalizeEnv): string | null {
  const at = here(p, env);
  return at === null ? null : env.readFile(at);
}

function templatedHere(p: string, env: NormalizeEnv): boolean {
  const at = here(p, env);
  return at !== null && !env.wasWritten(at) && !env.exists(at) && env.templated?.has(posix.normalize(at)) === true;
}

function unknownHere(p: string, env: NormalizeEnv): boolean {
  const at = here(p, env);
  return at === null || unknownScript(at, env);
}

/** `cd DIR` / `pushd DIR` moves where later relative script paths resolve. */
function noteCd(cmd: Command, env: NormalizeEnv): void {
  const args = cmd.argv.slice(1).filter((w) => !(w.value !== null && /^-[LPe@]+$/.test(w.value)));
  const a = args[0];
  if (cmd.program === 'popd' || !a || a.value === null || a.value === '-' || a.glob) {
    env.dir = null;
    return;
  }
  const v = a.value;
  if (v.startsWith('/') || v === '~' || v.startsWith('~/')) env.dir = v;
  else if (env.dir !== null) env.dir = env.dir === undefined ? v : posix.join(env.dir, v);
}

/** Builtins that create no file, so a script missing before them is still missing after. */
const WRITES_NOTHING = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'unset', 'true', 'false', ':', 'pwd', 'test', '[', 'echo', 'printf', 'ls', 'which', 'type', 'command']);

function derive(from: Command, argv: Word[], via: string, extraEnv: Record<string, string | null> = {}): Command {
  return {
    ...from,
    argv,
    program: argv[0] ? programName(argv[0]) : null,
    env: { ...from.env, ...extraEnv },
    via: [...from.via, via],
  };
}

function nestedLine(from: Command, text: string | null, via: string, env: NormalizeEnv, depth: number, out: Command[], remote?: string | null, lenient = false, positional?: (string | null)[]): void {
  if (text === null) {
    // The inner command line is not knowable: keep a marker the policy turns into confirm.
    out.push({ ...from, argv: [{ raw: '$?', value: null }], program: null, via: [...from.via, via] });
    return;
  }
  if (depth + 1 > MAX_NESTING) {
    env.errors.push(`command nesting deeper than ${MAX_NESTING} levels (${via})`);
    return;
  }
  const parsed = env.parse(text, positional);
  env.assignments.push(...parsed.assignments);
  // Strings lifted from interpreter code are guesses at commands; their syntax errors are not ours.
  if (parsed.errors.length && !lenient) {
    // bash -c with a syntax error runs nothing; anything else we cannot parse is judged unknown.
    if (env.bashRejects(text)) return;
    env.errors.push(...parsed.errors.map((e) => `in ${via}: ${e}`));
  }
  for (const inner of parsed.commands) {
    const c: Command = { ...inner, via: [...from.via, via, ...inner.via], env: { ...from.env, ...inner.env } };
    if (remote !== undefined) c.remote = remote ?? '?';
    else if (from.remote) c.remote = from.remote;
    unwrap(c, env, depth + 1, out);
  }
}

function unwrap(cmd: Command, env: NormalizeEnv, depth: number, out: Command[]): void {
  env.recordWrites(cmd);
  unwrapOne(cmd, env, depth, out);
  if (cmd.program === 'cd' || cmd.program === 'pushd' || cmd.program === 'popd') noteCd(cmd, env);
  const redirects = cmd.redirects.some((r) => r.op.startsWith('>') || r.op.startsWith('&>'));
  const templated = redirects ? null : templateFiles(cmd, env);
  if (templated) for (const f of templated) (env.templated ??= new Set()).add(f);
  // Counted once unwrapped, so a script checked later knows something ran before it. A template
  // writer only writes its template's files, which are tracked on their own.
  else if (!(cmd.program !== null && WRITES_NOTHING.has(cmd.program) && !redirects)) env.seen = (env.seen ?? 0) + 1;
}

/** The files `cmd` writes from an inert template (resolved after earlier `cd`s), or null. */
function templateFiles(cmd: Command, env: NormalizeEnv): string[] | null {
  const p = cmd.program;
  if (p === null || cmd.remote) return null;
  const base = p.replace(/[0-9.]+$/, '');
  for (const t of TEMPLATES) {
    if (t.program !== p && t.program !== base) continue;
    // Only a line naming a template writer pays for reading its words.
    const words = cmd.argv.slice(1).map((w) => w.value);
    if (words.some((w) => w === null)) return null;
    if (!t.args.every((a, i) => words[i] === a)) continue;
    const operands = (words.slice(t.args.length) as string[]).filter((w) => !w.startsWith('-'));
    const dir = operands.at(-1) ?? t.dir;
    if (dir === undefined) return null;
    const out: string[] = [];
    for (const f of t.files) {
      const at = here(posix.join(dir, f), env);
      if (at === null) return null;
      out.push(posix.normalize(at));
    }
    return out;
  }
  return null;
}

function unwrapOne(cmd: Command, env: NormalizeEnv, depth: number, out: Command[]): void {
  // Wrapper names are matched case-insensitively (XARGS on a case-insensitive filesystem, .exe).
  const p = cmd.program === null ? null : cmd.program.toLowerCase().replace(/\.exe$/, '');
  if (depth > MAX_NESTING) {
    env.errors.push(`command nesting deeper than ${MAX_NESTING} levels`);
    return;
  }
  if (p === null || cmd.argv.length === 0) {
    out.push(cmd);
    return;
  }
  if (isSimpleWrapper(p)) {
    const inner = unwrapSimple(cmd);
    out.push(cmd);
    if (inner) {
      for (const [name, value] of Object.entries(inner.env)) env.assignments.push({ name, action: 'set', value, text: cmd.text });
      for (const name of inner.unsets) env.assignments.push({ name, action: 'unset', value: null, text: cmd.text });
    }
    if (inner && inner.argv.length) unwrap(derive(cmd, inner.argv, p, inner.env), env, depth + 1, out);
    return;
  }
  if (isRunner(p)) {
    out.push(cmd);
    const r = unwrapRunner(cmd, p);
    if (r?.kind === 'words') unwrap(derive(cmd, scriptArgv(p, r.argv), r.via), env, depth + 1, out);
    else if (r?.kind === 'string') nestedLine(cmd, r.text, r.via, env, depth, out);
    return;
  }
  if (p === 'xargs' || p === 'parallel') {
    out.push(cmd);
    const input = cmd.stdin ? env.stdinText(cmd) : null;
    const fan = p === 'xargs' ? { ...xargsFanout(cmd, input, env.readFile), lines: [] } : parallelFanout(cmd, input);
    for (const line of fan.lines) nestedLine(cmd, line, p, env, depth, out);
    for (const argv of fan.argvs) {
      const inner = derive(cmd, argv, p);
      inner.stdin = null;
      if (fan.dynamic) inner.dynamicTail = true;
      unwrap(inner, env, depth + 1, out);
    }
    return;
  }
  if (p === 'find' || p === 'fd') {
    out.push(cmd);
    for (const argv of unwrapFindExec(cmd)) {
      const inner = derive(cmd, argv, 'find -exec');
      inner.dynamicTail = true;
      unwrap(inner, env, depth + 1, out);
    }
    return;
  }
  if (p === 'watch') {
    out.push(cmd);
    // watch joins its arguments and runs them with sh -c, losing their quoting; judge that string
    // and, in case the quoting survives in practice, the arguments as a command too.
    const joined = watchCommandString(cmd);
    nestedLine(cmd, joined, 'watch', env, depth, out);
    const args = watchArgv(cmd);
    if (args && args.length > 1) unwrap(derive(cmd, args, 'watch'), env, depth + 1, out);
    return;
  }
  if (p === 'eval') {
    // eval takes no options but, like every builtin, ends them at `--`.
    const rest = cmd.argv.slice(cmd.argv[1]?.value === '--' ? 2 : 1);
    const text = rest.some((w) => w.value === null) ? null : rest.map((w) => w.value).join(' ');
    nestedLine(cmd, text, 'eval', env, depth, out);
    return;
  }
  if (p === 'source' || p === '.') {
    out.push(cmd);
    const word = cmd.argv[1];
    if (!word) return;
    const file = word.value;
    if (file !== null && /^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/.test(file)) {
      nestedLine(cmd, env.stdinText(cmd), `source ${file}`, env, depth, out);
      return;
    }
    // A missing file that only an inert template writer before it on the line creates
    // (`python3 -m venv .venv && . .venv/bin/activate`) runs nothing airlock needs to judge.
    if (file !== null && (env.seen ?? 0) === 0 && templatedHere(file, env)) return;
    // `source <(…)` and unreadable files that exist or that the line may have created: unknown.
    const text = file === null ? null : readHere(file, env);
    if (text !== null || file === null || unknownHere(file, env)) nestedLine(cmd, text, `source ${file ?? word.raw}`, env, depth, out);
    return;
  }
  if (p === 'alias') {
    // An alias is a command line run later under another name: judge it where it is defined.
    out.push(cmd);
    for (const w of cmd.argv.slice(1)) {
      const eq = w.value?.indexOf('=') ?? -1;
      if (w.value === null) nestedLine(cmd, null, 'alias', env, depth, out);
      else if (eq > 0) nestedLine(cmd, w.value.slice(eq + 1), `alias ${w.value.slice(0, eq)}`, env, depth, out);
    }
    return;
  }
  if (p === 'trap') {
    // `trap 'CMD' EXIT`: CMD runs later, when the signal comes.
    out.push(cmd);
    const args = cmd.argv.slice(1).filter((w) => w.value !== '--');
    const action = args[0];
    if (action && args.length > 1 && action.value !== '-' && action.value !== '' && !/^-[lp]$/.test(action.value ?? '')) nestedLine(cmd, action.value, 'trap', env, depth, out);
    return;
  }
  if (SHELLS.has(p)) {
    const input = shellInput(cmd);
    out.push(cmd);
    // `bash -c STR name args...`: name and args become $0, $1... inside STR.
    if (input.kind === 'string') nestedLine(cmd, input.text, `${p} -c`, env, depth, out, undefined, false, input.rest.length ? input.rest.map((w) => w.value) : undefined);
    else if (input.kind === 'stdin') {
      if (cmd.stdin) nestedLine(cmd, env.stdinText(cmd), `${p} (stdin)`, env, depth, out);
    } else if (input.kind === 'file' && input.glob && input.path !== null) {
      // `bash ./c?.sh`: bash runs the first match (the others are its arguments); judge every match.
      // No match: bash looks for the literal name, which is missing. Unlistable: unknown.
      const at = here(input.path, env);
      const matches = at === null || !env.glob ? null : env.glob(at);
      if (matches === null) nestedLine(cmd, null, `${p} ${input.path}`, env, depth, out);
      else for (const m of matches) nestedLine(cmd, env.readFile(m), `${p} ${m}`, env, depth, out);
    } else if (input.kind === 'file') {
      // A script we cannot read (downloaded or written earlier in ways we cannot follow) is unknown.
      const text = input.path === null ? null : readHere(input.path, env);
      if (text !== null || input.path === null || unknownHere(input.path, env)) nestedLine(cmd, text, `${p} ${input.path ?? '<script>'}`, env, depth, out);
    }
    return;
  }
  if (p === 'ssh') {
    out.push(cmd);
    const r = sshRemote(cmd);
    if (r) {
      nestedLine(cmd, r.text, `ssh ${r.host ?? '?'}`, env, depth, out, r.host);
      // `ssh host bash -s < cleanup.sh`: the remote shell runs what ssh's stdin carries.
      if (cmd.stdin && r.text !== null && /^(sudo(\s+-\S+)*\s+)?(\/bin\/|\/usr\/bin\/)?(ba|z|da|k)?sh(\s+-[a-z]*)*(\s+-)?\s*$/.test(r.text)) nestedLine(cmd, env.stdinText(cmd), `ssh ${r.host ?? '?'} (stdin)`, env, depth, out, r.host);
    }
    else if (cmd.stdin && cmd.stdin.kind !== 'pipe') nestedLine(cmd, env.stdinText(cmd), 'ssh (stdin)', env, depth, out, cmd.argv.at(-1)?.value ?? null);
    return;
  }
  const style = UNWRAP[p];
  if (style === 'container' || style === 'kubectl') {
    const r = containerExec(cmd, style);
    out.push(cmd);
    if (r && r.argv.length) {
      const inner = derive(cmd, r.argv, `${p} exec ${r.where ?? '?'}`);
      inner.remote = r.where ?? '?';
      unwrap(inner, env, depth + 1, out);
    } else runLater(cmd, p, env, depth, out);
    return;
  }
  if (LATER_PROGRAMS.has(p)) {
    out.push(cmd);
    runLater(cmd, p, env, depth, out);
    return;
  }
  if (BIN_RUNNERS.has(p) || Object.hasOwn(PACKAGE_RUNNERS, p)) {
    const inner = packageRunner(cmd);
    out.push(cmd);
    if (inner) unwrap(derive(cmd, inner, p), env, depth + 1, out);
    else if (INTERPRETERS[p]) interp(cmd, env, depth, out);
    return;
  }
  if (INTERPRETERS[interpreterName(p)]) {
    out.push(cmd);
    const runner = /^(python[0-9.]*|pypy[0-9.]*)$/.test(interpreterName(p)) ? pythonModuleRunner(cmd.argv) : null;
    if (runner) unwrap(derive(cmd, runner, `${p} -m ${runner[0]!.value}`), env, depth + 1, out);
    else interp(cmd, env, depth, out);
    return;
  }
  out.push(cmd);
  // `./deploy.sh`: a shell script run by path is judged by its text. One this line wrote with
  // content we cannot know, or one that does not exist yet (`curl -o x.sh …; ./x.sh`), is unknown.
  const path0 = cmd.argv[0]?.value;
  if (path0?.includes('/')) {
    const at = here(path0, env);
    const text = at === null ? null : env.readFile(at);
    const written = at === null || env.wasWritten(at);
    const interpreter = text === null ? null : shebangInterpreter(text);
    if (interpreter) unwrap(derive(cmd, [...interpreter.split(' ').map((w) => ({ raw: w, value: w })), ...cmd.argv], `script ${path0}`), env, depth + 1, out);
    else if (text !== null && (/^#!.*\b(ba|z|da|k|mk)?sh\b/.test(text) || (written && !text.startsWith('#!')))) nestedLine(cmd, text, `script ${path0}`, env, depth, out);
    else if (text === null && (written || (!env.exists(at!) && unknownScript(at!, env)))) nestedLine(cmd, null, `script ${path0}`, env, depth, out);
  }
  // `unknown-runner [opts] -- cmd args`: judge the command after `--` as well.
  const rest = afterDashDash(cmd, p);
  if (rest) unwrap(derive(cmd, rest, `${p} --`), env, depth + 1, out);
}

function interp(cmd: Command, env: NormalizeEnv, depth: number, out: Command[]): void {
  let code = inlineCode(cmd);
  if (code === undefined && cmd.stdin && /^(python[0-9.]*|pypy3|node|nodejs|ruby|perl|php|bun|deno)$/.test(interpreterName(cmd.program!))) {
    // `python3 <<EOF ... EOF`: the program comes on stdin.
    code = env.stdinText(cmd) ?? undefined;
  }
  if (code === undefined || code === null) return; // dynamic code: the analyzers see the interpreter call itself
  if (/^[gmn]?awk$/.test(interpreterName(cmd.program!))) {
    const { lines, dynamic } = awkSpawns(code);
    for (const line of lines) nestedLine(cmd, line, `${cmd.program} system()`, env, depth, out);
    if (dynamic) nestedLine(cmd, null, `${cmd.program} system()`, env, depth, out);
    return;
  }
  if (interpreterName(cmd.program!) === 'perl') code = perlQuotes(code);
  const { lines } = spawnedFromCode(code);
  for (const line of lines) nestedLine(cmd, line, `${cmd.program} inline code`, env, depth, out, undefined, true);
}

/** `uv run x.py` / `poetry run x.py`: a .py file named first runs under python. */
function scriptArgv(runner: string, argv: Word[]): Word[] {
  const first = argv[0]?.value;
  if (/^(uv|poetry|pipenv|pdm|hatch|rye|pixi|conda|mamba|micromamba)$/.test(runner) && first && /\.pyw?$/.test(first)) return [{ raw: 'python', value: 'python' }, ...argv];
  if (/^(uv)$/.test(runner) && first === '--script') return [{ raw: 'python', value: 'python' }, ...argv.slice(1)];
  return argv;
}

/**
 * The interpreter of a program file run by path (`./reset` starting `#!/usr/bin/env python3`), when
 * it is a language the code family reads; shell scripts are read as command lines instead.
 */
export function shebangInterpreter(text: string): string | null {
  const m = /^#!\s*(\S+)(?:[ \t]+(.*))?/.exec(text);
  if (!m) return null;
  let prog = m[1]!.replace(/.*\//, '');
  const rest = (m[2] ?? '').trim().split(/\s+/).filter(Boolean);
  if (prog === 'env') prog = rest.filter((a) => !a.startsWith('-') && !/^[A-Za-z_]\w*=/.test(a))[0] ?? '';
  if (/^(python[0-9.]*|pypy[0-9.]*|node|nodejs|ruby|perl|php|tsx|ts-node|bun)$/.test(prog)) return prog;
  if (prog === 'deno') return 'deno run';
  return null;
}

function runLater(cmd: Command, p: string, env: NormalizeEnv, depth: number, out: Command[]): void {
  for (const l of laterCommands(cmd, p, () => env.stdinText(cmd), (f) => env.readFile(f))) {
    if (l.kind === 'string') nestedLine(cmd, l.text, l.via, env, depth, out, l.remote);
    else {
      const inner = derive(cmd, l.argv, l.via);
      inner.stdin = null;
      if (l.remote !== undefined) inner.remote = l.remote ?? '?';
      unwrap(inner, env, depth + 1, out);
    }
  }
}
