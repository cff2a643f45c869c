// task (go-task) [flags] [TASK...] [-- CLI_ARGS]: the Taskfile's tasks (`default` when none is named),
// their deps, and their cmds (strings, {cmd: ...}, {task: ...} calls, defer), with {{.VAR}}
// templates filled in from the file's vars and the environment where literal.
import * as path from 'node:path';
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { MAX_SCRIPT_DEPTH, scriptDepth } from './depth';
import { codeFileFact, MAX_RECIPE_DEPTH, MAX_RECIPE_LINES, readConfig, recipeFact, recipeLine, runnerArgs, isUnreadable, unreadableFact, unreadableConfig } from './recipes';

const FLAGS = {
  withValue: ['-t', '--taskfile', '-d', '--dir', '-o', '--output', '--output-group-begin', '--output-group-end', '-c', '--concurrency', '-I', '--interval', '--sort', '--json'],
  file: ['-t', '--taskfile'],
  dir: ['-d', '--dir'],
  inert: /^(-l|--list|-a|--list-all|-n|--dry|--summary|-h|--help|--version|-i|--init|--status|--completion)$/,
};

const NAMES = ['Taskfile.yml', 'taskfile.yml', 'Taskfile.yaml', 'taskfile.yaml', 'Taskfile.dist.yml', 'taskfile.dist.yml', 'Taskfile.dist.yaml', 'taskfile.dist.yaml'];
const COMPUTED = '"$(airlock-computed)"';

type Step = { cmd: string } | { task: string; vars: Record<string, string> };

interface Task {
  deps: { task: string; vars: Record<string, string> }[];
  steps: Step[];
  vars: Record<string, string>;
}

function scalars(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : COMPUTED;
  return out;
}

function step(s: unknown): Step | null {
  if (typeof s === 'string') return { cmd: s };
  if (!s || typeof s !== 'object') return null;
  const o = s as Record<string, unknown>;
  if (typeof o.cmd === 'string') return { cmd: o.cmd };
  if (typeof o.task === 'string') return { task: o.task, vars: scalars(o.vars) };
  if (o.defer !== undefined) return step(o.defer);
  return null;
}

/** `includes:` entry: tasks of another Taskfile under `NS:` (or flattened into this one). */
export interface Include {
  ns: string;
  /** The Taskfile or its directory, as written (templates and URLs left for the caller). */
  taskfile: string;
  optional: boolean;
  flatten: boolean;
}

export interface Taskfile {
  vars: Record<string, string>;
  tasks: Map<string, Task>;
  includes: Include[];
}

function includes(v: unknown): Include[] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  const out: Include[] = [];
  for (const [ns, x] of Object.entries(v)) {
    if (typeof x === 'string') out.push({ ns, taskfile: x, optional: false, flatten: false });
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      out.push({ ns, taskfile: typeof o.taskfile === 'string' ? o.taskfile : COMPUTED, optional: o.optional === true, flatten: o.flatten === true });
    }
  }
  return out;
}

export function parseTaskfile(text: string): Taskfile | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object') return null;
  const d = doc as Record<string, unknown>;
  const tasks = new Map<string, Task>();
  for (const [name, raw] of Object.entries((d.tasks as Record<string, unknown> | undefined) ?? {})) {
    // Short forms: `name: echo hi` and `name: [echo a, echo b]`.
    const t = typeof raw === 'string' || Array.isArray(raw) ? { cmds: raw } : ((raw ?? {}) as Record<string, unknown>);
    const cmds = typeof t.cmds === 'string' ? [t.cmds] : Array.isArray(t.cmds) ? t.cmds : typeof t.cmd === 'string' ? [t.cmd] : [];
    const deps = (Array.isArray(t.deps) ? t.deps : []).map((x) => (typeof x === 'string' ? { task: x, vars: {} } : x && typeof x === 'object' && typeof (x as { task?: unknown }).task === 'string' ? { task: (x as { task: string }).task, vars: scalars((x as { vars?: unknown }).vars) } : null)).filter((x): x is { task: string; vars: Record<string, string> } => x !== null);
    tasks.set(name, { deps, steps: cmds.map(step).filter((x): x is Step => x !== null), vars: scalars(t.vars) });
  }
  return { vars: scalars(d.vars), tasks, includes: includes(d.includes) };
}

function template(s: string, vars: (n: string) => string | undefined): string {
  return s.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    const m = /^\.([A-Za-z_]\w*)$/.exec(expr);
    return (m ? vars(m[1]!) : undefined) ?? COMPUTED;
  });
}

