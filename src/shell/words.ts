// Turns a tree-sitter word-like node into its value the way bash would after quote removal,
// expanding the variables we know. Anything we cannot know makes the value null.
import type { Word } from '../types';
import type { Node } from './parser';
import { parseShell } from './parser';
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
    case 'expansion': {
      const v = expand(node, scope);
      // bash globs the result of an unquoted expansion (`x='*'; rm -rf $x` is `rm -rf *`); a loop
      // variable over a glob (`for f in *.tmp`) stands for its matches even inside quotes.
      if (v !== null && ((!inQuotes && /[*?[]/.test(v)) || scope.isGlobVar(expandedName(node)))) state.glob = true;
      return v;
    }
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
  // A HOME the line sets itself (`HOME=/tmp/h; rm -rf ~`) is still the home directory: keep `~`.
  if (!inQuotes && (out === '~' || out.startsWith('~/')) && !scope.assignedHere('HOME')) {
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

function expandedName(node: Node): string {
  return node.type === 'simple_expansion' ? node.text.slice(1) : /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(node.text)?.[1] ?? '';
}

function expand(node: Node, scope: Scope): string | null {
  if (node.type === 'simple_expansion') {
    const name = node.text.slice(1);
    return lookup(name, scope);
  }
  // ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:=x}, ${NAME:?msg}, ${NAME:+alt}; other operators are not resolved.
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=?+])(.*))?\}$/s.exec(node.text);
  if (!m) return null;
  const v = lookup(m[1]!, scope);
  if (m[2] === undefined) return v;
  const op = m[2].slice(-1);
  const emptyCounts = m[2].startsWith(':');
  if (v === null && scope.isUnknown(m[1]!)) return null;
  const isSet = v !== null && (!emptyCounts || v !== '');
  // ${X:?}: unset or empty, bash stops before running the command; set, it is the value.
  if (op === '?') return isSet ? v : null;
  if (op === '+') return isSet ? operandValue(m[3] ?? '', scope) : '';
  if (isSet) return v;
  return operandValue(m[3] ?? '', scope);
}

/** $HOME the line set itself stays unknown, so the path is still read as home (`HOME=/tmp/h; rm -rf $HOME`). */
function lookup(name: string, scope: Scope): string | null {
  if (name === 'HOME' && scope.assignedHere('HOME')) return null;
  return scope.get(name);
}

/** The word after `:-` / `:+`: literal, or expanded like any word (`${D:-$HOME/x}`). */
function operandValue(text: string, scope: Scope): string | null {
  if (!/[$`\\'"~]/.test(text)) return text;
  if (/[`]|\$\(/.test(text)) return null;
  const cmd = parseShell(': ' + text).root.namedChild(0);
  const args = cmd?.type === 'command' ? cmd.namedChildren.slice(1) : [];
  if (args.length !== 1) return null;
  return resolveWord(args[0]!, scope).value;
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
  else if (prog === 'mktemp') {
    const made = mktempPath(args, scope);
    if (made === null) return null;
    out = made;
  } else return null;
  return out.replace(/\n+$/, '');
}

/**
 * Where `$(mktemp [-d] [-p DIR | -t | --tmpdir[=DIR]] [TEMPLATE])` creates its file: a fresh name
 * under $TMPDIR or /tmp, or next to a TEMPLATE with a directory. The X's stand for the random part.
 */
function mktempPath(args: string[], scope: Scope): string | null {
  let dir: string | null = null;
  let tmp = false;
  let template: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-p' || a === '--tmpdir') {
      const next = a === '-p' ? args[++i] : undefined;
      if (a === '-p' && next === undefined) return null;
      dir = next ?? null;
      tmp = true;
    } else if (a.startsWith('--tmpdir=')) {
      dir = a.slice(9);
      tmp = true;
    } else if (a.startsWith('-p') && a.length > 2) {
      dir = a.slice(2);
      tmp = true;
    } else if (a === '--suffix' || a === '--') {
      if (a === '--suffix') i++;
    } else if (/^-[dqtu]+$/.test(a) || /^--(directory|quiet|dry-run|suffix=.*)$/.test(a)) {
      if (a.startsWith('-') && !a.startsWith('--') && a.includes('t')) tmp = true;
    } else if (a.startsWith('-')) return null;
    else template = a;
  }
  const base = (dir || scope.get('TMPDIR') || '/tmp').replace(/\/+$/, '') || '/tmp';
  if (template === null) return `${base}/tmp.XXXXXXXXXX`;
  if (template.includes('/') && !tmp) return template;
  return `${base}/${template.replace(/^.*\//, '')}`;
}
