// Python (tree-sitter-python): calls, imports, constants and string folding (f-strings, +, json.dumps).
import type * as TS from 'web-tree-sitter';
import { Bindings, collect, follower, HOLE, MAX_EVAL_DEPTH, UNKNOWN, asText, type Arg, type CallSite, type Program, type V } from './model';

const TYPES = new Set(['call', 'assignment', 'import_statement', 'import_from_statement', 'as_pattern', 'string']);

export function pythonProgram(root: TS.Node, env: Record<string, string | undefined>, fileDir: string): Program {
  const nodes = collect(root, TYPES);
  const binds = new Bindings();
  const aliases = new Map<string, string>();
  const imports: string[] = [];
  const relImports: string[] = [];
  const strings: string[] = [];
  const callNodes: TS.Node[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'call':
        callNodes.push(n);
        break;
      case 'assignment': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (l?.type === 'identifier' && r) binds.add(l.text, r);
        break;
      }
      case 'as_pattern': {
        const target = n.childForFieldName('alias')?.namedChild(0);
        const value = n.namedChild(0);
        if (target?.type === 'identifier' && value) binds.add(target.text, value);
        break;
      }
      case 'import_statement':
        for (const c of n.childrenForFieldName('name')) {
          if (!c) continue;
          if (c.type === 'aliased_import') {
            const mod = c.childForFieldName('name')!.text;
            aliases.set(c.childForFieldName('alias')!.text, mod);
            imports.push(mod);
          } else {
            imports.push(c.text);
            relImports.push(c.text);
          }
        }
        break;
      case 'import_from_statement': {
        const modNode = n.childForFieldName('module_name');
        const mod = modNode?.text ?? '';
        imports.push(mod.replace(/^\.+/, ''));
        relImports.push(mod);
        for (const c of n.childrenForFieldName('name')) {
          if (!c) continue;
          const name = c.type === 'aliased_import' ? c.childForFieldName('name')!.text : c.text;
          const alias = c.type === 'aliased_import' ? c.childForFieldName('alias')!.text : c.text;
          aliases.set(alias, `${mod.replace(/^\.+/, '')}.${name}`);
        }
        break;
      }
      case 'string':
        if (strings.length < 2000) strings.push(n.text.slice(0, 4000));
        break;
    }
  }

  const via = follower();
  const nameOf = (n: TS.Node | null, depth = 0): string => {
    if (!n || depth > MAX_EVAL_DEPTH) return '?';
    switch (n.type) {
      case 'identifier': {
        const a = aliases.get(n.text);
        if (a) return a;
        const b = binds.one(n.text);
        if (b && (b.type === 'call' || b.type === 'attribute' || b.type === 'identifier')) return via(b, () => nameOf(b, depth + 1), n.text);
        return n.text;
      }
      case 'attribute':
        return `${nameOf(n.childForFieldName('object'), depth + 1)}.${n.childForFieldName('attribute')?.text ?? '?'}`;
      case 'call':
        return `${nameOf(n.childForFieldName('function'), depth + 1)}()`;
      case 'await':
      case 'parenthesized_expression':
        return nameOf(n.namedChild(0), depth + 1);
      default:
        return n.type === 'string' ? 'str' : '?';
    }
  };

  const valueOf = (n: TS.Node | null, depth = 0): V => {
    if (!n || depth > MAX_EVAL_DEPTH) return UNKNOWN;
    switch (n.type) {
      case 'string':
        return stringValue(n, depth);
      case 'concatenated_string':
        return n.namedChildren.map((c) => asText(valueOf(c, depth + 1))).join('');
      case 'integer':
      case 'float':
        return Number(n.text);
      case 'true':
        return true;
      case 'false':
        return false;
      case 'none':
        return null;
      case 'parenthesized_expression':
        return valueOf(n.namedChild(0), depth + 1);
      case 'binary_operator': {
        const op = n.childForFieldName('operator')?.text;
        const l = valueOf(n.childForFieldName('left'), depth + 1);
        const r = valueOf(n.childForFieldName('right'), depth + 1);
        if (op === '+' && (typeof l === 'string' || typeof r === 'string')) return asText(l) + asText(r);
        if (op === '%' && typeof l === 'string') return l.replace(/%[sdr]/g, HOLE);
        return UNKNOWN;
      }
      case 'list':
      case 'tuple':
        return n.namedChildren.filter((c): c is TS.Node => c !== null).map((c) => valueOf(c, depth + 1));
      case 'dictionary': {
        const o: Record<string, V> = {};
        for (const p of n.namedChildren) {
          if (p?.type !== 'pair') continue;
          const k = valueOf(p.childForFieldName('key'), depth + 1);
          if (typeof k === 'string') o[k] = valueOf(p.childForFieldName('value'), depth + 1);
        }
        return o;
      }
      case 'identifier': {
        if (n.text === '__file__') return `${fileDir}/__file__`;
        const b = binds.one(n.text);
        return b ? via(b, () => valueOf(b, depth + 1), UNKNOWN) : UNKNOWN;
      }
      case 'subscript': {
        const obj = nameOf(n.childForFieldName('value'));
        const key = valueOf(n.childForFieldName('subscript'), depth + 1);
        if (obj === 'os.environ' && typeof key === 'string') return env[key] ?? UNKNOWN;
        const o = valueOf(n.childForFieldName('value'), depth + 1);
        if (o && typeof o === 'object' && !Array.isArray(o) && typeof key === 'string') return (o as Record<string, V>)[key] ?? UNKNOWN;
        return UNKNOWN;
      }
      case 'call': {
        const callee = nameOf(n.childForFieldName('function'));
        const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is TS.Node => c !== null && c.type !== 'keyword_argument');
        if (/^(json\.dumps|str)$/.test(callee)) {
          const v = valueOf(args[0] ?? null, depth + 1);
          return callee === 'str' ? asText(v) : JSON.stringify(v, (_k, x: unknown) => (x === UNKNOWN ? HOLE : x));
        }
        if (/^(os\.environ\.get|os\.getenv)$/.test(callee)) {
          const k = valueOf(args[0] ?? null, depth + 1);
          if (typeof k === 'string' && env[k] !== undefined) return env[k]!;
          return args[1] ? valueOf(args[1], depth + 1) : UNKNOWN;
        }
        if (/^(os\.path\.join|pathlib\.Path|Path|os\.path\.expanduser|os\.path\.abspath|str\.strip|textwrap\.dedent)$/.test(callee)) {
          const parts = args.map((a) => asText(valueOf(a, depth + 1)));
          if (/expanduser/.test(callee)) return parts[0] ?? UNKNOWN;
          return parts.length ? parts.reduce((a, b) => (b.startsWith('/') ? b : a ? `${a.replace(/\/$/, '')}/${b}` : b)) : UNKNOWN;
        }
        if (/^(os\.path\.dirname|pathlib\.Path\(\)\.parent|Path\(\)\.parent)$/.test(callee)) {
          const v = valueOf(args[0] ?? null, depth + 1);
          return typeof v === 'string' ? v.replace(/\/[^/]*$/, '') || '/' : UNKNOWN;
        }
        if (/^(Path|pathlib\.Path)\.home$/.test(callee)) return '~';
        const fn = n.childForFieldName('function');
        if (fn?.type === 'attribute' && /^(strip|dedent|lower|upper)$/.test(fn.childForFieldName('attribute')?.text ?? '')) {
          const v = valueOf(fn.childForFieldName('object'), depth + 1);
          return typeof v === 'string' ? v.trim() : UNKNOWN;
        }
        if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
          const v = valueOf(fn.childForFieldName('object'), depth + 1);
          return typeof v === 'string' ? v.replace(/\{[^{}]*\}/g, HOLE) : UNKNOWN;
        }
        return UNKNOWN;
      }
      case 'attribute': {
        const name = nameOf(n);
        if (/^(Path\(\)|pathlib\.Path\(\))\.parent$/.test(name)) {
          const v = valueOf(n.childForFieldName('object'), depth + 1);
          return typeof v === 'string' ? v.replace(/\/[^/]*$/, '') || '/' : UNKNOWN;
        }
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  };

  const stringValue = (n: TS.Node, depth: number): V => {
    const start = n.child(0)?.text ?? '';
    const raw = /r/i.test(start);
    let out = '';
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'string_content') out += c.text;
      else if (c.type === 'escape_sequence') out += raw ? c.text : unescape(c.text);
      else if (c.type === 'interpolation') out += asText(valueOf(c.childForFieldName('expression'), depth + 1));
    }
    if (/f/i.test(start)) out = out.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    return out;
  };

  const arg = (n: TS.Node): Arg => ({
    text: n.text,
    value: () => valueOf(n),
    name: () => nameOf(n),
    call: () => {
      const x = n.type === 'identifier' ? binds.one(n.text) ?? n : n;
      return x.type === 'call' ? site(x) : null;
    },
  });
  const site = (n: TS.Node, depth = 0): CallSite => {
    const args: Arg[] = [];
    const kwargs: Record<string, Arg> = {};
    for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const v = a.childForFieldName('value');
        if (v) kwargs[a.childForFieldName('name')?.text ?? '?'] = arg(v);
      } else args.push(arg(a));
    }
    const fn = n.childForFieldName('function');
    let root: CallSite | null = null;
    let head = fn;
    while (head && (head.type === 'attribute' || head.type === 'call')) head = head.type === 'attribute' ? head.childForFieldName('object') : head.childForFieldName('function');
    if (head?.type === 'identifier') {
      const b = binds.one(head.text);
      if (b?.type === 'call' && depth < 4) root = site(b, depth + 1);
    } else if (head?.type === 'call' && depth < 4) root = site(head, depth + 1);
    return { callee: nameOf(fn), args, kwargs, line: n.startPosition.row + 1, root };
  };
  return { calls: callNodes.map(site), imports, relImports, strings, props: new Map() };
}

function unescape(e: string): string {
  const m: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
  if (/^\\x[0-9a-f]{2}$/i.test(e)) return String.fromCharCode(parseInt(e.slice(2), 16));
  return m[e[1] ?? ''] ?? e.slice(1);
}
