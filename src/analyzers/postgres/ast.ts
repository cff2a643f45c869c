// Small helpers over libpg-query's JSON AST: node names, qualified names, constant folding of
// WHERE clauses (a tautology like `1=1` or `x=x` deletes every row, as pg-safeupdate's README notes).
export type Node = Record<string, unknown>;

export function nodeName(n: unknown): string {
  return n && typeof n === 'object' ? (Object.keys(n)[0] ?? '') : '';
}

export function rangeVarName(r: Node | undefined): string {
  if (!r) return '?';
  return [r.catalogname, r.schemaname, r.relname].filter((x) => typeof x === 'string' && x).join('.');
}

/** A dropped object's name: `{List:{items:[String…]}}`, `{String}`, `ObjectWithArgs`, `TypeName`. */
export function objectName(o: unknown): string {
  if (!o || typeof o !== 'object') return String(o ?? '');
  const n = o as Node;
  if (n.String) return String((n.String as Node).sval ?? '');
  if (n.List) return ((n.List as Node).items as unknown[] ?? []).map(objectName).join('.');
  if (n.ObjectWithArgs) return ((n.ObjectWithArgs as Node).objname as unknown[] ?? []).map(objectName).join('.');
  if (n.TypeName) return ((n.TypeName as Node).names as unknown[] ?? []).map(objectName).filter((x) => x !== 'pg_catalog').join('.');
  if (n.RangeVar) return rangeVarName(n.RangeVar as Node);
  if (n.RoleSpec) return String((n.RoleSpec as Node).rolename ?? '');
  if (typeof n.sval === 'string') return n.sval;
  return '?';
}

/** True when the WHERE clause holds for every row (so it filters nothing). */
export function isTautology(w: Node): boolean {
  return fold(w) === true;
}

type Val = boolean | number | string | null;

function fold(n: Node): Val | undefined {
  const [name, b] = Object.entries(n)[0] ?? [];
  const body = b as Node;
  switch (name) {
    case 'A_Const':
      return constValue(body);
    case 'TypeCast': {
      const v = fold(body.arg as Node);
      const type = ((body.typeName as Node)?.names as unknown[] | undefined)?.map(objectName).pop();
      if (type === 'bool' || type === 'boolean') return typeof v === 'string' ? boolText(v) : v;
      return v;
    }
    case 'BoolExpr': {
      const args = ((body.args ?? []) as Node[]).map(fold);
      if (body.boolop === 'OR_EXPR') return args.some((a) => a === true) ? true : undefined;
      if (body.boolop === 'AND_EXPR') return args.every((a) => a === true) ? true : args.some((a) => a === false) ? false : undefined;
      if (body.boolop === 'NOT_EXPR') return args[0] === true ? false : args[0] === false ? true : undefined;
      return undefined;
    }
    case 'A_Expr': {
      if (body.kind !== 'AEXPR_OP') return undefined;
      const op = objectName(((body.name ?? []) as unknown[])[0]);
      const l = body.lexpr as Node;
      const r = body.rexpr as Node;
      // `x = x`, `id = id`: equal operands compare equal on every non-null row.
      if ((op === '=' || op === '>=' || op === '<=') && l && r && same(l, r)) return true;
      const a = l ? fold(l) : undefined;
      const c = r ? fold(r) : undefined;
      if (a === undefined || c === undefined || a === null || c === null) return undefined;
      switch (op) {
        case '=': return a === c;
        case '<>': case '!=': return a !== c;
        case '<': return a < c;
        case '>': return a > c;
        case '<=': return a <= c;
        case '>=': return a >= c;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function constValue(c: Node): Val | undefined {
  if (c.isnull) return null;
  if (c.boolval) return Boolean((c.boolval as Node).boolval);
  if (c.ival) return Number((c.ival as Node).ival ?? 0);
  if (c.fval) return Number((c.fval as Node).fval);
  if (c.sval) return String((c.sval as Node).sval ?? '');
  return undefined;
}

function boolText(s: string): boolean | undefined {
  const t = s.trim().toLowerCase();
  if (['t', 'true', 'y', 'yes', 'on', '1'].includes(t)) return true;
  if (['f', 'false', 'n', 'no', 'off', '0'].includes(t)) return false;
  return undefined;
}

/** Structural equality ignoring source positions. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, dropLoc) === JSON.stringify(b, dropLoc);
}

function dropLoc(k: string, v: unknown): unknown {
  return k === 'location' ? undefined : v;
}
