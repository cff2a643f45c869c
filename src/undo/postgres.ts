// PostgreSQL: pg_dump (custom format) of exactly the tables or schemas about to be dropped or
// truncated, with the command's connection parameters, into the checkpoint (outside the
// database's volume). Restore: pg_restore into the same database; data only for a TRUNCATE.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Command, Fact } from '../types';
import { minimalEnv, requireTrusted } from '../util/trusted-bin';
import type { SavedItem } from './store';

type Env = Record<string, string | undefined>;
type PgItem = Extract<SavedItem, { kind: 'postgres' }>;

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

export function savePostgres(fact: Fact, command: Command | null, into: string, env: Env = process.env): PgItem {
  const conn: PgItem['conn'] = {
    ...(fact.host ? { host: String(fact.host) } : {}),
    ...(fact.port ? { port: String(fact.port) } : {}),
    ...(fact.user ? { user: String(fact.user) } : {}),
    ...(fact.database ? { database: String(fact.database) } : {}),
  };
  const conninfo = conninfoOf(command);
  const dump = path.join(into, `postgres-${String(fact.database ?? 'db')}-${fs.readdirSync(into).length}.dump`);
  execFileSync(requireTrusted('pg_dump', env), ['-Fc', '-f', dump, ...dumpArgs(fact), ...(conninfo ? ['-d', conninfo] : [])], {
    env: pgEnv(conn, env, command) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  });
  // The conninfo may hold a password: it is not written to the manifest; restore uses PG* / ~/.pgpass.
  return { kind: 'postgres', dump, objects: (fact.objects as string[]).map(String), objectType: String(fact.objectType ?? 'table'), class: String(fact.class), conn, bytes: fs.statSync(dump).size };
}

export function restorePostgres(item: PgItem, env: Env = process.env): string[] {
  const dataOnly = item.class === 'truncate';
  execFileSync(requireTrusted('pg_restore', env), ['--no-owner', '--exit-on-error', ...(dataOnly ? ['--data-only'] : []), '-d', item.conn.database ?? '', item.dump], {
    env: pgEnv(item.conn, env) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  });
  return [`${item.objectType} ${item.objects.join(', ')} restored into ${item.conn.database ?? 'the database'}${dataOnly ? ' (rows)' : ''}`];
}
