// Inline interpreter code (python -c, node -e, ruby -e, perl -e, php -r, deno eval, bun -e, and
// code fed on stdin by a heredoc): direct file-deleting API calls become code-delete facts,
// their path classified like an rm operand. Spawned shell commands are the core's job.
import type { Command, Fact } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { inlineCode } from '../../normalize/nested';
import { perlQuotes } from '../../normalize/perl';
import { classifyText, pathTargets } from '../files/paths';
import { findCalls, sdkDeletes } from './apis';
import { codeHttpFacts } from './http';
import { programRun } from './runfile';
import { pipSetupFiles } from './pipinstall';
import { goPackageFiles, judgeFile, judgeInline, judgeSource } from './file';
import type { Lang } from './program';

/** The program text: -c/-e argument, or a heredoc/here-string when no script file is named. */
function codeOf(cmd: Command): string | null {
  const prog = cmd.program!.replace(/^(python3)\.\d+$/, '$1').replace(/^pypy3$/, 'python3');
  const inline = inlineCode({ ...cmd, program: prog });
  if (inline !== undefined) return inline;
  const operands = cmd.argv.slice(1).filter((w) => !(w.value ?? '').startsWith('-') || w.value === '-');
  if (operands.length && operands[0]!.value !== '-') return null;
  const s = cmd.stdin;
  if (s && (s.kind === 'heredoc' || s.kind === 'herestring')) return s.text;
  return null;
}

/** The program file a command runs (python3 x.py, node x.js, go run ., rails runner FILE): judged by content. */
async function analyzeRun(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  const run = programRun(cmd);
  if (!run) return [];
  const visit = { seen: new Set<string>(), count: 0 };
  switch (run.kind) {
    case 'unknown':
      return [{ type: 'code-file', command: cmd.text, tool: cmd.program ?? '', file: '(computed)', state: 'unknown', why: run.why, targets: [] }];
    case 'code':
      return judgeInline(cmd, ctx, run.code, run.lang, true);
    case 'file':
      return judgeFile(cmd, ctx, run.path, run.lang, run.grammar, visit);
    case 'go': {
      const files = run.dir !== null ? goPackageFiles(ctx, run.dir) : run.paths;
      const facts: Fact[] = [];
      for (const f of files) facts.push(...(await judgeFile(cmd, ctx, f, 'go', 'go', visit)));
      return facts;
    }
  }
}

const INLINE_LANG: Record<string, Lang> = { php: 'php', python: 'python', python2: 'python', python3: 'python', pypy3: 'python', node: 'javascript', nodejs: 'javascript', deno: 'javascript', bun: 'javascript', ruby: 'ruby' };

async function analyze(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  const setups = pipSetupFiles(cmd);
  if (setups) {
    const visit = { seen: new Set<string>(), count: 0 };
    const facts: Fact[] = [];
    for (const f of setups) facts.push(...(await judgeFile(cmd, ctx, f, 'python', 'python', visit)));
    return facts;
  }
  if (/^(pip[0-9.]*|uv)$/.test(cmd.program ?? '')) return [];
  const raw = codeOf(cmd);
  if (!raw) return analyzeRun(cmd, ctx);
  const code = cmd.program === 'perl' ? perlQuotes(raw) : raw;
  const program = cmd.program!;
  // SQL through a database driver, HTTP and ORM calls, by syntax tree (spawns and deletes below).
  const lang = INLINE_LANG[program.replace(/^(python3)\.\d+$/, '$1')];
  // PHP's spawns (shell_exec, passthru, backticks) are not in the core's inline scan: the tree reads them.
  const tree = lang === 'php' ? await judgeSource(cmd, ctx, `<?php ${code}`, lang, '(inline code)', { spawn: true, del: false }) : lang ? await judgeInline(cmd, ctx, code, lang, false) : [];
  // SDK calls that empty a hosted service (search indices): one code-sdk-delete fact per call.
  const sdk: Fact[] = sdkDeletes(code).map((api) => ({ type: 'code-sdk-delete', command: cmd.text, tool: program, api, infra: true }));
  const http = codeHttpFacts(code, program, cmd.text);
  return [...sdk, ...http, ...tree, ...findCalls(code, program).map((c) => {
    const info = c.path === null ? null : classifyText(c.path, /[*?[]/.test(c.path) && /glob/.test(code), ctx);
    return {
      type: 'code-delete',
      command: cmd.text,
      tool: program,
      api: c.api,
      recursive: c.recursive,
      path: c.path ?? '(computed in code)',
      resolved: info?.resolved || c.path || '?',
      class: info?.class ?? 'unknown',
      sensitive: info?.sensitive ?? false,
      literal: c.path !== null,
      targets: info ? pathTargets([info]) : [],
    };
  })];
}

const analyzer: Analyzer = {
  name: 'code',
  analyze,
};
export default analyzer;
