// Turns a tree-sitter word-like node into its value the way bash would after quote removal,
// expanding the variables we know. Anything we cannot know makes the value null.
import type { Word } from '../types';
import type { Node } from './parser';
import type { Scope } from './scope';

const GLOB = /[*?[]/;

export function resolveWord(node: Node, scope: Scope): Word {
  const state = { glob: false };
  const value = valueOf(node, scope, state, false);
  const word: Word = { raw: node.text, value };
  if (state.glob) word.glob = true;
  return word;
}

type State = { glob: boolean };

function valueOf(node: Node, scope: Scope, state: State, inQuotes: boolean): string | null {
  switch (node.type) {
    case 'word':
    case 'command_name':
    case 'variable_name':
    case 'file_descriptor':
    case 'test_operator':
    case 'extglob_pattern':
      if (node.type === 'command_name' && node.namedChildCount > 0) return valueOf(node.namedChild(0)!, scope, state, inQuotes);
      return unescapeBare(node.text, state, scope, inQuotes);
    case 'number':
      return node.text;
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return decodeAnsiC(node.text.slice(2, -1));
    case 'string':
    case 'translated_string':
      return doubleQuoted(node, scope, state);
    case 'concatenation': {
      let out = '';
      for (const child of node.children) {
        const v = valueOf(child, scope, state, inQuotes);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    case 'simple_expansion':
    case 'expansion':
      return expand(node, scope);
    case 'brace_expression':
      return node.text;
    case 'command_substitution':
      return staticSubstitution(node, scope, state);
    default:
      // $(...), `...`, <(...), $((...)) and anything unknown: not knowable statically.
      return null;
  }
}

/** An unquoted word: backslash escapes, tilde expansion, glob detection. */
function unescapeBare(text: string, state: State, scope: Scope, inQuotes: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const n = text[i + 1]!;
      i++;
      if (n !== '\n') out += n;
      continue;
    }
    if (!inQuotes && GLOB.test(c)) state.glob = true;
    out += c;
  }
  if (!inQuotes && (out === '~' || out.startsWith('~/'))) {
    const home = scope.get('HOME');
    if (home) out = home + out.slice(1);
  }
  return out;
}

function doubleQuoted(node: Node, scope: Scope, state: State): string | null {
  // Literal text lives between the named children; take it from the source by position.
  const src = node.text;
  const base = node.startIndex;
  let pos = src.startsWith('$"') ? 2 : 1;
  const end = src.length - 1;
  let out = '';
  for (const child of node.namedChildren) {
    const start = child.startIndex - base;
    if (start > pos) out += unescapeDq(src.slice(pos, start));
    if (child.type === 'string_content') {
      out += unescapeDq(child.text);
    } else {
      const v = valueOf(child, scope, state, true);
      if (v === null) return null;
      out += v;
    }
    pos = child.endIndex - base;
  }
  if (pos < end) out += unescapeDq(src.slice(pos, end));
  return out;
}

function unescapeDq(s: string): string {
  return s.replace(/\\([$`"\\\n])/g, (_m, c: string) => (c === '\n' ? '' : c));
}

function expand(node: Node, scope: Scope): string | null {
  if (node.type === 'simple_expansion') {
    const name = node.text.slice(1);
    return scope.get(name);
  }
  // ${NAME}, ${NAME:-default}, ${NAME-default}; other operators are not resolved.
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=])(.*))?\}$/s.exec(node.text);
  if (!m) return null;
  const v = scope.get(m[1]!);
  if (m[2] === undefined) return v;
  const emptyCounts = m[2].startsWith(':');
  if (v !== null && (!emptyCounts || v !== '')) return v;
  if (v === null && scope.isUnknown(m[1]!)) return null;
  const def = m[3] ?? '';
  return /[$`\\'"]/.test(def) ? null : def;
}

export function decodeAnsiC(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs, (_m, e: string) => {
    switch (e[0]) {
      case 'x':
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'e': case 'E': return '\x1b';
      case 'f': return '\f';
      case 'v': return '\v';
      case 'c': return String.fromCharCode(e.charCodeAt(1) & 31);
      default:
        if (/[0-7]/.test(e[0]!)) return String.fromCharCode(parseInt(e, 8));
        return e; // \\ \' \" \?
    }
  });
}

/** $(echo x) / $(printf x) of literals is knowable: obfuscation like `$(printf r)m -rf /` resolves. */
function staticSubstitution(node: Node, scope: Scope, state: State): string | null {
  const inner = node.namedChildren;
  if (inner.length !== 1 || inner[0]!.type !== 'command') return null;
  const words = inner[0]!.namedChildren;
  if (words.some((w) => w.type !== 'command_name' && !/^(word|string|raw_string|ansi_c_string|concatenation|number|simple_expansion|expansion)$/.test(w.type))) return null;
  const vals = words.map((w) => valueOf(w, scope, state, false));
  if (vals.some((v) => v === null)) return null;
  const [prog, ...args] = vals as string[];
  let out: string;
  if (prog === 'echo') {
    const flags = args.length && /^-[neE]+$/.test(args[0]!) ? args.shift()! : '';
    out = args.join(' ');
    if (flags.includes('e')) out = decodeAnsiC(out);
  } else if (prog === 'printf' && args.length === 1 && !args[0]!.includes('%')) out = decodeAnsiC(args[0]!);
  else return null;
  return out.replace(/\n+$/, '');
}
