// SQL text -> classified statements, with the real PostgreSQL parser (libpg-query, WASM).
// The whole AST is walked, so a DELETE inside a CTE, a PREPARE or EXPLAIN ANALYZE is found too;
// string literals are data (SELECT 'drop table x' is a SELECT).
import { nodeName, rangeVarName, objectName, isTautology, type Node } from './ast';
import { plpgsqlItems } from './plpgsql';
import { safeWhere } from './where';
import type { Pg, SqlItem } from './sql-types';

export type { Pg, SqlItem };

let loading: Promise<Pg> | null = null;

/** libpg-query, loaded on first use only (≈35 ms), the WASM init shared by every later call. */
export function loadPg(): Promise<Pg> {
  if (!loading) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('libpg-query') as Pg & { loadModule(): Promise<void> };
    loading = mod.loadModule().then(() => mod);
    loading.catch(() => (loading = null));
  }
  return loading;
}

const MAX_DEPTH = 6;

export function analyzeSql(pg: Pg, text: string, depth = 0): SqlItem[] {
  if (!text.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|[\s;]/g, '')) return [];
  let parsed: ReturnType<Pg['parseSync']>;
  try {
    parsed = pg.parseSync(text);
  } catch (e) {
    return [unparsed(text, (e as Error).message)];
  }
  const buf = Buffer.from(text, 'utf8');
  const out: SqlItem[] = [];
  for (const s of parsed.stmts ?? []) {
    const top = nodeName(s.stmt);
    const start = s.stmt_location ?? 0;
    const sql = shorten(buf.subarray(start, s.stmt_len ? start + s.stmt_len : undefined).toString('utf8'));
    const found: SqlItem[] = [];
    walk(s.stmt, (name, body) => {
      for (const it of classify(pg, name, body, depth)) found.push({ statement: name, top, objectType: '', objects: [], cascade: false, sql, ...it });
    });
    out.push(...(found.length ? found : [{ class: plainClass(top), statement: top, top, objectType: '', objects: [], cascade: false, sql }]));
  }
  return out;
}

export function unparsed(text: string, why: string): SqlItem {
  return { class: 'unparsed', statement: '', top: '', objectType: '', objects: [], cascade: false, sql: shorten(text), detail: why };
}

function shorten(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > 200 ? t.slice(0, 197) + '...' : t;
}

/** Visit every node object (`{"DeleteStmt": {...}}`) anywhere under `n`. */
function walk(n: unknown, visit: (name: string, body: Node) => void): void {
  if (Array.isArray(n)) {
    for (const x of n) walk(x, visit);
    return;
  }
  if (n === null || typeof n !== 'object') return;
  for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
    if (/^[A-Z]/.test(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      visit(k, v as Node);
      // Plain EXPLAIN plans without running; EXPLAIN ANALYZE runs the statement.
      if (k === 'ExplainStmt' && !hasOption(v as Node, 'analyze')) continue;
    }
    walk(v, visit);
  }
}

function hasOption(body: Node, name: string): boolean {
  const opts = (body.options ?? []) as Node[];
  return opts.some((o) => (o.DefElem as Node | undefined)?.defname === name);
}

const DANGEROUS_FUNCS = new Set(['pg_terminate_backend', 'pg_cancel_backend', 'lo_unlink', 'dblink_exec', 'pg_drop_replication_slot', 'pg_write_file', 'pg_file_write', 'pg_file_unlink', 'pg_promote', 'pg_replication_origin_drop']);

type Partial = { class: string; statement?: string; objectType?: string; objects?: string[]; cascade?: boolean; detail?: string; where?: string; whereUncounted?: boolean };

