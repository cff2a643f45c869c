// invoke (tasks.py) and nox (noxfile.py): the task functions the line runs, judged by the code family's
// Python reader. The runner's own call is read as what it is: invoke's `c.run("...")` is a shell
// line, nox's `session.run("prog", "arg")` an argv.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { MAX_SCRIPT_DEPTH, scriptDepth } from './depth';
import { isUnreadable, readConfig, recipeCode, recipeFact, runnerArgs, unreadableFact } from './recipes';

export interface PyFunction {
  name: string;
  /** Decorator lines above the def. */
  decorators: string;
  /** The first parameter (invoke's context, nox's session). */
  first: string | null;
  source: string;
}

/** Top-level functions of a Python file, found by indentation (decorators included). */
export function pyFunctions(text: string): PyFunction[] {
  const lines = text.split(/\r?\n/);
  const out: PyFunction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(\s*([A-Za-z_]\w*)?/.exec(lines[i]!);
    if (!m) continue;
    let d = i;
    while (d > 0 && /^@|^\s+\S.*[),\]]\s*$/.test(lines[d - 1]!) && !/^(def|class)\b/.test(lines[d - 1]!)) d--;
    let e = i + 1;
    while (e < lines.length && (/^\s/.test(lines[e]!) || lines[e]!.trim() === '' || /^[)\]]/.test(lines[e]!))) e++;
    out.push({ name: m[1]!, decorators: lines.slice(d, i).join('\n'), first: m[2] ?? null, source: lines.slice(i, e).join('\n') });
  }
  return out;
}

const INVOKE_FLAGS = {
  withValue: ['-c', '--collection', '-f', '--config', '-r', '--search-root', '-e', '--echo-format', '-p', '--prompt-for-sudo-password', '--write-pyc', '-x', '--exit', '-l', '--list-format', '-D', '--list-depth', '--complete', '--print-completion-script'],
  file: ['-c', '--collection'],
  dir: ['-r', '--search-root'],
  inert: /^(-l|--list|-h|--help|-V|--version|-d|--debug-only|--dry|-R|--complete|--print-completion-script)$/,
};

