// Lines made only of plain and simply quoted words, list/pipeline operators and output redirects to
// /dev/null or another descriptor (`ls -la && git status | head -5`, `git commit -m "fix: x"`,
// `grep -rn 'foo' src 2>/dev/null`) have exactly one reading in bash: no expansion, globbing,
// keywords or assignments. They are split here without loading tree-sitter, which is most of a
// harmless check's cost in a fresh process. Anything outside that subset returns null and goes to
// the real grammar; a test checks both readings agree on every corpus line the subset accepts.
import type { Command, Redirect, StdinSource, Word } from '../types';
import type { WalkResult } from './walk';
import { programName } from './program-name';
import { Scope } from './scope';
import { noteCdIn, noteWrites } from './line-state';

/** Characters a line may hold at all (printable ASCII and tabs): anything else, the grammar. */
const CHARSET = /^[\x20-\x7e\t]*$/;
/**
 * One word: unquoted word characters, single-quoted text, and double-quoted text holding nothing
 * bash expands inside double quotes ($, `, \, and ! for history expansion), in any concatenation.
 */
const WORD = /^(?:[A-Za-z0-9_./:=@%+,-]+|'[^'\t]*'|"[^"$`\\!\t]*")+/;
/** Output to /dev/null (`>`, `2>>`, `&>`, spaces allowed before the target) or a dup (`2>&1`). */
const NULL_REDIRECT = /^([0-9]?)(>>?|&>>?)[ \t]*\/dev\/null/;
const DUP_REDIRECT = /^([0-9]?)>&([0-9])/;
const OPERATOR_RUN = /^[;|&]+/;
const BLANKS = /^[ \t]+/;
const RESERVED = new Set(['unset', 'export', 'declare', 'local', 'readonly', 'typeset', 'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in', 'function', 'select', 'time', 'coproc', '!', '[[', ']]', '{', '}']);
const OPERATORS = new Set(['&&', '||', '|', '|&', ';', '&']);

/** The literal value of a WORD match: its quotes removed. */
function unquote(raw: string): string {
  return raw.replace(/'([^']*)'|"([^"]*)"/g, (_, s: string | undefined, d: string | undefined) => s ?? d ?? '');
}

/** True at the end of the line or before a blank or an operator: where a word or redirect ends. */
const boundary = (line: string, at: number): boolean => at >= line.length || /[ \t;|&]/.test(line[at]!);

export function trivialCommands(line: string): WalkResult | null {
  if (line.length > 4096 || !CHARSET.test(line)) return null;
  const commands: Command[] = [];
  // Where each command runs after the line's `cd`s (as in the walker, src/shell/scope.ts).
  const scope = new Scope(null);
  /** Directories before the `cd X &&` chain now running, which narrowed them to X. */
  let chainBefore: (string | null)[] | null = null;
  const writes = { wrote: false };
  let words: { word: Word; start: number; end: number }[] = [];
  let redirects: Redirect[] = [];
  let feed: StdinSource | null = null;
  const flush = (): boolean => {
    if (!words.length) return false;
    const first = words[0]!.word.raw;
    // Keywords, declarations and anything that may read as an assignment go to the grammar; so does
    // a quoted program name (the walker reads those itself).
    if (RESERVED.has(first) || first.includes('=') || /['"]/.test(first)) return false;
    const argv = words.map((w) => w.word);
    const text = line.slice(words[0]!.start, words[words.length - 1]!.end);
    const cmd: Command = { argv, program: programName(argv[0]!), env: {}, redirects, stdin: feed, via: [], text, dirs: [...scope.dirs] };
    if (cmd.program === 'cd' || cmd.program === 'pushd' || cmd.program === 'popd') noteCdIn(cmd, scope);
    noteWrites(cmd, writes);
    commands.push(cmd);
    words = [];
    redirects = [];
    return true;
  };
  let lastOp = '';
  let sawToken = false;
  for (let at = 0; at < line.length; ) {
    const rest = line.slice(at);
    const blanks = BLANKS.exec(rest);
    if (blanks) {
      at += blanks[0].length;
      continue;
    }
    sawToken = true;
    const op = OPERATOR_RUN.exec(rest);
    if (op) {
      // `&>` right after an operator, or an unknown run (`;;`, `&&&`): the grammar decides.
      if (line[at + op[0].length] === '>' || !OPERATORS.has(op[0]) || !flush()) return null;
      lastOp = op[0];
      // `cd X && …`: the rest of the chain runs in X alone; once the chain ends, X or where it was.
      const prev = commands[commands.length - 1]!;
      if (lastOp === '&&' && prev.cdTo !== undefined && feed === null) {
        chainBefore ??= prev.dirs ?? [''];
        scope.dirs = [prev.cdTo];
      } else if (lastOp !== '&&' && chainBefore) {
        for (const d of chainBefore) if (!scope.dirs.includes(d)) scope.dirs.push(d);
        chainBefore = null;
      }
      feed = lastOp === '|' || lastOp === '|&' ? { kind: 'pipe', text: null, producer: commands[commands.length - 1]! } : null;
      at += op[0].length;
      continue;
    }
    lastOp = '';
    // A redirect: only after the command's words, and only as the last things in the command (the
    // walker's text for a command stops before them).
    const nul = NULL_REDIRECT.exec(rest);
    const dup = nul ? null : DUP_REDIRECT.exec(rest);
    const red = nul ?? dup;
    if (red && boundary(line, at + red[0].length)) {
      if (!words.length) return null;
      const fd = red[1] ? Number(red[1]) : null;
      if (nul) redirects.push({ op: nul[2]!, fd, target: { raw: '/dev/null', value: '/dev/null' } });
      else redirects.push({ op: '>&', fd, target: { raw: dup![2]!, value: dup![2]! } });
      at += red[0].length;
      continue;
    }
    const w = WORD.exec(rest);
    if (!w || !boundary(line, at + w[0].length) || redirects.length) return null;
    words.push({ word: { raw: w[0], value: unquote(w[0]) }, start: at, end: at + w[0].length });
    at += w[0].length;
  }
  if (words.length || redirects.length) {
    if (!flush()) return null;
  } else if (!sawToken || /^(\||\|&|&&|\|\|)$/.test(lastOp)) {
    // Empty, or a dangling `|`, `&&`, `||` that continues on the next line: the grammar decides.
    return null;
  }
  return { commands, errors: [], assignments: [] };
}
