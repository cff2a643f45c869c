// SQL handed to database drivers per language, and the connection it goes to, written back as the
// psql/mysql/sqlite3 line the datastore analyzers already judge.
import type { Target } from '../../../types';
import { HOLE, UNKNOWN, type Arg, type CallSite, type V } from '../lang/model';
import type { Judged, Lang } from '../lang/model';
import { SHELL_HOLE, obj, shq, str } from './values';

const SQL_START = /^\s*(\(|with|select|insert|update|delete|drop|truncate|alter|create|grant|revoke|copy|vacuum|do|begin|commit|rollback|merge|reindex|cluster|comment|set|reset|prepare|execute|call|lock|refresh|discard|reassign|import|analyze)\b/i;

export function looksLikeSql(s: string): boolean {
  return SQL_START.test(s);
}

export function sqlCall(lang: Lang, c: CallSite): { text: string | null; tagged: boolean } | null {
  const k = c.callee;
  const tail = /(?:^|\.)([$\w]+)$/.exec(k)?.[1] ?? '';
  let a: Arg | undefined;
  if (c.tagged && /^(sql|\$executeRaw|\$queryRaw|Prisma\.sql|db\.sql|postgres\(\)|sql\.unsafe)$|\.(\$executeRaw|\$queryRaw|sql)$/.test(k)) {
    const s = str(c.args[0]);
    return { text: s, tagged: true };
  }
  if (lang === 'python' && /^(execute|executemany|executescript|fetch|fetchrow|fetchval|mogrify|exec_driver_sql)$/.test(tail)) a = c.args[0];
  else if (lang === 'python' && /^(sqlalchemy\.)?text$/.test(k)) a = c.args[0];
  else if (lang === 'javascript' && /^(query|execute|exec|run|raw|unsafe|\$executeRawUnsafe|\$queryRawUnsafe|prepare|all|get)$/.test(tail) && k !== 'exec' && !/^child_process|^RegExp|^re\./.test(k)) a = c.args[0];
  else if (lang === 'ruby' && /^(execute|exec|exec_query|exec_params|async_exec|select_all|select_value|query)$/.test(tail)) a = c.args[0];
  else if (lang === 'go' && /^(Exec|Query|QueryRow)$/.test(tail)) a = c.args[0];
  else if (lang === 'php' && /\.(exec|query|prepare)$/.test(k)) a = c.args[0];
  else if (lang === 'php' && /^(pg_query|pg_send_query|mysqli_query|mysqli_multi_query|mysqli_real_query)$/.test(k)) a = c.args.length > 1 ? c.args[1] : c.args[0];
  else if (lang === 'go' && /^(ExecContext|QueryContext|QueryRowContext)$/.test(tail)) a = c.args[1];
  else if (lang === 'javascript' && /\.schema\.(dropTable|dropTableIfExists)$/.test(k)) {
    const t = str(c.args[0]);
    return { text: t === null ? null : `DROP TABLE ${tail === 'dropTableIfExists' ? 'IF EXISTS ' : ''}${t}`, tagged: false };
  } else if (lang === 'ruby' && /^(ActiveRecord::Migration\.|ActiveRecord::Base\.connection\.|connection\.)?drop_table$/.test(k)) {
    const t = c.args[0]?.value();
    return { text: typeof t === 'string' ? `DROP TABLE ${t.replace(/^:/, '')}` : null, tagged: false };
  } else return null;
  if (!a) return null;
  const v = a.value();
  if (v === UNKNOWN) return looksLikeSql(a.text) ? { text: null, tagged: false } : /sql|query|stmt|statement/i.test(a.text) ? { text: null, tagged: false } : null;
  if (typeof v !== 'string') return null;
  if (v.replace(new RegExp(HOLE, 'g'), '').trim() === '') return { text: null, tagged: false };
  return { text: v, tagged: false };
}

export interface Conn {
  kind: 'pg' | 'mysql' | 'sqlite';
  /** conninfo/URL, sqlite file; HOLE parts unknown. */
  dsn: string | null;
  targets: Target[];
}

export function connection(j: Judged): Conn {
  const imp = j.program.imports.join(' ');
  const kind: Conn['kind'] = /\b(mysql|mysql2|pymysql|MySQLdb|mysqlclient|mysql\.connector|aiomysql|go-sql-driver)\b/.test(imp) ? 'mysql' : /\b(sqlite3|better-sqlite3|sqlite|aiosqlite|bun:sqlite)\b/.test(imp) ? 'sqlite' : 'pg';
  for (const c of j.program.calls) {
    // PHP: new PDO('pgsql:host=h;dbname=d'), pg_connect('host=h dbname=d'), mysqli_connect('h', ...).
    if (j.lang === 'php' && /^(PDO|pg_connect|pg_pconnect|mysqli|mysqli_connect)$/.test(c.callee)) {
      const s = str(c.args[0]);
      if (s === null) continue;
      const my = /^mysqli/.test(c.callee) || s.startsWith('mysql:');
      const dsn = /^mysqli/.test(c.callee) ? `host=${s}` : s.replace(/^(pgsql|mysql|sqlite):/, '').replace(/;/g, ' ');
      const host = /host=([^\s\u0000]+)/.exec(dsn)?.[1];
      return { kind: s.startsWith('sqlite:') ? 'sqlite' : my ? 'mysql' : 'pg', dsn, targets: host ? [{ kind: 'host', value: host }] : [] };
    }
    if (!/(^|\.)(connect|create_engine|create_async_engine|create_pool|Client|Pool|createPool|createConnection|Connection\.new|Database|Open|Connect|New|knex|postgres|Sequelize|PrismaClient)(\(\))?$/.test(c.callee)) continue;
    if (/^(requests|httpx|socket|ssl|http|urllib|net|tls)\b/.test(c.callee)) continue;
    let dsn: string | null = null;
    if (/Open$/.test(c.callee)) dsn = str(c.args[1]);
    else {
      const first = c.args[0];
      const s = first ? str(first) : null;
      if (s !== null && typeof first?.value() === 'string') dsn = s;
      else {
        const o = obj(first) ?? {};
        const cs = o.connectionString ?? o.connection ?? o.url ?? (o.datasources as Record<string, V> | undefined)?.db;
        if (typeof cs === 'string') dsn = cs;
        else if (cs && typeof cs === 'object' && !Array.isArray(cs)) {
          const x = cs as Record<string, V>;
          if (typeof x.connectionString === 'string') dsn = x.connectionString;
          else if (typeof x.host === 'string') dsn = `host=${x.host}${typeof x.database === 'string' ? ` dbname=${x.database}` : ''}`;
        } else if (typeof o.host === 'string') dsn = `host=${o.host}${typeof o.database === 'string' ? ` dbname=${o.database}` : typeof o.dbname === 'string' ? ` dbname=${o.dbname}` : ''}`;
        else if (c.kwargs.dsn) dsn = str(c.kwargs.dsn);
        else if (c.kwargs.host) dsn = `host=${str(c.kwargs.host)}${c.kwargs.dbname || c.kwargs.database ? ` dbname=${str(c.kwargs.dbname ?? c.kwargs.database)}` : ''}`;
      }
    }
    if (dsn !== null) {
      const host = /@([^:/?\u0000]+)/.exec(dsn)?.[1] ?? /host=([^\s\u0000]+)/.exec(dsn)?.[1];
      return { kind, dsn, targets: host ? [{ kind: 'host', value: host }] : [] };
    }
  }
  return { kind, dsn: null, targets: [] };
}

export function sqlLine(c: Conn, sqlWord: string): string {
  if (c.kind === 'mysql') {
    const host = c.targets[0]?.value;
    return `mysql ${host ? `-h ${shq(host)} ` : ''}-e ${sqlWord}`;
  }
  if (c.kind === 'sqlite') return `sqlite3 ${c.dsn ? shq(c.dsn.replace(/^sqlite:\/\/\/?/, '')) : SHELL_HOLE} ${sqlWord}`;
  const dsn = c.dsn && /^[a-z]+:\/\//.test(c.dsn) ? c.dsn.replace(/^postgres(ql)?\+\w+:/, 'postgresql:') : c.dsn;
  return `psql ${dsn ? `${shq(dsn)} ` : ''}-c ${sqlWord}`;
}

