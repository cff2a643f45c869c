// just [flags] [RECIPE [ARGS...]]...: the justfile's recipes (the first one when none is named), their
// dependencies, and their bodies with {{variables}} and parameters filled in where literal. A body
// under a shebang is a script in that language; every other body line is a shell line.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { MAX_SCRIPT_DEPTH, scriptDepth } from './depth';
import { codeFileFact, MAX_RECIPE_DEPTH, MAX_RECIPE_LINES, readConfig, recipeCode, recipeFact, recipeLine, runnerArgs, shebangLang, isUnreadable, unreadableFact } from './recipes';

const FLAGS = {
  withValue: ['-f', '--justfile', '-d', '--working-directory', '--set', '--shell', '--shell-arg', '--color', '--dump-format', '--list-heading', '--list-prefix', '--chooser', '--command', '-c', '--dotenv-filename', '--dotenv-path', '-s', '--show', '--usage'],
  file: ['-f', '--justfile'],
  dir: ['-d', '--working-directory'],
  inert: /^(-l|--list|-n|--dry-run|--summary|--evaluate|--show|-s|--dump|--fmt|--init|--edit|-e|--help|-h|--version|-V|--variables|--groups|--choose|--completions|--usage|--check)$/,
};

const NAMES = ['justfile', 'Justfile', '.justfile', 'JUSTFILE'];
/** Stands for a value only known when just runs. */
const COMPUTED = '"$(airlock-computed)"';

interface Recipe {
  name: string;
  params: { name: string; dflt: string | null; variadic: boolean }[];
  deps: { name: string; args: string[] }[];
  after: { name: string; args: string[] }[];
  body: string[];
}

export interface Justfile {
  vars: Map<string, string>;
  recipes: Map<string, Recipe>;
  first: string | null;
}

