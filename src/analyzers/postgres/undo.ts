// PostgreSQL: pg_dump (custom format) of exactly the tables or schemas about to be dropped or
// truncated, with the command's connection parameters, into the checkpoint (outside the
// database's volume). Restore: pg_restore into the same database; data only for a TRUNCATE.
// With CASCADE, what it reaches is saved too: dependent views (DROP), the other tables' foreign
// keys into the set (DROP: re-added after the restore), referencing tables' rows (TRUNCATE).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Command, Fact } from '../../types';
import { minimalEnv, requireTrusted } from '../../util/trusted-bin';
import type { CheckpointProvider } from '../providers';

type Env = Record<string, string | undefined>;
export interface PgItem {
  kind: 'postgres';
  dump: string;
  objects: string[];
  objectType: string;
  class: string;
  conn: { host?: string; port?: string; user?: string; database?: string; conninfo?: string };
  bytes: number;
  /** DROP ... CASCADE: ALTER TABLE ... ADD CONSTRAINT for the other tables' foreign keys it removes. */
  foreignKeys?: string;
  /** Views and tables saved besides the named objects (dropped or emptied by CASCADE). */
  alsoSaved?: string[];
}

export const DUMPABLE = new Set(['drop', 'truncate']);

function conninfoOf(command: Command | null): string | undefined {
  for (const w of command?.argv.slice(1) ?? []) {
    const v = w.value ?? '';
    if (/^postgres(ql)?:\/\//i.test(v) || /^(host|dbname|user|port)=/.test(v)) return v;
  }
  return undefined;
}

export function pgEnv(conn: PgItem['conn'], env: Env, command: Command | null = null): Env {
  const e: Env = { ...minimalEnv('pg', env), PGAPPNAME: 'airlock-undo', PGCONNECT_TIMEOUT: '10' };
  for (const [k, v] of Object.entries(command?.env ?? {})) if (v !== null && /^PG/.test(k)) e[k] = v;
  if (conn.host) e.PGHOST = conn.host;
  if (conn.port) e.PGPORT = conn.port;
  if (conn.user) e.PGUSER = conn.user;
  if (conn.database) e.PGDATABASE = conn.database;
  return e;
}

export function dumpArgs(fact: Fact): string[] {
  const objects = (Array.isArray(fact.objects) ? fact.objects : []).map(String);
  const flag = fact.objectType === 'schema' ? '-n' : '-t';
  // Quoted names reach pg_dump as patterns; a plain name matches exactly that name.
  return objects.flatMap((o) => [flag, o]);
}

const lit = (x: string) => `'${x.replace(/'/g, "''")}'`;

interface CascadeReach {
  /** ADD CONSTRAINT statements for foreign keys of other tables that point into the dropped set. */
  foreignKeys: string[];
  /** Views (and materialized views) that depend on the set: DROP ... CASCADE drops them. */
  views: string[];
  /** Tables that reference the set, transitively: TRUNCATE ... CASCADE empties them. */
  referencing: string[];
}

/** What CASCADE reaches beyond the named objects, read from the catalog before it runs. */
export function cascadeSql(fact: Fact): string | null {
  const objects = (Array.isArray(fact.objects) ? fact.objects : []).map(String).filter(Boolean);
  if (!objects.length || !fact.cascade) return null;
  const arr = `ARRAY[${objects.map(lit).join(',')}]::text[]`;
  const rels =
    fact.objectType === 'schema'
      ? `SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(${arr}) AND c.relkind IN ('r','p','v','m')`
      : `SELECT to_regclass(o)::oid FROM unnest(${arr}) o WHERE to_regclass(o) IS NOT NULL`;
  return `BEGIN TRANSACTION READ ONLY; WITH RECURSIVE s(oid) AS (${rels}),
refs(oid) AS (SELECT conrelid FROM pg_constraint WHERE contype = 'f' AND confrelid IN (SELECT oid FROM s) UNION SELECT k.conrelid FROM pg_constraint k JOIN refs r ON k.confrelid = r.oid WHERE k.contype = 'f')
SELECT json_build_object(
  'foreignKeys', (SELECT coalesce(json_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s;', conrelid::regclass, conname, pg_get_constraintdef(oid)) ORDER BY conrelid::regclass::text, conname), '[]') FROM pg_constraint WHERE contype = 'f' AND confrelid IN (SELECT oid FROM s) AND conrelid NOT IN (SELECT oid FROM s)),
  'views', (SELECT coalesce(json_agg(DISTINCT v.oid::regclass::text), '[]') FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class WHERE d.refobjid IN (SELECT oid FROM s) AND v.oid NOT IN (SELECT oid FROM s) AND v.relkind IN ('v','m')),
  'referencing', (SELECT coalesce(json_agg(DISTINCT oid::regclass::text), '[]') FROM refs WHERE oid NOT IN (SELECT oid FROM s))); ROLLBACK;`;
}

function cascadeReach(fact: Fact, conninfo: string | undefined, env: Env): CascadeReach {
  const none = { foreignKeys: [], views: [], referencing: [] };
  const sql = cascadeSql(fact);
  if (!sql) return none;
  const out = execFileSync(requireTrusted('psql', env), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...(conninfo ? ['-d', conninfo] : []), '-c', sql], {
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { ...none, ...(JSON.parse(out.trim()) as Partial<CascadeReach>) };
}

export function savePostgres(fact: Fact, command: Command | null, into: string, env: Env = process.env): PgItem {
  const conn: PgItem['conn'] = {
    ...(fact.host ? { host: String(fact.host) } : {}),
    ...(fact.port ? { port: String(fact.port) } : {}),
    ...(fact.user ? { user: String(fact.user) } : {}),
    ...(fact.database ? { database: String(fact.database) } : {}),
  };
  const conninfo = conninfoOf(command);
  const dump = path.join(into, `postgres-${String(fact.database ?? 'db')}-${fs.readdirSync(into).length}.dump`);
  const e = pgEnv(conn, env, command);
  // CASCADE reaches further than the named objects: a DROP also drops dependent views and the
  // other tables' foreign keys into them; a TRUNCATE also empties the referencing tables.
  const reach = cascadeReach(fact, conninfo, e);
  const also = fact.class === 'truncate' ? reach.referencing : fact.class === 'drop' ? reach.views : [];
  execFileSync(requireTrusted('pg_dump', env), ['-Fc', '-f', dump, ...dumpArgs(fact), ...also.flatMap((t) => ['-t', t]), ...(conninfo ? ['-d', conninfo] : [])], {
    env: e as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  });
  // The conninfo may hold a password: it is not written to the manifest; restore uses PG* / ~/.pgpass.
  let foreignKeys: string | undefined;
  if (fact.class === 'drop' && reach.foreignKeys.length) {
    foreignKeys = `${dump}.foreign-keys.sql`;
    fs.writeFileSync(foreignKeys, reach.foreignKeys.join('\n') + '\n', { mode: 0o600 });
  }
  return {
    kind: 'postgres',
    dump,
    objects: (fact.objects as string[]).map(String),
    objectType: String(fact.objectType ?? 'table'),
    class: String(fact.class),
    conn,
    bytes: fs.statSync(dump).size,
    ...(foreignKeys ? { foreignKeys } : {}),
    ...(also.length ? { alsoSaved: also } : {}),
  };
}

export function restorePostgres(item: PgItem, env: Env = process.env): string[] {
  const dataOnly = item.class === 'truncate';
  execFileSync(requireTrusted('pg_restore', env), ['--no-owner', '--exit-on-error', ...(dataOnly ? ['--data-only'] : []), '-d', item.conn.database ?? '', item.dump], {
    env: pgEnv(item.conn, env) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  });
  const notes = [`${item.objectType} ${item.objects.join(', ')}${item.alsoSaved?.length ? ` (and ${item.alsoSaved.join(', ')})` : ''} restored into ${item.conn.database ?? 'the database'}${dataOnly ? ' (rows)' : ''}`];
  if (item.foreignKeys && fs.existsSync(item.foreignKeys)) {
    // The other tables' foreign keys CASCADE removed, re-added now that what they point at is back.
    const n = fs.readFileSync(item.foreignKeys, 'utf8').split('\n').filter(Boolean).length;
    try {
      execFileSync(requireTrusted('psql', env), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-d', item.conn.database ?? '', '-f', item.foreignKeys], {
        env: pgEnv(item.conn, env) as NodeJS.ProcessEnv,
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 300_000,
      });
      notes.push(`${n} foreign key${n === 1 ? '' : 's'} of other tables re-created`);
    } catch (e) {
      // The tables are back; a key that rows written since now violate is left for the human.
      const why = String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim().split('\n')[0];
      notes.push(`the ${n} foreign key${n === 1 ? '' : 's'} of other tables were NOT re-created (${why}); the statements are in ${item.foreignKeys}`);
    }
  }
  return notes;
}

/** Tables or schemas about to be dropped or truncated: a pg_dump of exactly those. */
export const checkpoints: CheckpointProvider<PgItem> = {
  plan(fact, ctx) {
    if (!DUMPABLE.has(String(fact.class)) || (fact.objectType !== 'table' && fact.objectType !== 'schema')) return null;
    const d = ctx.impact;
    if (!ctx.once(`pg:${String(fact.host)}:${String(fact.database)}:${String(fact.objects)}`)) return null;
    if (d && Array.isArray(d.tables) && d.tables.length === 0) return { skipped: `nothing to dump: ${String(fact.objects)} not found` };
    const bytes = d && Array.isArray(d.tables) ? (d.tables as { bytes: number }[]).reduce((s, t) => s + t.bytes, 0) : null;
    return { what: `pg_dump of ${fact.objectType} ${(fact.objects as string[]).join(', ')}`, bytes };
  },
  save: (fact, ctx) => savePostgres(fact, ctx.command, ctx.dir, ctx.env),
  restore: (item, ctx) => restorePostgres(item, ctx.env),
  describe: (item) => `postgres ${item.objectType} ${item.objects.join(',')}`,
};
