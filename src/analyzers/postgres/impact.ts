// PostgreSQL: rows and sizes of the tables a DROP/TRUNCATE/DELETE/UPDATE reaches, and what
// CASCADE takes with it. One psql session with the command's own connection parameters, forced
// read-only (default_transaction_read_only) with a statement timeout, killed at the deadline.
import type { Command, Fact } from '../../types';
import { formatBytes } from '../../util/format-bytes';

export { formatBytes };
import { minimalEnv, requireTrusted } from '../../util/trusted-bin';
import { run } from '../../util/bounded-run';
import type { Impact, Lookup, LookupContext } from '../providers';

const CLASSES = new Set(['drop', 'truncate', 'delete', 'update', 'delete-all', 'update-all']);
const ROW_CLASSES = new Set(['delete', 'update', 'delete-all', 'update-all']);

export interface PgTable {
  name: string;
  rows: number;
  /** exact (count(*)) or estimate (planner statistics, for big tables). */
  rowsKind: 'exact' | 'estimate';
  bytes: number;
}

export interface PgImpact {
  tables: PgTable[];
  /** Tables whose foreign keys point at the affected ones (TRUNCATE CASCADE empties them too). */
  referencing: string[];
  /** Views and other objects that depend on them (DROP ... CASCADE drops them). */
  dependents: string[];
  missing: string[];
  /** DELETE/UPDATE with a WHERE: rows it matches (null when not counted: big table). */
  matching?: number | null;
}

/** Quoted SQL literal. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Tables the statement names, as regclass-able names; for schemas, every table in them. */
export function lookupSql(fact: Fact): string | null {
  const objects = (Array.isArray(fact.objects) ? fact.objects : []).map(String).filter(Boolean);
  if (!objects.length) return null;
  const type = String(fact.objectType ?? 'table');
  const arr = `ARRAY[${objects.map(lit).join(',')}]::text[]`;
  // Exact counts for tables up to a million estimated rows, estimates above (cheap either way).
  const count = `CASE WHEN c.reltuples > 1000000 THEN c.reltuples::bigint ELSE (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %s', c.oid::regclass), false, true, '')))[1]::text::bigint END`;
  const kind = `CASE WHEN c.reltuples > 1000000 THEN 'estimate' ELSE 'exact' END`;
  let rels: string;
  if (type === 'schema') rels = `SELECT c.oid AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(${arr}) AND c.relkind IN ('r','p')`;
  else if (type === 'table' || type === 'materialized view') rels = `SELECT to_regclass(o)::oid AS oid FROM unnest(${arr}) o WHERE to_regclass(o) IS NOT NULL`;
  else return null;
  return `WITH rel AS (${rels}),
t AS (SELECT c.oid, c.oid::regclass::text AS name, ${count} AS rows, ${kind} AS kind, pg_total_relation_size(c.oid) AS bytes FROM pg_class c WHERE c.oid IN (SELECT oid FROM rel))
SELECT json_build_object(
  'tables', (SELECT coalesce(json_agg(json_build_object('name', name, 'rows', rows, 'rowsKind', kind, 'bytes', bytes) ORDER BY name), '[]') FROM t),
  'referencing', (SELECT coalesce(json_agg(DISTINCT conrelid::regclass::text), '[]') FROM pg_constraint WHERE contype = 'f' AND confrelid IN (SELECT oid FROM t) AND conrelid NOT IN (SELECT oid FROM t)),
  'dependents', (SELECT coalesce(json_agg(DISTINCT v.oid::regclass::text), '[]') FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class WHERE d.refobjid IN (SELECT oid FROM t) AND v.oid NOT IN (SELECT oid FROM t)),
  'missing', (SELECT coalesce(json_agg(o), '[]') FROM unnest(${arr}) o WHERE ${type === 'schema' ? `NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = o)` : 'to_regclass(o) IS NULL'})${matchingSql(fact)})`;
}

/**
 * DELETE/UPDATE ... WHERE: rows the WHERE matches, counted with the same WHERE (re-emitted by the
 * analyzer from a whitelist and proven by re-parsing, src/analyzers/postgres/where.ts), on tables
 * up to a million estimated rows. The WHERE reaches the server as a quoted literal inside format().
 */
function matchingSql(fact: Fact): string {
  if (!ROW_CLASSES.has(String(fact.class)) || typeof fact.where !== 'string' || !fact.where) return '';
  const count = `format('SELECT count(*) AS n FROM %s WHERE %s', c.oid::regclass, ${lit(fact.where)})`;
  return `,
  'matching', (SELECT CASE WHEN c.reltuples > 1000000 THEN NULL ELSE (xpath('/row/n/text()', query_to_xml(${count}, false, true, '')))[1]::text::bigint END FROM pg_class c WHERE c.oid IN (SELECT oid FROM t) LIMIT 1)`;
}

/** The lookup in an explicit read-only transaction (besides the session default), rolled back. */
export function readOnlySql(sql: string, statementTimeoutMs: number): string {
  return `BEGIN TRANSACTION READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}; ${sql}; ROLLBACK;`;
}

