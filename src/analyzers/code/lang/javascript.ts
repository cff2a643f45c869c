// JavaScript and TypeScript (tree-sitter-javascript / -typescript / -tsx): calls and `new`,
// require/import bindings, constants, template strings and tagged templates (sql`...`, $`...`).
import type * as TS from 'web-tree-sitter';
import { Bindings, collect, follower, HOLE, MAX_EVAL_DEPTH, UNKNOWN, asText, toJson, type Arg, type CallSite, type Program, type V } from './model';

const TYPES = new Set(['call_expression', 'new_expression', 'variable_declarator', 'assignment_expression', 'import_statement', 'string', 'template_string']);
const WRAPPERS = new Set(['await_expression', 'parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion']);

/** `node:fs/promises` -> `fs`; `child_process` stays; package names stay whole. */
function moduleName(m: string): string {
  const x = m.replace(/^node:/, '');
  if (/^fs(\/promises)?$/.test(x)) return 'fs';
  if (x === 'fs-extra') return 'fs-extra';
  if (/^(execa|zx|rimraf|del|axios|got|ky|node-fetch|undici|graphql-request|superagent|shelljs|child_process)$/.test(x)) return x;
  return x;
}

export function jsProgram(root: TS.Node, env: Record<string, string | undefined>, fileDir: string): Program {
  const nodes = collect(root, TYPES);
  const binds = new Bindings();
  const aliases = new Map<string, string>();
  const imports: string[] = [];
  const relImports: string[] = [];
  const strings: string[] = [];
  const calls: TS.Node[] = [];

  const bindPattern = (pattern: TS.Node, mod: string): void => {
    for (const c of pattern.namedChildren) {
      if (!c) continue;
      if (c.type === 'shorthand_property_identifier_pattern') aliases.set(c.text, `${mod}.${c.text}`);
      else if (c.type === 'pair_pattern') {
        const v = c.childForFieldName('value');
        if (v?.type === 'identifier') aliases.set(v.text, `${mod}.${c.childForFieldName('key')?.text ?? '?'}`);
      }
    }
  };
  const requireOf = (n: TS.Node | null): string | null => {
    let x = n;
    while (x && WRAPPERS.has(x.type)) x = x.namedChild(0);
    if (x?.type !== 'call_expression') return null;
    const fn = x.childForFieldName('function');
    const a = x.childForFieldName('arguments')?.namedChild(0);
    if ((fn?.text === 'require' || fn?.type === 'import') && a?.type === 'string') return a.text.slice(1, -1);
    return null;
  };

  for (const n of nodes) {
    switch (n.type) {
      case 'call_expression':
      case 'new_expression':
        calls.push(n);
        {
          const r = requireOf(n);
          if (r) {
            imports.push(moduleName(r));
            if (/^\.\.?\//.test(r)) relImports.push(r);
          }
        }
        break;
      case 'variable_declarator': {
        const name = n.childForFieldName('name');
        const value = n.childForFieldName('value');
        if (!name || !value) break;
        const req = requireOf(value);
        if (req) {
          if (name.type === 'identifier') aliases.set(name.text, moduleName(req));
          else if (name.type === 'object_pattern') bindPattern(name, moduleName(req));
        } else if (name.type === 'identifier') binds.add(name.text, value);
        else if (name.type === 'object_pattern' && value.type === 'identifier') bindPattern(name, value.text);
        break;
      }
      case 'assignment_expression': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (l?.type === 'identifier' && r) binds.add(l.text, r);
        break;
      }
      case 'import_statement': {
        const src = n.childForFieldName('source')?.text.slice(1, -1) ?? '';
        const mod = moduleName(src);
        imports.push(mod);
        if (/^\.\.?\//.test(src)) relImports.push(src);
        const clause = n.namedChildren.find((c) => c?.type === 'import_clause');
        for (const c of clause?.namedChildren ?? []) {
          if (!c) continue;
          if (c.type === 'identifier') aliases.set(c.text, mod);
          else if (c.type === 'namespace_import') aliases.set(c.namedChild(0)?.text ?? '?', mod);
          else if (c.type === 'named_imports')
            for (const s of c.namedChildren) {
              if (s?.type !== 'import_specifier') continue;
              const name = s.childForFieldName('name')?.text ?? '?';
              aliases.set(s.childForFieldName('alias')?.text ?? name, name === 'default' ? mod : `${mod}.${name}`);
            }
        }
        break;
      }
      case 'string':
      case 'template_string':
        if (strings.length < 2000) strings.push(n.text.slice(0, 4000));
        break;
    }
  }

  const via = follower();

  const nameOf = (n: TS.Node | null, depth = 0): string => {
    if (!n || depth > MAX_EVAL_DEPTH) return '?';
    if (WRAPPERS.has(n.type)) return nameOf(n.namedChild(0), depth + 1);
    switch (n.type) {
      case 'identifier': {
        const a = aliases.get(n.text);
        if (a) return a;
        const b = binds.one(n.text);
        if (b && /^(call_expression|new_expression|member_expression|identifier|await_expression)$/.test(b.type)) return via(b, () => nameOf(b, depth + 1), n.text);
        return n.text;
      }
      case 'member_expression':
        return `${nameOf(n.childForFieldName('object'), depth + 1)}.${n.childForFieldName('property')?.text ?? '?'}`;
      case 'subscript_expression': {
        const k = valueOf(n.childForFieldName('index'), depth + 1);
        return `${nameOf(n.childForFieldName('object'), depth + 1)}.${typeof k === 'string' ? k : '?'}`;
      }
      case 'call_expression': {
        const r = requireOf(n);
        if (r) return moduleName(r);
        return `${nameOf(n.childForFieldName('function'), depth + 1)}()`;
      }
      case 'new_expression':
        return `${nameOf(n.childForFieldName('constructor'), depth + 1)}()`;
      default:
        return '?';
    }
  };

  const valueOf = (n: TS.Node | null, depth = 0): V => {
    if (!n || depth > MAX_EVAL_DEPTH) return UNKNOWN;
    if (WRAPPERS.has(n.type)) return valueOf(n.namedChild(0), depth + 1);
    switch (n.type) {
      case 'string': {
        let out = '';
        for (const c of n.namedChildren) if (c) out += c.type === 'escape_sequence' ? unescape(c.text) : c.text;
        return out;
      }
      case 'template_string': {
        let out = '';
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'template_substitution') out += asText(valueOf(c.namedChild(0), depth + 1));
          else if (c.type === 'escape_sequence') out += unescape(c.text);
          else out += c.text;
        }
        return out;
      }
      case 'number':
        return Number(n.text);
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text;
        const l = valueOf(n.childForFieldName('left'), depth + 1);
        const r = valueOf(n.childForFieldName('right'), depth + 1);
        if (op === '+' && (typeof l === 'string' || typeof r === 'string')) return asText(l) + asText(r);
        if ((op === '||' || op === '??') && l === UNKNOWN) return r;
        return UNKNOWN;
      }
      case 'array':
        return n.namedChildren.filter((c): c is TS.Node => c !== null && c.type !== 'comment').map((c) => valueOf(c, depth + 1));
      case 'object': {
        const o: Record<string, V> = {};
        for (const p of n.namedChildren) {
          if (!p) continue;
          if (p.type === 'pair') {
            const kn = p.childForFieldName('key');
            const k = kn?.type === 'property_identifier' ? kn.text : valueOf(kn, depth + 1);
            if (typeof k === 'string') o[k] = valueOf(p.childForFieldName('value'), depth + 1);
          } else if (p.type === 'shorthand_property_identifier') o[p.text] = valueOf(p, depth + 1);
        }
        return o;
      }
      case 'shorthand_property_identifier':
      case 'identifier': {
        if (n.text === '__dirname') return fileDir;
        if (n.text === '__filename') return `${fileDir}/__filename`;
        if (n.text === 'undefined') return null;
        const b = binds.one(n.text);
        return b ? via(b, () => valueOf(b, depth + 1), UNKNOWN) : UNKNOWN;
      }
      case 'member_expression': {
        const name = nameOf(n);
        const m = /^(process\.env|Deno\.env|Bun\.env|import\.meta\.env)\.(\w+)$/.exec(name);
        if (m) return env[m[2]!] ?? UNKNOWN;
        if (name === 'import.meta.dirname') return fileDir;
        const o = valueOf(n.childForFieldName('object'), depth + 1);
        const prop = n.childForFieldName('property')?.text ?? '';
        if (o && typeof o === 'object' && !Array.isArray(o)) return (o as Record<string, V>)[prop] ?? UNKNOWN;
        return UNKNOWN;
      }
      case 'call_expression': {
        const callee = nameOf(n.childForFieldName('function'));
        const argsNode = n.childForFieldName('arguments');
        const args = (argsNode?.type === 'arguments' ? argsNode.namedChildren : []).filter((c): c is TS.Node => c !== null);
        if (callee === 'JSON.stringify') {
          const v = valueOf(args[0] ?? null, depth + 1);
          return v === UNKNOWN ? UNKNOWN : toJson(v);
        }
        if (/^(path\.join|path\.resolve|path\.posix\.join)$/.test(callee)) {
          const parts = args.map((a) => asText(valueOf(a, depth + 1)));
          return parts.reduce((a, b) => (b.startsWith('/') ? b : a ? `${a.replace(/\/$/, '')}/${b}` : b), '');
        }
        if (callee === 'path.dirname') {
          const v = valueOf(args[0] ?? null, depth + 1);
          return typeof v === 'string' ? v.replace(/\/[^/]*$/, '') || '/' : UNKNOWN;
        }
        if (/^(os\.homedir|node:os\.homedir)$/.test(callee)) return '~';
        if (/^(Deno\.env\.get|process\.env\.get)$/.test(callee)) {
          const k = valueOf(args[0] ?? null, depth + 1);
          return typeof k === 'string' ? env[k] ?? UNKNOWN : UNKNOWN;
        }
        if (/^(String|\w+\.trim|\w+\.toString|String\.raw)$/.test(callee)) return args[0] ? valueOf(args[0], depth + 1) : UNKNOWN;
        const fn = n.childForFieldName('function');
        if (fn?.type === 'member_expression' && /^(trim|toString|trimStart|trimEnd)$/.test(fn.childForFieldName('property')?.text ?? '')) return valueOf(fn.childForFieldName('object'), depth + 1);
        if (fn && argsNode?.type === 'template_string' && /^(gql|graphql|String\.raw|dedent)$/.test(fn.text)) return valueOf(argsNode, depth + 1);
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  };

  const arg = (n: TS.Node): Arg => ({ text: n.text, value: () => valueOf(n), name: () => nameOf(n), call: () => {
    const x = n.type === 'identifier' ? binds.one(n.text) ?? n : n;
    return x.type === 'call_expression' || x.type === 'new_expression' ? site(x) : null;
  } });
  const site = (n: TS.Node, depth = 0): CallSite => {
    const fn = n.type === 'new_expression' ? n.childForFieldName('constructor') : n.childForFieldName('function');
    const argsNode = n.childForFieldName('arguments');
    const tagged = argsNode?.type === 'template_string';
    const args: Arg[] = tagged ? [arg(argsNode)] : (argsNode?.namedChildren ?? []).filter((c): c is TS.Node => c !== null && c.type !== 'comment').map(arg);
    let head = fn;
    while (head && (head.type === 'member_expression' || head.type === 'call_expression' || WRAPPERS.has(head.type))) head = head.type === 'member_expression' ? head.childForFieldName('object') : head.type === 'call_expression' ? head.childForFieldName('function') : head.namedChild(0);
    let root: CallSite | null = null;
    if (head?.type === 'identifier' && depth < 4) {
      let b = binds.one(head.text);
      while (b && WRAPPERS.has(b.type)) b = b.namedChild(0);
      if (b && (b.type === 'call_expression' || b.type === 'new_expression')) root = site(b, depth + 1);
    }
    return { callee: nameOf(fn), args, kwargs: {}, tagged, line: n.startPosition.row + 1, root };
  };
  return { calls: calls.map((c) => site(c)), imports, relImports, strings, props: new Map() };
}

function unescape(e: string): string {
  const m: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', '0': '\0', $: '$' };
  if (/^\\x[0-9a-f]{2}$/i.test(e)) return String.fromCharCode(parseInt(e.slice(2), 16));
  if (/^\\u[0-9a-f]{4}$/i.test(e)) return String.fromCharCode(parseInt(e.slice(2), 16));
  return m[e[1] ?? ''] ?? e.slice(1);
}

export { HOLE };