function unquote(s: string): string {
  const t = s.trim();
  if (/^(['"]).*\1$/s.test(t)) return t.slice(1, -1);
  return t;
}

function depList(s: string): { name: string; args: string[] }[] {
  const out: { name: string; args: string[] }[] = [];
  const re = /\(([\w-]+)((?:\s+[^()\s]+)*)\)|([\w-]+)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[1]) out.push({ name: m[1], args: (m[2] ?? '').trim().split(/\s+/).filter(Boolean).map(unquote) });
    else out.push({ name: m[3]!, args: [] });
  }
  return out;
}

export function parseJustfile(text: string): Justfile {
  const jf: Justfile = { vars: new Map(), recipes: new Map(), first: null };
  let current: Recipe | null = null;
  for (const raw of text.split(/\r?\n/)) {
    if (current && (/^[ \t]/.test(raw) || raw.trim() === '')) {
      if (raw.trim() !== '' || current.body.length) current.body.push(raw.replace(/^( {1,4}|\t)/, ''));
      continue;
    }
    current = null;
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('[')) continue;
    const v = /^(?:export\s+)?([A-Za-z_][\w-]*)\s*:=\s*(.*)$/.exec(line);
    if (v) {
      jf.vars.set(v[1]!, /^(['"]).*\1$/.test(v[2]!.trim()) ? unquote(v[2]!) : COMPUTED);
      continue;
    }
    if (/^(set|alias|import|mod)\s/.test(line)) continue;
    const r = /^@?([A-Za-z_][\w-]*)((?:\s+[^:]*?)?)\s*:(?!=)\s*(.*)$/.exec(line);
    if (!r) continue;
    const [main, post] = r[3]!.split('&&');
    current = {
      name: r[1]!,
      params: (r[2] ?? '').trim().split(/\s+(?=[+*$]?[A-Za-z_])/).filter(Boolean).map((p) => {
        const m = /^([+*]?)\$?([A-Za-z_][\w-]*)(?:=(.*))?$/.exec(p);
        return { name: m?.[2] ?? p, dflt: m?.[3] !== undefined ? unquote(m[3]) : null, variadic: Boolean(m?.[1]) };
      }),
      deps: depList(main ?? ''),
      after: depList(post ?? ''),
      body: [],
    };
    jf.recipes.set(current.name, current);
    jf.first ??= current.name;
  }
  for (const r of jf.recipes.values()) while (r.body.length && r.body[r.body.length - 1]!.trim() === '') r.body.pop();
  return jf;
}

function interpolate(s: string, vars: (n: string) => string | undefined): string {
  return s.replace(/\{\{\{\{/g, '\u0001').replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    const name = /^[A-Za-z_][\w-]*$/.test(expr) ? expr : null;
    const v = name ? vars(name) : undefined;
    if (v !== undefined) return v;
    const lit = /^(['"])(.*)\1$/.exec(expr);
    return lit ? lit[2]! : COMPUTED;
  }).replace(/\u0001/g, '{{');
}

export async function analyzeJust(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  if (scriptDepth(cmd) >= MAX_SCRIPT_DEPTH) return [];
  const a = runnerArgs(cmd, FLAGS);
  if (a.inert) return [];
  const cfg = readConfig(ctx, a, NAMES);
  if (isUnreadable(cfg)) return [unreadableFact(cmd, cfg)];
  const words = a.names;
  if (!cfg) return words.length ? [recipeFact(cmd, 'just', words[0] ?? null, false)] : [];
  const jf = parseJustfile(cfg.text);
  // Recipes and their arguments: after a recipe, as many words as it takes parameters.
  const calls: { name: string; args: string[] }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === null || w === undefined) return [recipeFact(cmd, 'just', null, false)];
    const r = jf.recipes.get(w);
    if (!r) return [recipeFact(cmd, 'just', w, false)];
    const variadic = r.params.some((p) => p.variadic);
    const take = variadic ? words.length - i - 1 : Math.min(r.params.length, words.length - i - 1);
    const args = words.slice(i + 1, i + 1 + take).map((x) => x ?? COMPUTED);
    calls.push({ name: w, args });
    i += take;
  }
  if (!calls.length) {
    if (!jf.first) return [];
    calls.push({ name: jf.first, args: [] });
  }
  const facts: Fact[] = [];
  const seen = new Set<string>();
  let budget = MAX_RECIPE_LINES;
  const run = async (name: string, args: string[], depth: number): Promise<void> => {
    const key = `${name} ${args.join(' ')}`;
    if (seen.has(key) || depth > MAX_RECIPE_DEPTH) return;
    seen.add(key);
    const r = jf.recipes.get(name);
    if (!r) return;
    for (const d of r.deps) await run(d.name, d.args, depth + 1);
    const params = new Map<string, string>();
    r.params.forEach((p, i) => params.set(p.name, p.variadic ? args.slice(i).join(' ') : args[i] ?? p.dflt ?? ''));
    const vars = (n: string): string | undefined => params.get(n) ?? jf.vars.get(n) ?? ctx.env[n];
    const body = r.body.map((l) => interpolate(l, vars));
    const label = { tool: 'just', recipe: name };
    const lang = body[0]?.startsWith('#!') ? shebangLang(body[0]) : undefined;
    if (lang === null) facts.push(codeFileFact(cmd, `${cfg.file}:${name}`, `the recipe runs under ${body[0]!.slice(2).trim()}, a language airlock does not read`));
    else if (lang === 'shell') facts.push(...(await recipeLine(cmd, ctx, body.slice(1).join('\n'), label)));
    else if (lang) facts.push(...(await recipeCode(cmd, ctx, body.slice(1).join('\n'), lang, `${cfg.file}:${name}`, label, {})));
    else {
      for (const raw of body) {
        if (budget-- <= 0) return;
        const line = raw.trim().replace(/^[@-]+/, '');
        if (line && !line.startsWith('#')) facts.push(...(await recipeLine(cmd, ctx, line, label)));
      }
    }
    for (const d of r.after) await run(d.name, d.args, depth + 1);
  };
  for (const c of calls) {
    facts.push(recipeFact(cmd, 'just', c.name, true));
    await run(c.name, c.args, 0);
  }
  return facts;
}