export async function analyzeTask(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  if (scriptDepth(cmd) >= MAX_SCRIPT_DEPTH) return [];
  const a = runnerArgs(cmd, FLAGS);
  if (a.inert) return [];
  const cfg = readConfig(ctx, a, NAMES);
  if (isUnreadable(cfg)) return [unreadableFact(cmd, cfg)];
  // `task NAME VAR=value`: assignments set variables for every task named.
  const cliVars: Record<string, string> = {};
  const names: (string | null)[] = [];
  for (const w of a.names) {
    const m = w === null ? null : /^([A-Za-z_]\w*)=(.*)$/.exec(w);
    if (m) cliVars[m[1]!] = m[2]!;
    else names.push(w);
  }
  if (names.includes(null)) return [recipeFact(cmd, 'task', null, false)];
  if (!cfg) return names.map((n) => recipeFact(cmd, 'task', n, false));
  const root = parseTaskfile(cfg.text);
  // A Taskfile airlock cannot read as YAML: what runs is unknown.
  if (!root) return [recipeFact(cmd, 'task', null, false)];
  const loaded = new Map<string, Taskfile | string>();
  /** An included Taskfile, or why it cannot be read (a template, a URL, unreadable or not YAML); null when missing. */
  const load = (from: string, inc: Include): Taskfile | string | null => {
    if (/\{\{|^[a-z]+:\/\//i.test(inc.taskfile)) return `the path of that include, ${inc.taskfile}, is only known when task runs`;
    let file = path.join(path.dirname(from), inc.taskfile);
    if (!/\.ya?ml$/i.test(file)) file = NAMES.map((n) => path.join(file, n)).find((f) => ctx.readFile(f) !== null || unreadableConfig(ctx, f) !== null) ?? path.join(file, NAMES[0]!);
    const hit = loaded.get(file);
    if (hit) return hit;
    const text = ctx.readFile(file);
    let got: Taskfile | string | null;
    if (text === null) {
      const why = unreadableConfig(ctx, file);
      got = why === null ? null : `${file}: ${why}`;
    } else got = parseTaskfile(text) ?? `${file} is not YAML airlock can read`;
    if (got !== null) loaded.set(file, got);
    if (got !== null && typeof got !== 'string') files.set(got, file);
    return got;
  };
  const files = new Map<Taskfile, string>([[root, cfg.file]]);
  type Found = { tf: Taskfile; task: Task; name: string } | { unknown: string } | null;
  /** A task by name in `tf` or the Taskfiles it includes (`ns:name`, flattened includes). */
  const find = (tf: Taskfile, name: string, depth = 0): Found => {
    // `:name` is the root Taskfile's task.
    if (name.startsWith(':')) return find(root, name.slice(1), depth);
    const t = tf.tasks.get(name);
    if (t) return { tf, task: t, name };
    if (depth > 3) return null;
    let unknown: string | null = null;
    for (const inc of tf.includes) {
      const rest = name.startsWith(`${inc.ns}:`) ? name.slice(inc.ns.length + 1) : inc.flatten ? name : null;
      if (rest === null) continue;
      const sub = load(files.get(tf) ?? cfg.file, inc);
      if (typeof sub === 'string') {
        unknown ??= sub;
        continue;
      }
      if (!sub) continue;
      const f = find(sub, rest, depth + 1);
      if (f && 'task' in f) return f;
      if (f) unknown ??= f.unknown;
    }
    return unknown === null ? null : { unknown };
  };
  const goals = (names.length ? names : ['default']) as string[];
  const facts: Fact[] = [];
  let budget = MAX_RECIPE_LINES;
  const run = async (from: Taskfile, name: string, passed: Record<string, string>, depth: number): Promise<void> => {
    if (depth > MAX_RECIPE_DEPTH) return;
    const f = find(from, name);
    if (!f) return;
    if ('unknown' in f) {
      facts.push(codeFileFact(cmd, cfg.file, `task ${name} may come from a Taskfile it includes, and ${f.unknown}`));
      return;
    }
    const { tf, task: t } = f;
    const vars = (n: string): string | undefined => (n === 'CLI_ARGS' ? a.rest.join(' ') : passed[n] ?? cliVars[n] ?? t.vars[n] ?? tf.vars[n] ?? root.vars[n] ?? ctx.env[n]);
    for (const d of t.deps) await run(tf, d.task, d.vars, depth + 1);
    for (const s of t.steps) {
      if (budget-- <= 0) return;
      if ('task' in s) await run(tf, s.task, s.vars, depth + 1);
      else facts.push(...(await recipeLine(cmd, ctx, template(s.cmd, vars), { tool: 'task', recipe: name })));
    }
  };
  for (const g of goals) {
    const f = find(root, g);
    facts.push(recipeFact(cmd, 'task', g, Boolean(f && 'task' in f)));
    await run(root, g, {}, 0);
  }
  return facts;
}
