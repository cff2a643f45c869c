// What the task runners share: the runner's own flags, the config file it reads, and the recipe
// bodies handed to every family as nested command lines (or, for a recipe written in a programming
// language, to the code family's judge), labelled with the recipe that runs them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { cliFact } from '../cli-fact';
import { innerFacts } from '../inner-facts';
import type { Lang } from '../code/program';

/** Recipe lines judged per invocation; the rest is not followed. */
export const MAX_RECIPE_LINES = 200;
/** Dependencies followed this deep. */
export const MAX_RECIPE_DEPTH = 6;

export interface RunnerArgs {
  dir: string;
  file: string | null;
  /** Positional words (recipes and their arguments), in order; null for one only known at run time. */
  names: (string | null)[];
  /** Words after `--` (task's CLI_ARGS). */
  rest: string[];
  /** --list, --dry-run, --help and the like: nothing runs. */
  inert: boolean;
}

export interface RunnerFlags {
  /** Flags taking a value. */
  withValue: readonly string[];
  /** Flags naming the config file / working directory. */
  file: readonly string[];
  dir: readonly string[];
  /** Flags after which nothing runs. */
  inert: RegExp;
}

export function runnerArgs(cmd: Command, flags: RunnerFlags): RunnerArgs {
  const out: RunnerArgs = { dir: '.', file: null, names: [], rest: [], inert: false };
  const words = cmd.argv.slice(1);
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === null) {
      out.names.push(null);
      continue;
    }
    if (v === '--') {
      out.rest.push(...words.slice(i + 1).map((w) => w.raw));
      break;
    }
    if (v.startsWith('-')) {
      const eq = v.indexOf('=');
      const flag = eq > 0 ? v.slice(0, eq) : v;
      const val = eq > 0 ? v.slice(eq + 1) : flags.withValue.includes(flag) ? (words[++i]?.value ?? null) : null;
      if (flags.inert.test(flag)) out.inert = true;
      if (val !== null && flags.file.includes(flag)) out.file = val;
      if (val !== null && flags.dir.includes(flag)) out.dir = path.join(out.dir, val);
      continue;
    }
    out.names.push(v);
  }
  return out;
}

/** A config file the runner will read but airlock cannot: what runs is unknown (confirm). */
export interface Unreadable {
  file: string;
  why: string;
}

/** Config files over this are not read (the engine's bound for any file). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Why a config file that exists cannot be read (over the size bound, no permission, written by this
 * line with content airlock cannot know); null when it is missing (the runner only reports an error).
 */
export function unreadableConfig(ctx: AnalyzeContext, file: string): string | null {
  if (ctx.wasWritten?.(file)) return 'this command line writes it with content airlock cannot know';
  if (ctx.noFileReads) return null;
  try {
    const st = fs.statSync(path.resolve(ctx.cwd, file.replace(/^~(?=\/|$)/, ctx.env.HOME ?? '~')));
    if (st.isDirectory()) return null;
    if (st.size > MAX_CONFIG_BYTES) return `it is larger than ${MAX_CONFIG_BYTES / 1024} KiB`;
    return 'it cannot be read';
  } catch {
    return null;
  }
}

/**
 * The first readable file of `names` under `dir` (or the one the line names). The runner takes the
 * first that exists, so one that exists but cannot be read stops the search: it is what would run.
 */
export function readConfig(ctx: AnalyzeContext, a: RunnerArgs, names: readonly string[]): { file: string; text: string } | Unreadable | null {
  for (const n of a.file ? [a.file] : names) {
    const file = path.join(a.dir, n);
    const text = ctx.readFile(file);
    if (text !== null) return { file, text };
    const why = unreadableConfig(ctx, file);
    if (why !== null) return { file, why };
  }
  return null;
}

export function isUnreadable(c: { file: string; text: string } | Unreadable | null): c is Unreadable {
  return c !== null && 'why' in c;
}

/** The fact for a config file that exists but cannot be read: confirmed like an unreadable program file. */
export function unreadableFact(cmd: Command, c: Unreadable): Fact {
  return codeFileFact(cmd, c.file, `${c.why} (${cmd.program ?? 'the runner'} reads what to run from it)`);
}

export interface RecipeLabel {
  tool: string;
  recipe: string;
}

/** The runner's own fact (which recipe, resolved or not): an unknown name asks, a missing one is the runner's error. */
export function recipeFact(cmd: Command, tool: string, name: string | null, resolved: boolean): Fact {
  return cliFact(cmd, { tool, object: 'recipe', action: 'run', name, resolved, flags: [], infra: false, targets: [] });
}

/** One shell line of a recipe, through every family. */
export function recipeLine(cmd: Command, ctx: AnalyzeContext, line: string, l: RecipeLabel): Promise<Fact[]> {
  return innerFacts(cmd, line, `${l.tool} ${l.recipe}`, ctx, { script: l.recipe, viaScript: l.tool });
}

/** Code in a programming language a recipe runs (rake tasks, invoke/nox sessions, shebang recipes). */
export async function recipeCode(cmd: Command, ctx: AnalyzeContext, code: string, lang: Lang, file: string, l: RecipeLabel, aliases: Record<string, string>): Promise<Fact[]> {
  // Loaded here, not at the top: a line that runs no recipe in code loads no parser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { judgeSource } = require('../code/file') as typeof import('../code/file');
  const via: Command = { ...cmd, via: [...cmd.via, `${l.tool} ${l.recipe}`] };
  const facts = await judgeSource(via, ctx, code, lang, file, { spawn: true, del: true, aliases });
  return facts.map((f) => ({ ...f, command: cmd.text, script: l.recipe, viaScript: l.tool }));
}

/** The language a shebang names, or 'shell' for sh-like interpreters; null for one airlock cannot read. */
export function shebangLang(line: string): Lang | 'shell' | null {
  const m = /^#!\s*(\S+)(?:\s+(?:-\S+\s+)*(\S+))?/.exec(line);
  if (!m) return null;
  const prog = (/\/env$/.test(m[1]!) ? m[2] ?? '' : m[1]!).split('/').pop()!;
  if (/^(sh|bash|zsh|dash|ksh)$/.test(prog)) return 'shell';
  if (/^python[0-9.]*$/.test(prog)) return 'python';
  if (/^(node|bun|deno|tsx|ts-node)$/.test(prog)) return 'javascript';
  if (prog === 'ruby') return 'ruby';
  return null;
}

/** A recipe body airlock cannot read (an interpreter it has no parser for): confirmed like an unreadable program file. */
export function codeFileFact(cmd: Command, file: string, why: string): Fact {
  return { type: 'code-file', command: cmd.text, tool: cmd.program ?? '', file, state: 'unknown', why, targets: [] };
}
