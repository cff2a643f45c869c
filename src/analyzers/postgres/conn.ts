// Where a PostgreSQL client connects: URI / key=value conninfo (in the dbname position or -d),
// -h/-p/-U/-d flags, then PG* variables (the command's own assignments first, then the session),
// with DATABASE_URL as a last resort (agents use it as `psql "$DATABASE_URL"`).
import type { Command, Target } from '../../types';
import type { AnalyzeContext } from '../types';

export interface Conn {
  host?: string;
  port?: string;
  database?: string;
  user?: string;
  /** Some connection parameter came from a value only known at run time. */
  unresolved?: string;
}

/** A dbname argument is a conninfo string when it has `=` or a URI prefix (libpq's rule). */
export function isConninfo(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s) || s.includes('=');
}

export function parseConninfo(s: string): Conn {
  return /^postgres(ql)?:\/\//i.test(s) ? parseUri(s) : parseKeywords(s);
}

function parseUri(s: string): Conn {
  const c: Conn = {};
  const m = /^postgres(?:ql)?:\/\/(?:([^@/?#]*)@)?([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?/i.exec(s);
  if (!m) return c;
  const [, userinfo, hostspec, db, query] = m;
  if (userinfo) c.user = dec(userinfo.split(':')[0]!);
  if (hostspec) {
    // Multi-host `h1:5432,h2:5433`: keep the hosts, any of them may be written to.
    const hosts = hostspec.split(',').map((h) => (h.startsWith('[') ? /^\[([^\]]*)\](?::(\d+))?/.exec(h) : /^([^:]*)(?::(\d+))?/.exec(h)));
    const names = hosts.map((x) => (x?.[1] ? dec(x[1]) : '')).filter(Boolean);
    if (names.length) c.host = names.join(',');
    const port = hosts.find((x) => x?.[2])?.[2];
    if (port) c.port = port;
  }
  if (db) c.database = dec(db);
  for (const kv of (query ?? '').split('&')) {
    const eq = kv.indexOf('=');
    if (eq > 0) setKey(c, dec(kv.slice(0, eq)), dec(kv.slice(eq + 1)));
  }
  return c;
}

function parseKeywords(s: string): Conn {
  const c: Conn = {};
  const re = /(\w+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S*))/g;
  for (let m = re.exec(s); m; m = re.exec(s)) setKey(c, m[1]!, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  return c;
}

function setKey(c: Conn, k: string, v: string): void {
  if (k === 'host' || k === 'hostaddr') c.host = v;
  else if (k === 'port') c.port = v;
  else if (k === 'dbname') c.database = v;
  else if (k === 'user') c.user = v;
}

function dec(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Later layers fill only what earlier ones left empty. */
export function mergeConn(...layers: Conn[]): Conn {
  const out: Conn = {};
  for (const l of layers) {
    for (const k of ['host', 'port', 'database', 'user', 'unresolved'] as const) if (out[k] === undefined && l[k] !== undefined) out[k] = l[k];
  }
  return out;
}

/** A conninfo-capable dbname value (or null = unresolved) as a Conn layer. */
export function dbnameLayer(v: string | null | undefined, what: string): Conn {
  if (v === undefined) return {};
  if (v === null) return { unresolved: what };
  return isConninfo(v) ? parseConninfo(v) : { database: v };
}

/** PG* variables: the command's own `PGHOST=... psql` first, then the session's environment. */
export function envLayer(cmd: Command, ctx: AnalyzeContext): Conn {
  const get = (k: string): string | null | undefined => (k in cmd.env ? cmd.env[k] : ctx.env[k]);
  const c: Conn = {};
  const pairs: [keyof Conn, string][] = [['host', 'PGHOST'], ['host', 'PGHOSTADDR'], ['port', 'PGPORT'], ['database', 'PGDATABASE'], ['user', 'PGUSER']];
  for (const [field, name] of pairs) {
    const v = get(name);
    if (v === null) c.unresolved ??= `$${name}`;
    else if (v && c[field] === undefined) (c as Record<string, string>)[field] = v;
  }
  const url = get('DATABASE_URL');
  if (typeof url === 'string' && isConninfo(url)) return mergeConn(c, parseConninfo(url));
  return c;
}

export function isLocalHost(h: string | undefined): boolean {
  if (!h) return true;
  return h.split(',').every((x) => x.startsWith('/') || /^(localhost|127\.[\d.]+|::1|0\.0\.0\.0|host\.docker\.internal)$/i.test(x) || /\.(local|localhost)$/i.test(x));
}

/** Targets for the environment: the host (unless local), the database, and where the client itself runs. */
export function connTargets(c: Conn, cmd: Command): Target[] {
  const t: Target[] = [];
  if (c.host && !isLocalHost(c.host)) for (const h of c.host.split(',')) t.push({ kind: 'host', value: h });
  if (c.database) t.push({ kind: 'database', value: c.database });
  if (c.unresolved) t.push({ kind: 'connection', value: c.unresolved });
  if (cmd.remote) t.push({ kind: cmd.via.some((v) => v.startsWith('ssh')) ? 'host' : 'name', value: cmd.remote });
  return t;
}

/** Connection fields copied onto every fact of the command. */
export function connFields(c: Conn, cmd: Command): Record<string, unknown> {
  const f: Record<string, unknown> = { host: c.host ?? 'localhost', local: isLocalHost(c.host) && !c.unresolved && !cmd.remote };
  if (c.port) f.port = c.port;
  if (c.database) f.database = c.database;
  if (c.user) f.user = c.user;
  if (c.unresolved) f.connectionUnresolved = c.unresolved;
  return f;
}
