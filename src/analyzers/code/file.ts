// Reading and judging program files: the file a command runs and the project files it imports,
// each parsed with its language's tree-sitter grammar. Bounded: files over the engine's size bound,
// unreadable or binary files give a `code-file` fact (confirm), as does a parse that runs too long.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { parserFor, type Grammar } from './grammars';
import { judgeProgram, type JudgeKinds, type Lang } from './program';
import type { CallSite, Program } from './lang/model';
import { pythonProgram } from './lang/python';
import { jsProgram } from './lang/javascript';
import { rubyProgram } from './lang/ruby';
import { goProgram } from './lang/go';
import { phpProgram } from './lang/php';
import { grammarFor } from './runfile';
import { findCalls, sdkDeletes } from './apis';
import { codeHttpFacts } from './http';
import { spawnedFromCode } from '../../normalize/nested';
import { perlQuotes } from '../../normalize/perl';
import { innerFacts } from '../inner-facts';
import { classifyText, pathTargets } from '../files/paths';
import { selectChunks } from './chunks';

/** Project files followed through imports per command. */
const MAX_FILES = 24;
const MAX_IMPORT_DEPTH = 3;
/** A parse still running after this is abandoned: the file is judged unknown (confirm). */
export const PARSE_BUDGET_MS = 400;

export interface Visit {
  seen: Set<string>;
  count: number;
}

function fileFact(cmd: Command, file: string, state: string, why: string): Fact {
  return { type: 'code-file', command: cmd.text, tool: cmd.program ?? '', file, state, why, targets: [] };
}

/** Why a program file cannot be read, when it exists (or this line wrote it unknowably). null: missing. */
function unreadable(ctx: AnalyzeContext, file: string): string | null {
  const full = path.resolve(ctx.cwd, file.replace(/^~(?=\/|$)/, ctx.env.HOME ?? '~'));
  if (ctx.wasWritten?.(file)) return 'this command line writes it with content airlock cannot know';
  try {
    const st = fs.statSync(full);
    if (st.isDirectory()) return null;
    if (st.size > 1024 * 1024) return `it is larger than ${1024} KiB`;
    return 'it cannot be read';
  } catch {
    return null;
  }
}

export async function judgeFile(cmd: Command, ctx: AnalyzeContext, file: string, lang: Lang | 'perl', grammar: string | null, visit: Visit, depth = 0): Promise<Fact[]> {
  const key = path.resolve(ctx.cwd, file);
  if (visit.seen.has(key) || visit.count >= MAX_FILES) return [];
  visit.seen.add(key);
  visit.count++;
  const text = ctx.readFile(file);
  if (text === null) {
    const why = unreadable(ctx, file);
    return why && depth === 0 ? [fileFact(cmd, file, 'unreadable', why)] : [];
  }
  if (text.includes('\u0000')) return depth === 0 ? [fileFact(cmd, file, 'binary', 'it is a binary file, not program text')] : [];
  if (lang === 'perl' || grammar === null) return textFacts(cmd, ctx, file, text, lang);
  let rels: string[] = [];
  const facts = await withProgram(text, lang, grammar as Grammar, ctx, path.dirname(key), async (program) => {
    rels = program.relImports;
    return judgeProgram({ file, lang, program }, cmd, ctx);
  });
  if (facts === null) return [fileFact(cmd, file, 'timeout', `parsing it took longer than ${PARSE_BUDGET_MS} ms`)];
  if (depth < MAX_IMPORT_DEPTH) {
    for (const rel of rels) {
      const dep = resolveImport(ctx, file, rel, lang);
      if (dep) facts.push(...(await judgeFile(cmd, ctx, dep, lang, grammarFor(dep, lang).grammar, visit, depth + 1)));
    }
  }
  return facts;
}

/** Inline code (python -c, node -e, ruby -e, rails runner CODE): SQL, ORM and HTTP calls by syntax tree. */
export async function judgeInline(cmd: Command, ctx: AnalyzeContext, code: string, lang: Lang, spawns: boolean): Promise<Fact[]> {
  return judgeSource(cmd, ctx, code, lang, '(inline code)', { spawn: spawns, del: spawns });
}

/** Code that is part of a file (a rake task, an invoke task, a just recipe with a shebang), judged whole. */
export async function judgeSource(cmd: Command, ctx: AnalyzeContext, code: string, lang: Lang, file: string, kinds: JudgeKinds): Promise<Fact[]> {
  const grammar: Grammar = lang === 'python' ? 'python' : lang === 'ruby' ? 'ruby' : lang === 'go' ? 'go' : lang === 'php' ? 'php' : 'typescript';
  const facts = await withProgram(code, lang, grammar, ctx, ctx.cwd, (program) => judgeProgram({ file, lang, program }, cmd, ctx, kinds));
  return facts ?? [fileFact(cmd, file, 'timeout', `parsing it took longer than ${PARSE_BUDGET_MS} ms`)];
}

