// make [-C dir] [-f file] [VAR=value] [targets]: the recipes of the targets (and of their prerequisites)
// are analysed as command lines. Variables are expanded roughly ($(VAR), ${VAR}, $@, $<, $^; $$ -> $).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { cliFact } from '../cli-fact';
import { innerFacts } from '../inner-facts';
import { MAX_SCRIPT_DEPTH, scriptDepth } from './depth';
import { codeFileFact, unreadableConfig } from './recipes';

const WITH_VALUE = ['-C', '--directory', '-f', '--file', '--makefile', '-j', '--jobs', '-l', '--load-average', '-I', '--include-dir', '-o', '--old-file', '-W', '--what-if', '--assume-new', '--eval'];

/** Recipe lines analysed per make invocation; the rest is not followed. */
const MAX_RECIPE_LINES = 200;

interface Makefile {
  vars: Map<string, string>;
  rules: Map<string, { deps: string[]; recipe: string[] }>;
  first: string | null;
  /** `.DEFAULT_GOAL := x` overrides the first target. */
  defaultGoal?: string;
}

/** Included makefiles followed this deep. */
const MAX_INCLUDE_DEPTH = 4;

/**
 * The makefile text with its `include`/`-include`/`sinclude` lines replaced by the files they name, as
 * make reads them. Names airlock cannot resolve (a variable, a glob, a file that exists but cannot be
 * read) go to `unresolved`: any target may be defined there.
 */