/** libpq environment for the command's connection: its own flags/assignments, then the session's. */
export function connectionEnv(fact: Fact, command: Command | null, env: Record<string, string | undefined>, statementTimeoutMs: number): Record<string, string | undefined> {
  // Only the connection variables: PERL5OPT, LD_PRELOAD and the like never reach the helper.
  const e: Record<string, string | undefined> = minimalEnv('pg', env);
  for (const [k, v] of Object.entries(command?.env ?? {})) if (v !== null && /^PG|^DATABASE_URL$/.test(k)) e[k] = v;
  if (fact.host) e.PGHOST = String(fact.host);
  if (fact.port) e.PGPORT = String(fact.port);
  if (fact.user) e.PGUSER = String(fact.user);
  if (fact.database) e.PGDATABASE = String(fact.database);
  // Read-only for the whole session: even a function with side effects cannot write.
  e.PGOPTIONS = `${e.PGOPTIONS ?? ''} -c default_transaction_read_only=on -c statement_timeout=${Math.max(1, Math.floor(statementTimeoutMs))} -c lock_timeout=${Math.max(1, Math.floor(statementTimeoutMs / 2))}`.trim();
  e.PGCONNECT_TIMEOUT = String(Math.max(1, Math.ceil(statementTimeoutMs / 1000)));
  e.PGAPPNAME = 'airlock-impact';
  e.PSQLRC = '/dev/null';
  return e;
}

/** A conninfo string (URI or key=value) on the command line carries what flags do not (password, sslmode). */
function conninfoArg(command: Command | null): string | null {
  for (const w of command?.argv.slice(1) ?? []) {
    const v = w.value ?? '';
    if (/^postgres(ql)?:\/\//i.test(v) || /^(host|dbname|user|port)=/.test(v)) return v;
  }
  return null;
}

export function describePg(p: PgImpact, fact: Fact): string[] {
  const lines: string[] = [];
  const where = `database ${String(fact.database ?? '?')} on ${String(fact.host ?? 'local socket')}${fact.port ? `:${String(fact.port)}` : ''}`;
  if (!p.tables.length) lines.push(`no such table in ${where}${p.missing.length ? ` (${p.missing.join(', ')})` : ''}`);
  const rowsVerb = fact.class === 'update' || fact.class === 'update-all' ? 'updated' : 'deleted';
  if (ROW_CLASSES.has(String(fact.class)) && p.tables.length) {
    if (typeof p.matching === 'number') lines.push(`${p.matching} of ${p.tables[0]!.rows} rows of ${p.tables[0]!.name} match the WHERE and would be ${rowsVerb}`);
    else if (fact.whereUncounted || fact.where) lines.push(`rows matching the WHERE not counted (${fact.where ? 'table too big to count' : 'the condition calls functions or subqueries'}); the table has ${p.tables[0]!.rows}`);
    else lines.push(`all ${p.tables[0]!.rows} rows of ${p.tables[0]!.name} would be ${rowsVerb} (no WHERE)`);
  }
  for (const t of p.tables) lines.push(`table ${t.name}: ${t.rowsKind === 'estimate' ? '~' : ''}${t.rows} rows, ${formatBytes(t.bytes)} (${where})`);
  if (p.tables.length > 1) lines.push(`in all: ${p.tables.reduce((s, t) => s + t.rows, 0)} rows in ${p.tables.length} tables`);
  if (p.referencing.length) {
    const what = fact.class === 'truncate' ? (fact.cascade ? 'CASCADE also empties' : 'referenced by') : fact.cascade ? 'CASCADE drops the foreign keys of' : 'referenced by';
    lines.push(`${what}: ${p.referencing.join(', ')}`);
  }
  if (p.dependents.length) lines.push(`${fact.cascade ? 'CASCADE also drops' : 'depended on by'}: ${p.dependents.join(', ')}`);
  return lines;
}

export async function postgresImpact(fact: Fact, ctx: LookupContext): Promise<Impact | null> {
  if (fact.type !== 'sql' || !CLASSES.has(String(fact.class))) return null;
  const sql = lookupSql(fact);
  if (!sql) return null;
  const left = Math.max(1, ctx.deadline - Date.now());
  const env = connectionEnv(fact, ctx.command, ctx.env, left);
  const conn = conninfoArg(ctx.command);
  const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...(conn ? ['-d', conn] : []), '-c', readOnlySql(sql, left)];
  const r = await run(requireTrusted('psql', ctx.env, ctx.cwd), args, { env, signal: ctx.signal, cwd: ctx.cwd });
  if (r.code !== 0) throw new Error(`psql: ${r.stderr.trim().split('\n')[0] || `exit ${r.code}`}`);
  const p = JSON.parse(r.stdout.trim()) as PgImpact;
  return { source: 'postgres', status: 'looked-up', summary: describePg(p, fact), details: { ...p, database: fact.database, host: fact.host } };
}

/** The family's impact lookup (its declaration's `impact`), loaded by src/impact through the generated table. */
export const lookup: Lookup = postgresImpact;
