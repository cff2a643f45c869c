// task (go-task) [flags] [TASK...] [-- CLI_ARGS]: the Taskfile's tasks (`default` when none is named),
// their deps, and their cmds (strings, {cmd: ...}, {task: ...} calls, defer), with {{.VAR}}
// templates filled in from the file's vars and the environment where literal.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { MAX_SCRIPT_DEPTH, scriptDepth } from './nested';
import { MAX_RECIPE_DEPTH, MAX_RECIPE_LINES, readConfig, recipeFact, recipeLine, runnerArgs } from './recipes';

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

export function parseTaskfile(text: string): { vars: Record<string, string>; tasks: Map<string, Task> } | null {
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
  return { vars: scalars(d.vars), tasks };
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
  const tf = parseTaskfile(cfg.text);
  // A Taskfile airlock cannot read as YAML: what runs is unknown.
  if (!tf) return [recipeFact(cmd, 'task', null, false)];
  const goals = (names.length ? names : ['default']) as string[];
  const facts: Fact[] = [];
  let budget = MAX_RECIPE_LINES;
  const run = async (name: string, passed: Record<string, string>, depth: number): Promise<void> => {
    if (depth > MAX_RECIPE_DEPTH) return;
    const t = tf.tasks.get(name);
    if (!t) return;
    const vars = (n: string): string | undefined => (n === 'CLI_ARGS' ? a.rest.join(' ') : passed[n] ?? cliVars[n] ?? t.vars[n] ?? tf.vars[n] ?? ctx.env[n]);
    for (const d of t.deps) await run(d.task, d.vars, depth + 1);
    for (const s of t.steps) {
      if (budget-- <= 0) return;
      if ('task' in s) await run(s.task, s.vars, depth + 1);
      else facts.push(...(await recipeLine(cmd, ctx, template(s.cmd, vars), { tool: 'task', recipe: name })));
    }
  };
  for (const g of goals) {
    facts.push(recipeFact(cmd, 'task', g, tf.tasks.has(g)));
    await run(g, {}, 0);
  }
  return facts;
}