export function withIncludes(text: string, dir: string, ctx: AnalyzeContext, depth = 0, unresolved: string[] = [], known: (n: string) => string | undefined = () => undefined): string {
  if (depth >= MAX_INCLUDE_DEPTH) return text;
  // Variables the file sets (and the line's overrides, the environment) fill include names where literal.
  const own = parseMakefile(text).vars;
  const lookup = (n: string): string | undefined => known(n) ?? own.get(n);
  return text.replace(/^[ ]*(-?include|sinclude)[ \t]+(.+)$/gm, (line, _k: string, names: string) => {
    const parts: string[] = [];
    for (const raw of names.replace(/(^|[^\\])#.*$/, '$1').trim().split(/\s+/).filter(Boolean)) {
      const expanded = raw.replace(/\$(?:\(([\w.-]+)\)|\{([\w.-]+)\})/g, (m, a: string | undefined, b: string | undefined) => lookup((a ?? b)!) ?? m);
      // Still computed, or a glob airlock cannot list: make may find files airlock does not.
      const files = expanded.includes('$') ? null : expanded.split(/\s+/).filter(Boolean).flatMap((n) => (/[*?[]/.test(n) ? globInclude(ctx, dir, n) ?? [null] : [n]));
      if (files === null || files.includes(null)) {
        unresolved.push(raw);
        continue;
      }
      for (const f of files as string[]) {
        const file = path.join(dir, f);
        const t = ctx.readFile(file);
        if (t !== null) parts.push(withIncludes(t, dir, ctx, depth + 1, unresolved, lookup));
        else if (unreadableConfig(ctx, file) !== null) unresolved.push(f);
      }
    }
    return parts.length ? parts.join('\n') : `# ${line}`;
  });
}

/** `include mk/*.mk`: the files a glob in the last path segment matches now, sorted; null when it cannot be listed. */
function globInclude(ctx: AnalyzeContext, dir: string, pattern: string): string[] | null {
  const d = path.dirname(pattern);
  const base = path.basename(pattern);
  if (/[*?[]/.test(d) || ctx.noFileReads || /\[/.test(base)) return null;
  const re = new RegExp(`^${base.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  try {
    return fs.readdirSync(path.resolve(ctx.cwd, dir, d)).filter((f) => re.test(f) && !f.startsWith('.')).sort().slice(0, 32).map((f) => path.join(d, f));
  } catch {
    return [];
  }
}

export function parseMakefile(text: string): Makefile {
  const mk: Makefile = { vars: new Map(), rules: new Map(), first: null };
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  let current: string[] = [];
  for (const line of lines) {
    const goal = /^\s*\.DEFAULT_GOAL\s*:?=\s*(\S+)/.exec(line);
    if (goal) {
      mk.defaultGoal = goal[1]!;
      continue;
    }
    if (line.startsWith('\t')) {
      for (const t of current) mk.rules.get(t)!.recipe.push(line.slice(1));
      continue;
    }
    const l = line.replace(/(^|[^\\])#.*$/, '$1').trimEnd();
    if (!l.trim()) continue;
    const v = /^\s*(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(::?=|:::=|\?=|\+=|!=|=)\s*(.*)$/.exec(l);
    if (v) {
      const [, name, op, value] = v;
      if (op === '?=' && mk.vars.has(name!)) continue;
      mk.vars.set(name!, op === '+=' ? `${mk.vars.get(name!) ?? ''} ${value}` : value!);
      current = [];
      continue;
    }
    const r = /^([^:#=\t][^:=]*?)\s*::?\s*([^=]*)$/.exec(l);
    if (r && !/^\s*(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|define|endef|vpath)\b/.test(l)) {
      const [depsPart, inline] = r[2]!.split(';');
      current = r[1]!.trim().split(/\s+/);
      for (const t of current) {
        if (!mk.rules.has(t)) mk.rules.set(t, { deps: [], recipe: [] });
        mk.rules.get(t)!.deps.push(...depsPart!.trim().split(/\s+/).filter(Boolean));
        if (inline?.trim()) mk.rules.get(t)!.recipe.push(inline.trim());
        if (!mk.first && !t.startsWith('.') && !t.includes('%')) mk.first = t;
      }
      continue;
    }
    current = [];
  }
  return mk;
}

function expand(s: string, vars: (n: string) => string, auto: Record<string, string>, depth = 0): string {
  if (depth > 8) return s;
  return s.replace(/\$(?:\(([^()]*)\)|\{([^{}]*)\}|([@<^*?$]))/g, (m, a: string | undefined, b: string | undefined, c: string | undefined) => {
    if (c === '$') return '\u0000';
    if (c) return auto[c] ?? '';
    const name = (a ?? b)!;
    if (/\s/.test(name)) return m; // $(shell ...), $(wildcard ...): left for the shell to see
    return expand(vars(name), vars, auto, depth + 1);
  }).replace(/\u0000/g, '$');
}

export async function analyzeMake(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  if (scriptDepth(cmd) >= MAX_SCRIPT_DEPTH) return [];
  const words = cmd.argv.slice(1);
  let dir = '.';
  let file: string | null = null;
  const overrides = new Map<string, string>();
  const targets: (string | null)[] = [];
  let dryRun = false;
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === null) {
      targets.push(null);
      continue;
    }
    if (WITH_VALUE.includes(v)) {
      const val = words[++i]?.value ?? null;
      if ((v === '-C' || v === '--directory') && val) dir = path.join(dir, val);
      if ((v === '-f' || v === '--file' || v === '--makefile') && val) file = val;
    } else if (/^-C./.test(v)) dir = path.join(dir, v.slice(2));
    else if (/^-f./.test(v)) file = v.slice(2);
    else if (/^--(just-print|dry-run|recon)$/.test(v) || (/^-[a-zA-Z]+$/.test(v) && v.includes('n'))) dryRun = true;
    else if (v.startsWith('-')) continue;
    else if (/^[A-Za-z_][\w.-]*=/.test(v)) overrides.set(v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1));
    else targets.push(v);
  }
  const base = { tool: 'make', object: 'target', action: 'run', flags: [], infra: false, targets: [] };
  if (dryRun) return [];
  const names = file ? [file] : ['GNUmakefile', 'makefile', 'Makefile'];
  let text: string | null = null;
  let mkfile = '';
  for (const n of names) {
    mkfile = path.join(dir, n);
    if ((text = ctx.readFile(mkfile)) !== null) break;
    // make takes the first that exists: one airlock cannot read is what would run.
    const why = unreadableConfig(ctx, mkfile);
    if (why !== null) return [codeFileFact(cmd, mkfile, `${why} (make reads its targets from it)`)];
  }
  if (targets.includes(null)) return [cliFact(cmd, { ...base, name: null })];
  if (text === null) return targets.map((t) => cliFact(cmd, { ...base, name: t, resolved: false }));
  const unresolved: string[] = [];
  const mk = parseMakefile(withIncludes(text, dir, ctx, 0, unresolved, (n) => overrides.get(n) ?? ctx.env[n]));
  const goals = (targets.length ? targets : [mk.defaultGoal ?? mk.first]).filter((t): t is string => Boolean(t));
  const vars = (n: string): string => overrides.get(n) ?? mk.vars.get(n) ?? (ctx.env[n] ?? '');
  const facts: Fact[] = [];
  const seen = new Set<string>();
  let budget = MAX_RECIPE_LINES;
  const visit = async (t: string, depth: number): Promise<void> => {
    if (seen.has(t) || depth > 6) return;
    seen.add(t);
    const rule = mk.rules.get(t);
    // A target with no recipe here may get one from an include airlock cannot read (or a pattern rule there).
    if (unresolved.length && (rule ? !rule.recipe.length && !rule.deps.length : depth === 0)) facts.push(codeFileFact(cmd, mkfile, `target ${t} has no recipe in the files airlock can read, and make may take one from its include of ${unresolved.join(' ')}, only known when make runs`));
    if (!rule) return;
    for (const d of rule.deps) await visit(d, depth + 1);
    const auto = { '@': t, '<': rule.deps[0] ?? '', '^': rule.deps.join(' '), '*': t, '?': rule.deps.join(' ') };
    for (const raw of rule.recipe) {
      if (budget-- <= 0) return;
      const line = expand(raw, vars, auto).replace(/^[\s@+-]+/, '');
      if (line) facts.push(...(await innerFacts(cmd, line, `make ${t}`, ctx, { script: t, viaScript: 'make' })));
    }
  };
  for (const g of goals) {
    facts.push(cliFact(cmd, { ...base, name: g, resolved: mk.rules.has(g) }));
    await visit(g, 0);
  }
  return facts;
}
