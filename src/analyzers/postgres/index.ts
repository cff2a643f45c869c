// PostgreSQL family: psql/pgcli (SQL from every channel, parsed with libpg-query), and the client
// utilities that destroy without SQL (dropdb, dropuser, pg_restore --clean). One `sql` fact per
// statement or operation; the rulesets decide (rulesets/postgres.yaml).
import type { Analyzer, AnalyzeContext } from '../types';
import type { Command, Fact } from '../../types';
import { getopt, has, last, type OptSpec } from './getopt';
import { connFields, connTargets, dbnameLayer, envLayer, mergeConn, type Conn } from './conn';
import { analyzePsql } from './psql';
import { analyzeConsole, looksLikeSql, SQL_KEYWORDS } from './console';

const CONN_LONG = { host: { key: 'h', arg: true }, port: { key: 'p', arg: true }, username: { key: 'U', arg: true }, dbname: { key: 'd', arg: true } };

const DROP: OptSpec = { shortWithArg: 'hpU', long: { ...CONN_LONG, 'maintenance-db': { key: 'maintenance-db', arg: true } } };
const RESTORE: OptSpec = {
  shortWithArg: 'dfFIjLnNPSTthpU',
  long: { ...CONN_LONG, clean: { key: 'c', arg: false }, create: { key: 'C', arg: false }, file: { key: 'f', arg: true }, format: { key: 'F', arg: true }, jobs: { key: 'j', arg: true }, role: { key: 'role', arg: true }, list: { key: 'l', arg: false } },
};
const DUMP: OptSpec = { shortWithArg: 'dfFjnNtTZEhpUS', long: { ...CONN_LONG, file: { key: 'f', arg: true }, format: { key: 'F', arg: true } } };

function flagConn(p: ReturnType<typeof getopt>): Conn {
  const c: Conn = {};
  for (const [k, f] of [['h', 'host'], ['p', 'port'], ['U', 'user']] as const) {
    const v = last(p, k);
    if (v === null) c.unresolved ??= `-${k}`;
    else if (v !== undefined) c[f] = v;
  }
  return c;
}

function fact(cmd: Command, tool: string, conn: Conn, fields: Record<string, unknown>): Fact {
  return { type: 'sql', command: cmd.text, tool, statement: '', top: '', objectType: '', objects: [], cascade: false, sql: '', source: 'argv', ...connFields(conn, cmd), ...fields, infra: true, targets: connTargets(conn, cmd) };
}

function dropUtility(cmd: Command, ctx: AnalyzeContext, tool: string, objectType: string): Fact[] {
  const p = getopt(cmd.argv.slice(1), DROP);
  if (has(p, '?', 'V', 'help', 'version')) return [];
  const name = p.positionals[0];
  const server = mergeConn(flagConn(p), dbnameLayer(last(p, 'maintenance-db'), '--maintenance-db'), envLayer(cmd, ctx));
  if (!name || name.value === '') return [];
  if (name.value === null) return [fact(cmd, tool, { ...server, unresolved: name.raw }, { class: 'unresolved', unresolved: true, what: `${objectType} name`, objectType, resource: name.raw })];
  // The database dropped is the positional name, not the maintenance database connected to.
  const conn = objectType === 'database' ? { ...server, database: name.value } : server;
  return [fact(cmd, tool, conn, { class: 'drop', statement: objectType === 'database' ? 'DropdbStmt' : 'DropRoleStmt', objectType, objects: [name.value], resource: name.value, cascade: has(p, 'f', 'force') })];
}

function pgRestore(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const p = getopt(cmd.argv.slice(1), RESTORE);
  if (has(p, 'l', '?', 'V', 'help', 'version')) return [];
  const db = last(p, 'd');
  // Without -d, pg_restore only writes a SQL script: nothing reaches a database.
  if (db === undefined) return [];
  const conn = mergeConn(dbnameLayer(db, '-d'), flagConn(p), envLayer(cmd, ctx));
  const archive = p.positionals[0]?.value ?? p.positionals[0]?.raw ?? 'stdin';
  const clean = has(p, 'c');
  const create = has(p, 'C');
  return [fact(cmd, 'pg_restore', conn, {
    class: clean ? 'clean' : 'restore',
    objectType: clean && create ? 'database' : 'objects',
    objects: [archive],
    resource: conn.database ?? archive,
    archive,
    create,
  })];
}

function pgDump(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const p = getopt(cmd.argv.slice(1), DUMP);
  const db = last(p, 'd') !== undefined ? last(p, 'd') : p.positionals[0]?.value;
  const conn = mergeConn(dbnameLayer(db, p.positionals[0]?.raw ?? '-d'), flagConn(p), envLayer(cmd, ctx));
  // Read-only; the fact is there so environment walls see which database is read.
  return [fact(cmd, 'pg_dump', conn, { class: 'dump', resource: conn.database ?? conn.host ?? 'database' })];
}

const analyzer: Analyzer = {
  name: 'postgres',
  analyze(cmd, ctx) {
    if (SQL_KEYWORDS.includes(cmd.program!.toLowerCase())) return looksLikeSql(cmd) ? analyzeConsole(cmd) : [];
    switch (cmd.program) {
      case 'psql':
      case 'pgcli':
        return analyzePsql(cmd, ctx, cmd.program);
      case 'dropdb':
        return dropUtility(cmd, ctx, 'dropdb', 'database');
      case 'dropuser':
        return dropUtility(cmd, ctx, 'dropuser', 'role');
      case 'pg_restore':
        return pgRestore(cmd, ctx);
      case 'pg_dump':
        return pgDump(cmd, ctx);
      default:
        return [];
    }
  },
};

export default analyzer;
