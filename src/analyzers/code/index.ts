// Inline interpreter code (python -c, node -e, ruby -e, perl -e, php -r, deno eval, bun -e, and
// code fed on stdin by a heredoc): direct file-deleting API calls become code-delete facts,
// their path classified like an rm operand. Spawned shell commands are the core's job.
import type { Command, Fact } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { inlineCode } from '../../normalize/nested';
import { classifyText, pathTargets } from '../files/paths';
import { findCalls, sdkDeletes } from './apis';
import { codeHttpFacts } from './http';

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

function analyze(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const code = codeOf(cmd);
  if (!code) return [];
  const program = cmd.program!;
  // SDK calls that empty a hosted service (search indices): one code-sdk-delete fact per call.
  const sdk: Fact[] = sdkDeletes(code).map((api) => ({ type: 'code-sdk-delete', command: cmd.text, tool: program, api, infra: true }));
  const http = codeHttpFacts(code, program, cmd.text);
  return [...sdk, ...http, ...findCalls(code, program).map((c) => {
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
  programs: ['python', 'python2', 'python3', 'pypy3', 'node', 'nodejs', 'deno', 'bun', 'ruby', 'perl', 'php'],
  analyze,
};
export default analyzer;
