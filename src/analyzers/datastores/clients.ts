// SQL through clients other than psql/mysql/sqlite3: duckdb, litecli, usql, clickhouse-client,
// cqlsh, sqlcmd, snowsql, bq query, heroku pg:psql, wrangler d1 execute, prisma db execute.
// Each one's SQL (option, file, positional or stdin) is classified like mysql's, with the target
// host, account, app or database taken into the environment decision.
import type { Command, Fact, Word } from '../../types';
import type { AnalyzeContext } from '../types';
import { pipeText } from '../../shell/stdin';
import { opt, optAll, parseArgs, type Args } from '../../argv/options';
import { cliFact, show, target } from '../cli-fact';
import { sqlFacts } from './mysql';

interface Client {
  /** The tool name facts carry (rules list it). */
  tool: string;
  /** Leading words that select the SQL-running subcommand (`pg:psql`, `d1 execute`). */
  sub: string[];
  withValue: string[];
  sql: string[];
  files: string[];
  /** SQL given as positionals after this many leading positionals (duckdb FILE SQL, bq query SQL). */
  sqlPos?: number;
  stdinFlag?: string;
  host?: string[];
  db?: string[];
  /** Positional that names the database / file / URL. */
  dbPos?: number;
  /** Local-only unless a flag says remote (wrangler --remote). */
  remoteFlag?: string;
  local?: boolean;
}

const CLIENTS: Record<string, Client> = {
  duckdb: { tool: 'duckdb', sub: [], withValue: ['-c', '-s', '-f', '-init', '-cmd'], sql: ['-c', '-s', '-cmd'], files: ['-f'], sqlPos: 1, dbPos: 0, local: true },
  litecli: { tool: 'litecli', sub: [], withValue: ['-e', '--execute', '-D', '--database', '--logfile'], sql: ['-e', '--execute'], files: [], dbPos: 0, local: true },
  usql: { tool: 'usql', sub: [], withValue: ['-c', '--command', '-f', '--file', '-o', '--out', '-v', '--set', '-U', '--username'], sql: ['-c', '--command'], files: ['-f', '--file'], dbPos: 0 },
  'clickhouse-client': { tool: 'clickhouse-client', sub: [], withValue: ['-q', '--query', '--queries-file', '-h', '--host', '--port', '-u', '--user', '--password', '-d', '--database', '--format', '-f', '--config-file', '-C'], sql: ['-q', '--query'], files: ['--queries-file'], host: ['-h', '--host'], db: ['-d', '--database'] },
  cqlsh: { tool: 'cqlsh', sub: [], withValue: ['-e', '--execute', '-f', '--file', '-k', '--keyspace', '-u', '--username', '-p', '--password', '--cqlshrc', '--request-timeout', '--connect-timeout', '--encoding'], sql: ['-e', '--execute'], files: ['-f', '--file'], dbPos: 0, db: ['-k', '--keyspace'] },
  sqlcmd: { tool: 'sqlcmd', sub: [], withValue: ['-Q', '-q', '-i', '-S', '-d', '-U', '-P', '-o', '-v', '-h', '-s', '-w', '-l', '-t'], sql: ['-Q', '-q'], files: ['-i'], host: ['-S'], db: ['-d'] },
  snowsql: { tool: 'snowsql', sub: [], withValue: ['-q', '--query', '-f', '--filename', '-a', '--accountname', '-u', '--username', '-d', '--dbname', '-s', '--schemaname', '-r', '--rolename', '-w', '--warehouse', '-c', '--connection', '-o', '--option'], sql: ['-q', '--query'], files: ['-f', '--filename'], host: ['-a', '--accountname', '-c', '--connection'], db: ['-d', '--dbname'] },
  bq: { tool: 'bq', sub: ['query'], withValue: ['--project_id', '--location', '--destination_table', '--parameter', '--format', '--max_rows', '--job_id'], sql: [], files: [], sqlPos: 0, host: ['--project_id'] },
  heroku: { tool: 'heroku pg:psql', sub: ['pg:psql'], withValue: ['-c', '--command', '-f', '--file', '-a', '--app', '-r', '--remote', '--credential'], sql: ['-c', '--command'], files: ['-f', '--file'], host: ['-a', '--app', '-r', '--remote'], dbPos: 0 },
  wrangler: { tool: 'wrangler d1', sub: ['d1', 'execute'], withValue: ['--command', '--file', '--env', '-e', '--config', '-c', '--persist-to'], sql: ['--command'], files: ['--file'], dbPos: 0, remoteFlag: '--remote', host: ['--env', '-e'] },
  prisma: { tool: 'prisma db execute', sub: ['db', 'execute'], withValue: ['--file', '--url', '--schema'], sql: [], files: ['--file'], stdinFlag: '--stdin', host: ['--url'] },
};

