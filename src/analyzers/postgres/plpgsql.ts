// DO blocks: the body is PL/pgSQL, parsed by wrapping it in a CREATE FUNCTION. Embedded SQL is
// classified like top-level SQL; EXECUTE of a constant string is parsed and classified too;
// EXECUTE of anything computed (`'DROP TABLE ' || t`, format(...)) cannot be known: do-dynamic.
import type { Node } from './ast';
import type { Pg, SqlItem } from './sql-types';

type Item = { class: string; statement?: string; objectType?: string; objects?: string[]; cascade?: boolean; detail?: string };
type Analyze = (pg: Pg, text: string, depth: number) => SqlItem[];

const TAG = '$airlock_do$';

export function plpgsqlItems(pg: Pg, doStmt: Node, depth: number, analyze: Analyze): Item[] {
  let body = '';
  let language = 'plpgsql';
  for (const a of (doStmt.args ?? []) as Node[]) {
    const d = a.DefElem as Node | undefined;
    const v = String(((d?.arg as Node | undefined)?.String as Node | undefined)?.sval ?? '');
    if (d?.defname === 'as') body = v;
    if (d?.defname === 'language') language = v.toLowerCase();
  }
  if (language !== 'plpgsql') return [{ class: 'do-dynamic', detail: `DO block in language ${language}` }];
  if (body.includes(TAG)) return [{ class: 'do-dynamic', detail: 'DO body could not be wrapped for parsing' }];
  let tree: unknown;
  try {
    tree = pg.parsePlPgSQLSync(`CREATE FUNCTION airlock_do() RETURNS void LANGUAGE plpgsql AS ${TAG}${body}${TAG}`);
  } catch (e) {
    return [{ class: 'unparsed', detail: `DO block: ${(e as Error).message}` }];
  }
  const out: Item[] = [];
  const sub = (sql: string): void => {
    for (const it of analyze(pg, sql, depth + 1)) if (!['read', 'write', 'ddl', 'other'].includes(it.class)) out.push(it);
  };
  visit(tree, (name, n) => {
    if (name === 'PLpgSQL_stmt_dynexecute' || name === 'PLpgSQL_stmt_dynfors') {
      const expr = exprText(n.query);
      const constant = constantString(pg, expr);
      if (constant === null) out.push({ class: 'do-dynamic', statement: 'DoStmt', detail: `EXECUTE ${expr}` });
      else sub(constant);
      return true;
    }
    if (name === 'PLpgSQL_expr') {
      const q = String(n.query ?? '');
      // parseMode 0 is a whole SQL statement; the others are expressions (IF cond, assignments).
      sub(n.parseMode === 0 || n.parseMode === undefined ? q : `SELECT ${q}`);
      return true;
    }
    return false;
  });
  return out;
}

function exprText(q: unknown): string {
  return String(((q as Node | undefined)?.PLpgSQL_expr as Node | undefined)?.query ?? '');
}

/** The value of an expression that is a plain string literal, else null. */
function constantString(pg: Pg, expr: string): string | null {
  try {
    const r = pg.parseSync(`SELECT ${expr}`);
    const sel = r.stmts?.length === 1 ? (r.stmts[0]!.stmt.SelectStmt as Node | undefined) : undefined;
    const targets = (sel?.targetList ?? []) as Node[];
    if (targets.length !== 1 || sel?.fromClause) return null;
    const c = ((targets[0]!.ResTarget as Node).val as Node).A_Const as Node | undefined;
    const s = (c?.sval as Node | undefined)?.sval;
    return typeof s === 'string' ? s : null;
  } catch {
    return null;
  }
}

/** Depth-first over PL/pgSQL JSON; `f` returns true when it handled a node (don't descend). */
function visit(n: unknown, f: (name: string, body: Node) => boolean): void {
  if (Array.isArray(n)) {
    for (const x of n) visit(x, f);
    return;
  }
  if (!n || typeof n !== 'object') return;
  for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
    if (k.startsWith('PLpgSQL_') && v && typeof v === 'object' && !Array.isArray(v) && f(k, v as Node)) continue;
    visit(v, f);
  }
}