function classify(pg: Pg, name: string, b: Node, depth: number): Partial[] {
  const cascade = b.behavior === 'DROP_CASCADE';
  switch (name) {
    case 'DropdbStmt':
      return [{ class: 'drop', objectType: 'database', objects: [String(b.dbname)], cascade: hasOption(b, 'force') }];
    case 'DropStmt': {
      const type = String(b.removeType ?? '').replace(/^OBJECT_/, '').toLowerCase().replace('matview', 'materialized_view').replace(/_/g, '-');
      return [{ class: 'drop', objectType: type, objects: ((b.objects ?? []) as unknown[]).map(objectName), cascade }];
    }
    case 'DropRoleStmt':
      return [{ class: 'drop', objectType: 'role', objects: roles(b.roles) }];
    case 'DropTableSpaceStmt':
      return [{ class: 'drop', objectType: 'tablespace', objects: [String(b.tablespacename)] }];
    case 'DropSubscriptionStmt':
      return [{ class: 'drop', objectType: 'subscription', objects: [String(b.subname)] }];
    case 'DropOwnedStmt':
      return [{ class: 'drop-owned', objectType: 'role', objects: roles(b.roles), cascade }];
    case 'ReassignOwnedStmt':
      return [{ class: 'reassign-owned', objectType: 'role', objects: roles(b.roles) }];
    case 'TruncateStmt':
      return [{ class: 'truncate', objectType: 'table', objects: ((b.relations ?? []) as Node[]).map((r) => rangeVarName(r.RangeVar as Node)), cascade }];
    case 'DeleteStmt':
    case 'UpdateStmt': {
      const all = !b.whereClause || isTautology(b.whereClause as Node);
      const verb = name === 'DeleteStmt' ? 'delete' : 'update';
      const where = b.whereClause ? safeWhere(pg, b.whereClause as Node) : null;
      const counted = where ? { where } : b.whereClause ? { whereUncounted: true } : {};
      return [{ class: all ? `${verb}-all` : verb, objectType: 'table', objects: [rangeVarName(b.relation as Node)], ...counted }];
    }
    case 'MergeStmt': {
      const del = ((b.mergeWhenClauses ?? []) as Node[]).some((c) => (c.MergeWhenClause as Node | undefined)?.commandType === 'CMD_DELETE');
      return del ? [{ class: 'merge-delete', objectType: 'table', objects: [rangeVarName(b.relation as Node)] }] : [];
    }
    case 'AlterTableStmt': {
      const table = rangeVarName(b.relation as Node);
      const out: Partial[] = [];
      for (const c of (b.cmds ?? []) as Node[]) {
        const cmd = c.AlterTableCmd as Node | undefined;
        const kind = cmd?.subtype === 'AT_DropColumn' ? 'alter-drop-column' : cmd?.subtype === 'AT_DropConstraint' ? 'alter-drop-constraint' : cmd?.subtype === 'AT_DetachPartition' ? 'alter-detach-partition' : null;
        if (kind) out.push({ class: kind, objectType: kind === 'alter-drop-column' ? 'column' : 'constraint', objects: [cmd?.name ? `${table}.${String(cmd.name)}` : table], cascade: cmd?.behavior === 'DROP_CASCADE' });
      }
      return out;
    }
    case 'CopyStmt':
      return b.is_program ? [{ class: 'copy-program', objectType: 'program', objects: [String(b.filename ?? '')], detail: String(b.filename ?? '') }] : [];
    case 'DoStmt':
      return depth >= MAX_DEPTH ? [{ class: 'do-dynamic', detail: 'nesting too deep' }] : plpgsqlItems(pg, b, depth, analyzeSql);
    case 'GrantStmt':
      return b.is_grant ? [] : [{ class: 'revoke', objectType: String(b.objtype ?? '').replace(/^OBJECT_/, '').toLowerCase(), objects: ((b.objects ?? []) as unknown[]).map(objectName) }];
    case 'VacuumStmt':
      return hasOption(b, 'full') ? [{ class: 'vacuum-full', objectType: 'table', objects: ((b.rels ?? []) as Node[]).map((r) => rangeVarName((r.VacuumRelation as Node | undefined)?.relation as Node)) }] : [];
    case 'AlterSystemStmt':
      return [{ class: 'alter-system' }];
    case 'RenameStmt':
      return [{ class: 'rename', objectType: String(b.renameType ?? '').replace(/^OBJECT_/, '').toLowerCase(), objects: [b.relation ? rangeVarName(b.relation as Node) : String(b.subname ?? objectName(b.object))] }];
    case 'FuncCall': {
      const fn = ((b.funcname ?? []) as unknown[]).map(objectName).pop() ?? '';
      return DANGEROUS_FUNCS.has(fn.toLowerCase()) ? [{ class: 'dangerous-function', objectType: 'function', objects: [fn] }] : [];
    }
    default:
      return [];
  }
}

function roles(list: unknown): string[] {
  return ((list ?? []) as Node[]).map((r) => String((r.RoleSpec as Node | undefined)?.rolename ?? (r.RoleSpec as Node | undefined)?.roletype ?? '?'));
}

function plainClass(top: string): string {
  if (top === 'SelectStmt' || top === 'ExplainStmt' || top === 'VariableShowStmt') return 'read';
  if (top === 'InsertStmt' || top === 'CopyStmt') return 'write';
  if (/^(Create|Alter|Index|Comment|Define|Composite|CreateEnum)/.test(top)) return 'ddl';
  return 'other';
}
