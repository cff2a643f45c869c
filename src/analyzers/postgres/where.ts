// A DELETE/UPDATE's WHERE clause re-emitted as SQL, so the impact lookup can count the rows it
// matches (SELECT count(*) FROM t WHERE <it>, read-only, with a statement timeout). Only a small
// whitelist is emitted — columns, constants, built-in comparison operators, AND/OR/NOT, IS NULL,
// IN lists, BETWEEN, LIKE — never a function call, subquery or user-defined operator (those could
// do anything when run). libpg-query 18 has no deparser, so the text is emitted here and proven
// by re-parsing it: the emitted WHERE must parse back to the same tree, else nothing is counted.
import type { Node } from './ast';
import type { Pg } from './sql-types';

const OPS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '~~', '!~~', '~~*', '!~~*']);
const KINDS = new Set(['AEXPR_OP', 'AEXPR_IN', 'AEXPR_LIKE', 'AEXPR_ILIKE', 'AEXPR_BETWEEN', 'AEXPR_NOT_BETWEEN']);

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

class Unsafe extends Error {}

function constant(c: Node): string {
  if (c.isnull) return 'NULL';
  if (c.ival !== undefined) return String((c.ival as Node).ival ?? 0);
  if (c.fval !== undefined) {
    const f = String((c.fval as Node).fval ?? '');
    if (!/^-?[0-9.eE+-]+$/.test(f)) throw new Unsafe();
    return f;
  }
  if (c.sval !== undefined) return literal(String((c.sval as Node).sval ?? ''));
  if (c.boolval !== undefined) return (c.boolval as Node).boolval ? 'true' : 'false';
  throw new Unsafe();
}

function opName(name: unknown): string {
  const parts = (name as Node[] | undefined) ?? [];
  // A schema-qualified operator (OPERATOR(s.=)) could be anyone's: only the bare built-in names.
  if (parts.length !== 1) throw new Unsafe();
  const op = String((parts[0]!.String as Node | undefined)?.sval ?? '');
  if (!OPS.has(op)) throw new Unsafe();
  return op;
}

function emit(n: Node): string {
  const [k, b] = Object.entries(n)[0] as [string, Node];
  switch (k) {
    case 'ColumnRef': {
      const fields = (b.fields as Node[]).map((f) => {
        if (!f.String) throw new Unsafe();
        return ident(String((f.String as Node).sval));
      });
      return fields.join('.');
    }
    case 'A_Const':
      return constant(b);
    case 'BoolExpr': {
      const args = (b.args as Node[]).map((a) => `(${emit(a)})`);
      if (b.boolop === 'NOT_EXPR') return `NOT ${args[0]}`;
      return args.join(b.boolop === 'AND_EXPR' ? ' AND ' : ' OR ');
    }
    case 'NullTest':
      return `(${emit(b.arg as Node)}) ${b.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL'}`;
    case 'A_Expr': {
      const kind = String(b.kind);
      if (!KINDS.has(kind)) throw new Unsafe();
      const l = `(${emit(b.lexpr as Node)})`;
      const between = kind === 'AEXPR_BETWEEN' || kind === 'AEXPR_NOT_BETWEEN';
      // BETWEEN carries its keyword as the name; every other kind a built-in operator.
      const op = between ? '' : opName(b.name);
      if (kind === 'AEXPR_IN') {
        const list = ((b.rexpr as Node).List as Node | undefined)?.items as Node[] | undefined;
        if (!list) throw new Unsafe();
        return `${l} ${op === '=' ? 'IN' : op === '<>' ? 'NOT IN' : (() => { throw new Unsafe(); })()} (${list.map(emit).join(', ')})`;
      }
      if (between) {
        const items = ((b.rexpr as Node).List as Node | undefined)?.items as Node[] | undefined;
        if (!items || items.length !== 2) throw new Unsafe();
        return `${l} ${kind === 'AEXPR_NOT_BETWEEN' ? 'NOT BETWEEN' : 'BETWEEN'} ${emit(items[0]!)} AND ${emit(items[1]!)}`;
      }
      if (kind === 'AEXPR_LIKE' || kind === 'AEXPR_ILIKE') {
        const word = `${op.startsWith('!') ? 'NOT ' : ''}${kind === 'AEXPR_ILIKE' ? 'ILIKE' : 'LIKE'}`;
        return `${l} ${word} (${emit(b.rexpr as Node)})`;
      }
      if (!b.lexpr) throw new Unsafe();
      return `${l} ${op} (${emit(b.rexpr as Node)})`;
    }
    default:
      throw new Unsafe();
  }
}

const POSITIONS = new Set(['location', 'rexpr_list_start', 'rexpr_list_end']);

/** Strips parser positions so two trees can be compared. */
function shape(n: unknown): unknown {
  if (Array.isArray(n)) return n.map(shape);
  if (n === null || typeof n !== 'object') return n;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) if (!POSITIONS.has(k)) out[k] = shape(v);
  return out;
}

/** The WHERE as SQL that means exactly the same, or null when it is not plain enough to run. */
export function safeWhere(pg: Pg, where: Node | undefined): string | null {
  if (!where) return null;
  let text: string;
  try {
    text = emit(where);
  } catch (e) {
    if (e instanceof Unsafe || e instanceof TypeError) return null;
    throw e;
  }
  try {
    const back = pg.parseSync(`SELECT 1 WHERE ${text}`).stmts?.[0]?.stmt as Node | undefined;
    const w = (back?.SelectStmt as Node | undefined)?.whereClause;
    return JSON.stringify(shape(w)) === JSON.stringify(shape(where)) ? text : null;
  } catch {
    return null;
  }
}
