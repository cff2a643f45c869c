// Lines made only of plain words and list/pipeline operators (`ls -la && git status | head -5`)
// have exactly one reading in bash: no quoting, expansion, globbing, redirection or keywords.
// They are split here without loading tree-sitter, which is most of a harmless check's cost in a
// fresh process. Anything outside that subset returns null and goes to the real grammar; a test
// checks both readings agree on every corpus line the subset accepts.
import type { Command, StdinSource } from '../types';
import type { WalkResult } from './walk';
import { programName } from './program-name';

const PLAIN = /^[A-Za-z0-9_./:=@%+,\- \t;|&]*$/;
const RESERVED = new Set(['unset', 'export', 'declare', 'local', 'readonly', 'typeset', 'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in', 'function', 'select', 'time', 'coproc']);
const OPERATORS = new Set(['&&', '||', '|', '|&', ';', '&']);

export function trivialCommands(line: string): WalkResult | null {
  if (line.length > 4096 || !PLAIN.test(line)) return null;
  // Tokens: runs of operator characters and runs of word characters, with their positions.
  const tokens = [...line.matchAll(/[;|&]+|[^\s;|&]+/g)];
  const commands: Command[] = [];
  let words: RegExpMatchArray[] = [];
  let feed: StdinSource | null = null;
  const flush = (): boolean => {
    if (!words.length) return false;
    const first = words[0]![0];
    // Keywords, declarations and anything that may read as an assignment go to the grammar.
    if (RESERVED.has(first) || first.includes('=')) return false;
    const argv = words.map((w) => ({ raw: w[0], value: w[0] }));
    const last = words[words.length - 1]!;
    const text = line.slice(words[0]!.index, last.index! + last[0].length);
    commands.push({ argv, program: programName(argv[0]!), env: {}, redirects: [], stdin: feed, via: [], text });
    words = [];
    return true;
  };
  let lastOp = '';
  for (const t of tokens) {
    if (/^[;|&]/.test(t[0])) {
      if (!OPERATORS.has(t[0]) || !flush()) return null;
      lastOp = t[0];
      feed = lastOp === '|' || lastOp === '|&' ? { kind: 'pipe', text: null, producer: commands[commands.length - 1]! } : null;
      continue;
    }
    lastOp = '';
    words.push(t);
  }
  if (words.length) {
    if (!flush()) return null;
  } else if (!tokens.length || /^(\||\|&|&&|\|\|)$/.test(lastOp)) {
    // Empty, or a dangling `|`, `&&`, `||` that continues on the next line: the grammar decides.
    return null;
  }
  return { commands, errors: [], assignments: [] };
}