/** Parses `text` and hands its Program to `use` while the syntax tree is alive; null when the parse ran out of time. */
export async function withProgram<T>(text: string, lang: Lang, grammar: Grammar, ctx: AnalyzeContext, dir: string, use: (p: Program) => Promise<T>): Promise<T | null> {
  const parser = await parserFor(grammar);
  const source = selectChunks(text, lang);
  const started = Date.now();
  const tree = parser.parse(source.source, null, { progressCallback: () => Date.now() - started > PARSE_BUDGET_MS ? (true as unknown as void) : undefined });
  if (!tree) return null;
  try {
    const build = lang === 'python' ? pythonProgram : lang === 'ruby' ? rubyProgram : lang === 'go' ? goProgram : lang === 'php' ? phpProgram : jsProgram;
    const program = build(tree.rootNode, ctx.env, dir);
    if (source.source !== text) {
      const fix = (c: CallSite | null | undefined): void => {
        if (!c) return;
        c.line = source.line(c.line);
        fix(c.root);
      };
      for (const c of program.calls) fix(c);
    }
    return await use(program);
  } finally {
    tree.delete();
  }
}

/** Perl and PHP files (no grammar shipped for them): the inline-code scanners over the file text. */
async function textFacts(cmd: Command, ctx: AnalyzeContext, file: string, source: string, lang: string): Promise<Fact[]> {
  const program = lang === 'php' ? 'php' : 'perl';
  const text = program === 'perl' ? perlQuotes(source) : source;
  const facts: Fact[] = [];
  for (const api of sdkDeletes(text)) facts.push({ type: 'code-sdk-delete', command: cmd.text, tool: program, api, infra: true });
  facts.push(...codeHttpFacts(text, program, cmd.text));
  for (const c of findCalls(text, program)) {
    const info = c.path === null ? null : classifyText(c.path, false, ctx);
    facts.push({ type: 'code-delete', command: cmd.text, tool: program, api: c.api, recursive: c.recursive, path: c.path ?? '(computed in code)', resolved: info?.resolved || c.path || '?', class: info?.class ?? 'unknown', sensitive: info?.sensitive ?? false, literal: c.path !== null, file, targets: info ? pathTargets([info]) : [] });
  }
  const { lines } = spawnedFromCode(text);
  for (const line of lines.slice(0, 50)) facts.push(...(await innerFacts(cmd, line, `${program} ${file}`, ctx, { programFile: file })));
  return facts;
}

function resolveImport(ctx: AnalyzeContext, from: string, rel: string, lang: Lang): string | null {
  const dir = path.dirname(from);
  const candidates: string[] = [];
  if (lang === 'python') {
    const dots = /^\.*/.exec(rel)![0].length;
    const base = dots > 1 ? path.join(dir, ...Array(dots - 1).fill('..')) : dir;
    const mod = rel.slice(dots).split('.').join('/');
    if (!mod) return null;
    candidates.push(path.join(base, `${mod}.py`), path.join(base, mod, '__init__.py'));
  } else if (lang === 'javascript') {
    if (!/^\.\.?\//.test(rel)) return null;
    const b = path.join(dir, rel);
    const stem = b.replace(/\.(m|c)?js$/, '');
    candidates.push(b, ...['.ts', '.js', '.mjs', '.cjs', '.tsx', '.mts'].map((e) => stem + e), ...['index.js', 'index.ts'].map((i) => path.join(b, i)));
  } else if (lang === 'ruby') {
    const b = path.join(dir, rel);
    candidates.push(b.endsWith('.rb') ? b : `${b}.rb`);
  } else if (lang === 'php') {
    candidates.push(path.isAbsolute(rel) ? rel : path.join(dir, rel));
  }
  for (const c of candidates) {
    try {
      if (fs.statSync(path.resolve(ctx.cwd, c)).isFile()) return c;
    } catch {
      // not this one
    }
  }
  return null;
}

/** `go run .` / `go run ./cmd/x`: the package's non-test .go files. */
export function goPackageFiles(ctx: AnalyzeContext, dir: string): string[] {
  try {
    return fs.readdirSync(path.resolve(ctx.cwd, dir)).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).sort().slice(0, MAX_FILES).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}
