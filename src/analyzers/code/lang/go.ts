// Go (tree-sitter-go): calls by package selector (exec.Command, os.RemoveAll, http.NewRequest,
// db.Exec), import aliases, constants and `:=` bindings, string concatenation.
import type * as TS from 'web-tree-sitter';
import { Bindings, collect, follower, MAX_EVAL_DEPTH, UNKNOWN, asText, type Arg, type CallSite, type Program, type V } from './model';

const TYPES = new Set(['call_expression', 'short_var_declaration', 'var_spec', 'const_spec', 'assignment_statement', 'import_spec', 'interpreted_string_literal', 'raw_string_literal']);

export function goProgram(root: TS.Node, env: Record<string, string | undefined>, _fileDir: string): Program {
  const nodes = collect(root, TYPES);
  const binds = new Bindings();
  const aliases = new Map<string, string>();
  const imports: string[] = [];
  const strings: string[] = [];
  const calls: TS.Node[] = [];
  const bindLists = (left: TS.Node | null, right: TS.Node | null): void => {
    if (!left || !right) return;
    const ls = left.type === 'expression_list' ? left.namedChildren : [left];
    const rs = right.type === 'expression_list' ? right.namedChildren : [right];
    ls.forEach((l, i) => {
      const r = rs.length === ls.length ? rs[i] : rs.length === 1 && i === 0 ? rs[0] : null;
      if (l?.type === 'identifier' && r) binds.add(l.text, r);
    });
  };
  for (const n of nodes) {
    switch (n.type) {
      case 'call_expression':
        calls.push(n);
        break;
      case 'short_var_declaration':
      case 'assignment_statement':
        bindLists(n.childForFieldName('left'), n.childForFieldName('right'));
        break;
      case 'var_spec':
      case 'const_spec':
        bindLists(n.childForFieldName('name'), n.childForFieldName('value'));
        break;
      case 'import_spec': {
        const p = n.childForFieldName('path')?.text.slice(1, -1) ?? '';
        imports.push(p);
        const name = n.childForFieldName('name')?.text ?? p.split('/').pop()!;
        aliases.set(name, p.split('/').pop()!);
        break;
      }
      default:
        if (strings.length < 2000) strings.push(n.text.slice(0, 4000));
    }
  }
  const via = follower();
  const nameOf = (n: TS.Node | null, depth = 0): string => {
    if (!n || depth > MAX_EVAL_DEPTH) return '?';
    switch (n.type) {
      case 'identifier':
      case 'package_identifier': {
        const a = aliases.get(n.text);
        if (a) return a;
        const b = binds.one(n.text);
        if (b && (b.type === 'call_expression' || b.type === 'selector_expression')) return via(b, () => nameOf(b, depth + 1), n.text);
        return n.text;
      }
      case 'selector_expression':
        return `${nameOf(n.childForFieldName('operand'), depth + 1)}.${n.childForFieldName('field')?.text ?? '?'}`;
      case 'call_expression':
        return `${nameOf(n.childForFieldName('function'), depth + 1)}()`;
      case 'parenthesized_expression':
        return nameOf(n.namedChild(0), depth + 1);
      default:
        return n.type === 'slice_type' ? n.text : '?';
    }
  };
  const valueOf = (n: TS.Node | null, depth = 0): V => {
    if (!n || depth > MAX_EVAL_DEPTH) return UNKNOWN;
    switch (n.type) {
      case 'interpreted_string_literal': {
        let out = '';
        for (const c of n.namedChildren) if (c) out += c.type === 'escape_sequence' ? unescape(c.text) : c.text;
        return out;
      }
      case 'raw_string_literal':
        return n.text.slice(1, -1);
      case 'int_literal':
      case 'float_literal':
        return Number(n.text);
      case 'true':
        return true;
      case 'false':
        return false;
      case 'binary_expression': {
        const l = valueOf(n.childForFieldName('left'), depth + 1);
        const r = valueOf(n.childForFieldName('right'), depth + 1);
        return n.childForFieldName('operator')?.text === '+' && (typeof l === 'string' || typeof r === 'string') ? asText(l) + asText(r) : UNKNOWN;
      }
      case 'identifier': {
        const b = binds.one(n.text);
        return b ? via(b, () => valueOf(b, depth + 1), UNKNOWN) : UNKNOWN;
      }
      case 'call_expression': {
        const callee = nameOf(n.childForFieldName('function'));
        const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is TS.Node => c !== null);
        if (callee === 'os.Getenv') {
          const k = valueOf(args[0] ?? null, depth + 1);
          return typeof k === 'string' ? env[k] ?? UNKNOWN : UNKNOWN;
        }
        if (callee === 'filepath.Join' || callee === 'path.Join') {
          const parts = args.map((a) => asText(valueOf(a, depth + 1)));
          return parts.reduce((a, b) => (b.startsWith('/') ? b : a ? `${a.replace(/\/$/, '')}/${b}` : b), '');
        }
        if (callee === 'os.UserHomeDir') return '~';
        if (callee === '[]byte' || callee === 'string') return valueOf(args[0] ?? null, depth + 1);
        if (callee === 'fmt.Sprintf') {
          const f = valueOf(args[0] ?? null, depth + 1);
          if (typeof f !== 'string') return UNKNOWN;
          let i = 1;
          return f.replace(/%[-+# 0-9.]*[vsdqx]/g, () => asText(valueOf(args[i++] ?? null, depth + 1)));
        }
        return UNKNOWN;
      }
      case 'type_conversion_expression':
        return valueOf(n.childForFieldName('operand'), depth + 1);
      default:
        return UNKNOWN;
    }
  };
  const arg = (n: TS.Node): Arg => ({ text: n.text, value: () => valueOf(n), name: () => nameOf(n), call: () => {
      const x = n.type === 'identifier' ? binds.one(n.text) ?? n : n;
      return x.type === 'call_expression' ? site(x) : null;
    } });
  const site = (n: TS.Node): CallSite => ({
    callee: nameOf(n.childForFieldName('function')),
    args: (n.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is TS.Node => c !== null && c.type !== 'comment').map(arg),
    kwargs: {},
    line: n.startPosition.row + 1,
  });
  // `exec.Command(...)` where `exec` came from "os/exec": the alias map already names it `exec`.
  return { calls: calls.map(site), imports, relImports: [], strings, props: new Map() };
}

function unescape(e: string): string {
  const m: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"' };
  return m[e[1] ?? ''] ?? e.slice(1);
}