function taskOpts(decorators: string): { pre: string[]; post: string[]; dflt: boolean; task: boolean } {
  const m = /@(?:invoke\.)?task\b\s*(?:\(([\s\S]*?)\))?\s*$/m.exec(decorators);
  if (!m) return { pre: [], post: [], dflt: false, task: false };
  const args = m[1] ?? '';
  const list = (k: string): string[] => (new RegExp(`\\b${k}\\s*=\\s*\\[([^\\]]*)\\]`).exec(args)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const positional = args.split(',').map((s) => s.trim()).filter((s) => /^[A-Za-z_]\w*$/.test(s));
  return { pre: [...positional, ...list('pre')], post: list('post'), dflt: /\bdefault\s*=\s*True\b/.test(args), task: true };
}

export async function analyzeInvoke(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  if (scriptDepth(cmd) >= MAX_SCRIPT_DEPTH) return [];
  const a = runnerArgs(cmd, INVOKE_FLAGS);
  if (a.inert) return [];
  const file = a.file ? (a.file.endsWith('.py') ? a.file : `${a.file}.py`) : null;
  const cfg = readConfig(ctx, { ...a, file }, ['tasks.py']);
  if (isUnreadable(cfg)) return [unreadableFact(cmd, cfg)];
  // Task names on the line: invoke spells python_names with dashes; words after a task's own flags are its values.
  const names = a.names;
  if (names.includes(null)) return [recipeFact(cmd, 'invoke', null, false)];
  if (!cfg) return names.map((n) => recipeFact(cmd, 'invoke', n, false));
  const fns = new Map(pyFunctions(cfg.text).map((f) => [f.name, f]));
  const tasks = new Map([...fns.values()].map((f) => [f.name, { f, ...taskOpts(f.decorators) }] as const).filter(([, t]) => t.task));
  const goals = names.length ? names.filter((n) => tasks.has(n!.replace(/-/g, '_'))).map((n) => n!.replace(/-/g, '_')) : [...tasks.values()].filter((t) => t.dflt).map((t) => t.f.name);
  if (names.length && !goals.length) return [recipeFact(cmd, 'invoke', names[0]!, false)];
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const run = async (name: string, depth: number): Promise<void> => {
    const t = tasks.get(name);
    if (!t || seen.has(name) || depth > 6) return;
    seen.add(name);
    for (const p of t.pre) await run(p, depth + 1);
    const ctxName = t.f.first ?? 'c';
    facts.push(...(await recipeCode(cmd, ctx, t.f.source, 'python', `${cfg.file}:${name}`, { tool: 'invoke', recipe: name }, { [`${ctxName}.run`]: 'os.system', [`${ctxName}.sudo`]: 'os.system', [`${ctxName}.local`]: 'os.system' })));
    for (const p of t.post) await run(p, depth + 1);
  };
  for (const g of goals) {
    facts.push(recipeFact(cmd, 'invoke', g, true));
    await run(g, 0);
  }
  return facts;
}

const NOX_FLAGS = {
  withValue: ['-f', '--noxfile', '--envdir', '-s', '-e', '--session', '--sessions', '-p', '--python', '--pythons', '-t', '--tags', '-k', '--keywords', '--extra-pythons', '--extra-python', '--force-python', '-P', '--default-venv-backend', '-db', '--force-venv-backend', '-fb'],
  file: ['-f', '--noxfile'],
  dir: [],
  inert: /^(-l|--list|--list-sessions|--json|-h|--help|--version|--usage)$/,
};

export async function analyzeNox(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  if (scriptDepth(cmd) >= MAX_SCRIPT_DEPTH) return [];
  const a = runnerArgs(cmd, NOX_FLAGS);
  if (a.inert) return [];
  // -s/-e/--session NAME...: every name up to the next flag.
  const wanted: (string | null)[] = [];
  const words = cmd.argv.slice(1);
  let tagged = false;
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === '--') break;
    if (v !== null && /^(-s|-e|--session|--sessions)$/.test(v)) {
      for (let j = i + 1; j < words.length && !(words[j]!.value ?? '').startsWith('-'); j++, i++) wanted.push(words[j]!.value);
    } else if (v !== null && /^(-k|--keywords|-t|--tags)$/.test(v)) tagged = true;
  }
  const cfg = readConfig(ctx, a, ['noxfile.py']);
  if (isUnreadable(cfg)) return [unreadableFact(cmd, cfg)];
  if (wanted.includes(null)) return [recipeFact(cmd, 'nox', null, false)];
  if (!cfg) return [];
  const sessions = new Map<string, { f: PyFunction; names: string[] }>();
  for (const f of pyFunctions(cfg.text)) {
    const d = /@(?:nox\.)?session\b\s*(?:\(([\s\S]*?)\))?\s*$/m.exec(f.decorators);
    if (!d) continue;
    const name = /\bname\s*=\s*["']([^"']+)["']/.exec(d[1] ?? '')?.[1] ?? f.name;
    sessions.set(name, { f, names: [name, f.name] });
  }
  const defaults = /nox\.options\.sessions\s*=\s*\[([^\]]*)\]/.exec(cfg.text)?.[1]?.match(/["']([^"']+)["']/g)?.map((s) => s.slice(1, -1));
  // `-k`/`-t` select by expression or tag: judged as every session (airlock does not evaluate them).
  const goals = tagged ? [...sessions.keys()] : wanted.length ? (wanted as string[]).map((w) => w.replace(/-\d+(\.\d+)*$/, '')) : defaults ?? [...sessions.keys()];
  const facts: Fact[] = [];
  for (const g of goals) {
    const s = sessions.get(g) ?? [...sessions.values()].find((x) => x.names.includes(g));
    facts.push(recipeFact(cmd, 'nox', g, Boolean(s)));
    if (!s) continue;
    const sn = s.f.first ?? 'session';
    facts.push(...(await recipeCode(cmd, ctx, s.f.source, 'python', `${cfg.file}:${g}`, { tool: 'nox', recipe: g }, { [`${sn}.run`]: 'asyncio.create_subprocess_exec', [`${sn}.run_always`]: 'asyncio.create_subprocess_exec', [`${sn}.run_install`]: 'asyncio.create_subprocess_exec' })));
  }
  return facts;
}