export const CLIENT_PROGRAMS = ['duckdb', 'litecli', 'usql', 'clickhouse-client', 'clickhouse', 'cqlsh', 'sqlcmd', 'snowsql', 'bq', 'heroku', 'wrangler', 'prisma'];

function hostOf(v: string | null | undefined): string | null | undefined {
  if (!v) return v;
  const m = /^[a-z][\w+.-]*:\/\/(?:[^@/]*@)?([^/:?]+)/i.exec(v);
  return m ? m[1] : v;
}

export function analyzeSqlClient(cmd: Command, ctx: AnalyzeContext): Fact[] {
  let program = cmd.program ?? '';
  let words: Word[] = cmd.argv.slice(1);
  if (program === 'clickhouse') {
    if (words[0]?.value !== 'client') return [];
    program = 'clickhouse-client';
    words = words.slice(1);
  }
  const spec = CLIENTS[program];
  if (!spec) return [];
  // Subcommand words may be preceded by global options (`wrangler --config x d1 execute`).
  for (const s of spec.sub) {
    const at = words.findIndex((w) => w.value === s);
    if (at < 0 || words.slice(0, at).some((w) => !(w.value ?? '').startsWith('-'))) return [];
    words = [...words.slice(0, at), ...words.slice(at + 1)];
  }
  const a: Args = parseArgs(words, { withValue: spec.withValue, noClusters: true });
  const db = (spec.db && opt(a, ...spec.db)) ?? (spec.dbPos !== undefined ? a.pos[spec.dbPos] : undefined);
  const rawHost = spec.host ? opt(a, ...spec.host) : undefined;
  const remote = spec.remoteFlag ? a.flags.includes(spec.remoteFlag) : true;
  const infra = !spec.local && remote;
  const host = hostOf(rawHost ?? (program === 'usql' ? (db ?? undefined) : undefined));
  const base = {
    tool: spec.tool,
    flags: a.flags,
    infra,
    host: show(host ?? (infra ? '' : 'localhost')),
    database: show(program === 'usql' ? undefined : db),
    targets: infra ? [...target('host', host), ...target('database', program === 'usql' ? undefined : db), ...(db && !host ? target('name', db) : [])] : target('path', db),
  };
  const sqls: (string | null)[] = [...optAll(a, ...spec.sql)];
  for (const f of optAll(a, ...spec.files)) sqls.push(f === null ? null : ctx.readFile(f));
  if (spec.sqlPos !== undefined) {
    const rest = a.pos.slice(spec.sqlPos);
    if (rest.length) sqls.push(rest.some((p) => p === null) ? null : rest.join(' '));
  }
  if (spec.stdinFlag && a.flags.includes(spec.stdinFlag)) sqls.push(cmd.stdin ? pipeText(cmd, ctx.readFile) : null);
  else if (!sqls.length && cmd.stdin && !spec.stdinFlag) sqls.push(pipeText(cmd, ctx.readFile));
  if (!sqls.length) return [cliFact(cmd, { ...base, action: 'connect', object: 'session', name: '' })];
  return sqls.flatMap((sql) => sqlFacts(cmd, base, sql, 'mysql'));
}
