// Ruby (tree-sitter-ruby): method calls with receivers (Net::HTTP.post, FileUtils.rm_rf,
// User.delete_all), backticks and %x, require_relative, constants, string interpolation, hashes.
import type * as TS from 'web-tree-sitter';
import { Bindings, collect, follower, MAX_EVAL_DEPTH, UNKNOWN, asText, toJson, type Arg, type CallSite, type Program, type V } from './model';

const TYPES = new Set(['call', 'assignment', 'subshell', 'string']);

export function rubyProgram(root: TS.Node, env: Record<string, string | undefined>, fileDir: string): Program {
  const nodes = collect(root, TYPES);
  const binds = new Bindings();
  const imports: string[] = [];
  const relImports: string[] = [];
  const strings: string[] = [];
  const calls: TS.Node[] = [];
  const subshells: TS.Node[] = [];
  const propNodes = new Map<string, TS.Node>();
  for (const n of nodes) {
    if (n.type === 'call') {
      calls.push(n);
      const m = n.childForFieldName('method')?.text;
      const a = n.childForFieldName('arguments')?.namedChild(0);
      if ((m === 'require' || m === 'require_relative') && a?.type === 'string') {
        const s = a.text.slice(1, -1);
        imports.push(s);
        if (m === 'require_relative') relImports.push(s);
      }
    } else if (n.type === 'assignment') {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (!l || !r) continue;
      if (l.type === 'identifier' || l.type === 'constant') binds.add(l.text, r);
      else if (l.type === 'call') propNodes.set(`*.${l.childForFieldName('method')?.text ?? '?'}`, r);
    } else if (n.type === 'subshell') subshells.push(n);
    else if (strings.length < 2000) strings.push(n.text.slice(0, 4000));
  }

  const via = follower();

  const nameOf = (n: TS.Node | null, depth = 0): string => {
    if (!n || depth > MAX_EVAL_DEPTH) return '?';
    switch (n.type) {
      case 'constant':
        return n.text;
      case 'scope_resolution':
        return n.text.replace(/^::/, '');
      case 'identifier': {
        const b = binds.one(n.text);
        if (b && (b.type === 'call' || b.type === 'identifier' || b.type === 'constant')) return via(b, () => nameOf(b, depth + 1), n.text);
        return n.text;
      }
      case 'call': {
        const recv = n.childForFieldName('receiver');
        const m = n.childForFieldName('method')?.text ?? '?';
        const base = recv ? `${nameOf(recv, depth + 1)}.${m}` : m;
        // A receiver that is itself a call with arguments reads as `X.new()`.
        return n.childForFieldName('arguments') && depth > 0 ? `${base}()` : base;
      }
      case 'parenthesized_statements':
        return nameOf(n.namedChild(0), depth + 1);
      default:
        return '?';
    }
  };

  const valueOf = (n: TS.Node | null, depth = 0): V => {
    if (!n || depth > MAX_EVAL_DEPTH) return UNKNOWN;
    switch (n.type) {
      case 'string':
      case 'subshell': {
        const single = n.text.startsWith("'");
        let out = '';
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'string_content') out += c.text;
          else if (c.type === 'escape_sequence') out += single ? c.text.slice(1) : unescape(c.text);
          else if (c.type === 'interpolation') out += asText(valueOf(c.namedChild(0), depth + 1));
        }
        return out;
      }
      case 'simple_symbol':
        return n.text.slice(1);
      case 'hash_key_symbol':
        return n.text;
      case 'integer':
      case 'float':
        return Number(n.text);
      case 'true':
        return true;
      case 'false':
        return false;
      case 'nil':
        return null;
      case 'array':
        return n.namedChildren.filter((c): c is TS.Node => c !== null).map((c) => valueOf(c, depth + 1));
      case 'hash': {
        const o: Record<string, V> = {};
        for (const p of n.namedChildren) {
          if (p?.type !== 'pair') continue;
          const k = valueOf(p.childForFieldName('key'), depth + 1);
          if (typeof k === 'string') o[k] = valueOf(p.childForFieldName('value'), depth + 1);
        }
        return o;
      }
      case 'binary': {
        const op = n.childForFieldName('operator')?.text;
        const l = valueOf(n.childForFieldName('left'), depth + 1);
        const r = valueOf(n.childForFieldName('right'), depth + 1);
        if (op === '+' && (typeof l === 'string' || typeof r === 'string')) return asText(l) + asText(r);
        if (op === '||' && l === UNKNOWN) return r;
        return UNKNOWN;
      }
      case 'identifier':
      case 'constant': {
        const b = binds.one(n.text);
        return b ? via(b, () => valueOf(b, depth + 1), UNKNOWN) : UNKNOWN;
      }
      case 'element_reference': {
        const obj = n.namedChild(0)?.text;
        const key = valueOf(n.namedChild(1), depth + 1);
        if (obj === 'ENV' && typeof key === 'string') return env[key] ?? UNKNOWN;
        return UNKNOWN;
      }
      case 'call': {
        const m = n.childForFieldName('method')?.text ?? '';
        const recv = n.childForFieldName('receiver');
        const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is TS.Node => c !== null);
        if ((m === 'to_json' || m === 'to_s') && recv) {
          const v = valueOf(recv, depth + 1);
          return m === 'to_json' ? (v === UNKNOWN ? UNKNOWN : toJson(v)) : asText(v);
        }
        if (/^(JSON\.generate|JSON\.dump)$/.test(`${recv?.text}.${m}`)) {
          const v = valueOf(args[0] ?? null, depth + 1);
          return v === UNKNOWN ? UNKNOWN : toJson(v);
        }
        if (recv?.text === 'ENV' && m === 'fetch') {
          const k = valueOf(args[0] ?? null, depth + 1);
          return typeof k === 'string' ? env[k] ?? (args[1] ? valueOf(args[1], depth + 1) : UNKNOWN) : UNKNOWN;
        }
        if (recv?.text === 'File' && (m === 'join' || m === 'expand_path')) {
          const parts = args.map((a) => asText(valueOf(a, depth + 1)));
          return parts.reduce((a, b) => (b.startsWith('/') ? b : a ? `${a.replace(/\/$/, '')}/${b}` : b), '');
        }
        if (recv?.text === 'Dir' && m === 'home') return '~';
        if (m === '__dir__') return fileDir;
        if ((m === 'strip' || m === 'squish' || m === 'freeze') && recv) return valueOf(recv, depth + 1);
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  };

  const arg = (n: TS.Node): Arg => ({ text: n.text, value: () => valueOf(n), name: () => nameOf(n), call: () => {
      const x = n.type === 'identifier' ? binds.one(n.text) ?? n : n;
      return x.type === 'call' ? site(x) : null;
    } });
  const site = (n: TS.Node, depth = 0): CallSite => {
    const args: Arg[] = [];
    const kwargs: Record<string, Arg> = {};
    const loose: TS.Node[] = [];
    for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) {
      if (!a) continue;
      if (a.type === 'pair' && a.childForFieldName('key')?.type === 'hash_key_symbol') {
        const v = a.childForFieldName('value');
        if (v) kwargs[a.childForFieldName('key')!.text] = arg(v);
      } else if (a.type === 'pair') loose.push(a);
      else args.push(arg(a));
    }
    // `post(uri, body, "Content-Type" => "x")`: trailing `=>` pairs are one hash argument.
    if (loose.length) {
      const text = loose.map((p) => p.text).join(', ');
      args.push({ text, value: () => Object.fromEntries(loose.map((p) => [asText(valueOf(p.childForFieldName('key'))), valueOf(p.childForFieldName('value'))])), name: () => '?', call: () => null });
    }
    const recv = n.childForFieldName('receiver');
    const m = n.childForFieldName('method')?.text ?? '?';
    let root: CallSite | null = null;
    if (recv?.type === 'identifier' && depth < 4) {
      const b = binds.one(recv.text);
      if (b?.type === 'call') root = site(b, depth + 1);
    } else if (recv?.type === 'call' && depth < 4) root = site(recv, depth + 1);
    const callee = recv ? `${nameOf(recv, 1)}.${m}` : m;
    return { callee, args, kwargs, line: n.startPosition.row + 1, root };
  };
  const props = new Map<string, Arg>();
  for (const [k, v] of propNodes) props.set(k, arg(v));
  const out: CallSite[] = calls.map((c) => site(c));
  for (const s of subshells) out.push({ callee: '`', args: [arg(s)], kwargs: {}, line: s.startPosition.row + 1 });
  return { calls: out, imports, relImports, strings, props };
}

function unescape(e: string): string {
  const m: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
  return m[e[1] ?? ''] ?? e.slice(1);
}
