// PHP (tree-sitter-php from @vscode/tree-sitter-wasm): function calls (shell_exec, system, unlink),
// method calls on bound objects ($pdo->exec), backticks, `$x = ...` bindings, `.` concatenation,
// interpolated "strings with $vars", __DIR__ and getenv().
import type * as TS from 'web-tree-sitter';
import { Bindings, collect, follower, HOLE, MAX_EVAL_DEPTH, UNKNOWN, asText, type Arg, type CallSite, type Program, type V } from './model';

const TYPES = new Set(['function_call_expression', 'member_call_expression', 'scoped_call_expression', 'object_creation_expression', 'shell_command_expression', 'assignment_expression', 'string', 'encapsed_string', 'include_expression', 'require_expression', 'include_once_expression', 'require_once_expression']);

export function phpProgram(root: TS.Node, env: Record<string, string | undefined>, fileDir: string): Program {
  const nodes = collect(root, TYPES);
  const binds = new Bindings();
  const strings: string[] = [];
  const relImports: string[] = [];
  const calls: TS.Node[] = [];
  const via = follower();
  for (const n of nodes) {
    if (n.type === 'assignment_expression') {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (l?.type === 'variable_name' && r) binds.add(l.text, r);
    } else if (n.type === 'string' || n.type === 'encapsed_string') {
      if (strings.length < 2000) strings.push(n.text.slice(0, 4000));
    } else if (/^(include|require)(_once)?_expression$/.test(n.type)) {
      const v = n.namedChild(0);
      const s = v ? valueOf(v) : UNKNOWN;
      if (typeof s === 'string' && !s.includes(HOLE)) relImports.push(s.startsWith(fileDir) ? `./${s.slice(fileDir.length + 1)}` : s);
    } else calls.push(n);
  }

  function nameOf(n: TS.Node | null, depth = 0): string {
    if (!n || depth > MAX_EVAL_DEPTH) return '?';
    switch (n.type) {
      case 'name':
      case 'qualified_name':
        return n.text.replace(/^\\/, '');
      case 'variable_name': {
        const b = binds.one(n.text);
        return b ? via(b, () => nameOf(b, depth + 1), n.text) : n.text;
      }
      case 'object_creation_expression':
        return `${nameOf(n.namedChildren.find((c) => c?.type === 'name' || c?.type === 'qualified_name') ?? null, depth + 1)}()`;
      case 'function_call_expression':
        return `${nameOf(n.childForFieldName('function'), depth + 1)}()`;
      case 'member_call_expression':
        return `${nameOf(n.childForFieldName('object'), depth + 1)}.${n.childForFieldName('name')?.text ?? '?'}()`;
      case 'parenthesized_expression':
        return nameOf(n.namedChild(0), depth + 1);
      default:
        return '?';
    }
  }

  function valueOf(n: TS.Node | null, depth = 0): V {
    if (!n || depth > MAX_EVAL_DEPTH) return UNKNOWN;
    switch (n.type) {
      case 'string':
      case 'encapsed_string':
      case 'shell_command_expression':
      case 'heredoc':
      case 'nowdoc': {
        let out = '';
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'string_content' || c.type === 'string_value' || c.type === 'heredoc_body' || c.type === 'nowdoc_body') out += c.text;
          else if (c.type === 'escape_sequence') out += unescape(c.text);
          else out += asText(valueOf(c, depth + 1));
        }
        return out;
      }
      case 'integer':
      case 'float':
        return Number(n.text);
      case 'boolean':
        return /^true$/i.test(n.text);
      case 'null':
        return null;
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text;
        const l = valueOf(n.childForFieldName('left'), depth + 1);
        const r = valueOf(n.childForFieldName('right'), depth + 1);
        return op === '.' ? asText(l) + asText(r) : UNKNOWN;
      }
      case 'parenthesized_expression':
        return valueOf(n.namedChild(0), depth + 1);
      case 'name':
        return n.text === '__DIR__' ? fileDir : UNKNOWN;
      case 'variable_name': {
        const b = binds.one(n.text);
        return b ? via(b, () => valueOf(b, depth + 1), UNKNOWN) : UNKNOWN;
      }
      case 'array_creation_expression':
        return n.namedChildren.filter((c): c is TS.Node => c?.type === 'array_element_initializer').map((c) => valueOf(c.namedChild(c.namedChildCount - 1), depth + 1));
      case 'function_call_expression': {
        const f = nameOf(n.childForFieldName('function'));
        const args = argNodes(n);
        if (f === 'getenv') {
          const k = valueOf(args[0] ?? null, depth + 1);
          return typeof k === 'string' ? env[k] ?? UNKNOWN : UNKNOWN;
        }
        if (f === 'dirname' && args[0]?.text === '__FILE__') return fileDir;
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  function argNodes(n: TS.Node): TS.Node[] {
    const a = n.childForFieldName('arguments') ?? n.namedChildren.find((c) => c?.type === 'arguments') ?? null;
    return (a?.namedChildren ?? []).filter((c): c is TS.Node => c?.type === 'argument').map((c) => c.namedChild(c.namedChildCount - 1)!).filter(Boolean);
  }

  const arg = (n: TS.Node): Arg => ({ text: n.text, value: () => valueOf(n), name: () => nameOf(n), call: () => {
    const x = n.type === 'variable_name' ? binds.one(n.text) ?? n : n;
    return /call_expression$|object_creation_expression/.test(x.type) ? site(x) : null;
  } });
  function site(n: TS.Node): CallSite {
    const line = n.startPosition.row + 1;
    if (n.type === 'shell_command_expression') return { callee: '`', args: [arg(n)], kwargs: {}, line };
    let callee: string;
    let root: CallSite | null = null;
    if (n.type === 'function_call_expression') callee = nameOf(n.childForFieldName('function'));
    else if (n.type === 'object_creation_expression') callee = nameOf(n).replace(/\(\)$/, '');
    else if (n.type === 'scoped_call_expression') callee = `${nameOf(n.childForFieldName('scope'))}::${n.childForFieldName('name')?.text ?? '?'}`;
    else {
      const obj = n.childForFieldName('object');
      callee = `${nameOf(obj, 1)}.${n.childForFieldName('name')?.text ?? '?'}`;
      const b = obj?.type === 'variable_name' ? binds.one(obj.text) : null;
      if (b && /call_expression$|object_creation_expression/.test(b.type)) root = site(b);
    }
    return { callee, args: argNodes(n).map(arg), kwargs: {}, line, root };
  }
  return { calls: calls.map(site), imports: [], relImports, strings, props: new Map() };
}

function unescape(e: string): string {
  const m: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', $: '$' };
  return m[e[1] ?? ''] ?? e;
}
