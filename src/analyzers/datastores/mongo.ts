// mongosh / mongo (--eval, script files, stdin) and mongorestore --drop.
// The JavaScript is tokenized (strings and comments are data) and searched for dropDatabase(), .drop(),
// deleteMany({}) / remove({}) and the runCommand forms.
// Facts: { tool: 'mongosh', action (drop, delete, update), object (database, collection), name, all, database }.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { pipeText } from '../../shell/stdin';
import { has, opt, optAll, parseArgs } from '../../argv/options';
import { cliFact, show, target, UNKNOWN } from '../cli-fact';

const WITH_VALUE = ['--eval', '-f', '--file', '--host', '--port', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--authenticationMechanism',
  '--tlsCAFile', '--tlsCertificateKeyFile', '--tlsCertificateKeyFilePassword', '--apiVersion', '--awsAccessKeyId', '--awsSecretAccessKey', '--awsSessionToken', '--gssapiServiceName', '--sslCAFile', '--sslPEMKeyFile'];

interface Tok {
  k: 'id' | 'str' | 'p';
  v: string;
}

function tokenize(code: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '/' && code[i + 1] === '/') while (i < code.length && code[i] !== '\n') i++;
    else if (c === '/' && code[i + 1] === '*') i = code.indexOf('*/', i + 2) < 0 ? code.length : code.indexOf('*/', i + 2) + 2;
    else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let v = '';
      while (j < code.length && code[j] !== c) {
        if (code[j] === '\\') j++;
        v += code[j] ?? '';
        j++;
      }
      out.push({ k: 'str', v });
      i = j + 1;
    } else if (/[\w$]/.test(c)) {
      let j = i;
      while (j < code.length && /[\w$]/.test(code[j]!)) j++;
      out.push({ k: 'id', v: code.slice(i, j) });
      i = j;
    } else {
      out.push({ k: 'p', v: c });
      i++;
    }
  }
  return out;
}

export interface MongoOp {
  action: string;
  object: string;
  name: string;
  all: boolean;
  database: string | null;
}

/** Destructive operations in mongosh JavaScript. */
export function mongoOps(code: string): MongoOp[] {
  const t = tokenize(code);
  const ops: MongoOp[] = [];
  let db: string | null = null;
  const is = (i: number, k: Tok['k'], v?: string): boolean => t[i]?.k === k && (v === undefined || t[i]!.v === v);
  for (let i = 0; i < t.length; i++) {
    if (is(i, 'id', 'use') && t[i + 1] && t[i + 1]!.k !== 'p') db = t[i + 1]!.v;
    if (is(i, 'id', 'getSiblingDB') && is(i + 1, 'p', '(') && is(i + 2, 'str')) db = t[i + 2]!.v;
    if (t[i]!.k !== 'id') continue;
    const m = t[i]!.v;
    // runCommand({ dropDatabase: 1 }) / ({ drop: 'coll' })
    if (is(i + 1, 'p', ':') && (m === 'dropDatabase' || m === 'drop') && !is(i - 1, 'p', '.')) {
      ops.push({ action: 'drop', object: m === 'drop' ? 'collection' : 'database', name: m === 'drop' ? (t[i + 2]?.v ?? '') : (db ?? ''), all: true, database: db });
      continue;
    }
    if (!is(i - 1, 'p', '.') || !is(i + 1, 'p', '(')) continue;
    const coll = collectionBefore(t, i - 1);
    if (m === 'dropDatabase') ops.push({ action: 'drop', object: 'database', name: db ?? '', all: true, database: db });
    else if (m === 'drop' || m === 'dropCollection') ops.push({ action: 'drop', object: 'collection', name: m === 'dropCollection' && is(i + 2, 'str') ? t[i + 2]!.v : coll, all: true, database: db });
    else if (m === 'deleteMany' || m === 'remove' || m === 'updateMany' || m === 'bulkWrite') {
      const empty = (is(i + 2, 'p', ')')) || (is(i + 2, 'p', '{') && is(i + 3, 'p', '}') && (is(i + 4, 'p', ')') || is(i + 4, 'p', ',')));
      ops.push({ action: m === 'updateMany' ? 'update' : 'delete', object: 'collection', name: coll, all: empty && m !== 'bulkWrite', database: db });
    } else if (m === 'dropIndexes' || m === 'dropUser' || m === 'dropAllUsers' || m === 'dropRole') ops.push({ action: m, object: m.includes('User') ? 'user' : 'index', name: coll, all: m === 'dropAllUsers', database: db });
  }
  return ops;
}

/** `db.users.drop`, `db['users'].drop`, `db.getCollection('users').drop` -> users */
function collectionBefore(t: Tok[], dot: number): string {
  const prev = t[dot - 1];
  if (!prev) return '';
  if (prev.k === 'id') return prev.v;
  if (prev.k === 'p' && (prev.v === ']' || prev.v === ')') && t[dot - 2]?.k === 'str') return t[dot - 2]!.v;
  return '';
}

export function analyzeMongo(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: WITH_VALUE, noClusters: true });
  const conn = a.pos.find((p) => p === null || !/\.js$/.test(p));
  const { host, database } = parseConn(conn, opt(a, '--host'));
  const base = { tool: 'mongosh', flags: a.flags, host: show(host), targets: [...target('host', host), ...target('database', database)] };
  const sources: (string | null)[] = [...optAll(a, '--eval')];
  for (const f of [...optAll(a, '-f', '--file'), ...a.pos.filter((p) => p !== null && /\.js$/.test(p))]) sources.push(f === null ? null : ctx.readFile(f));
  if (!sources.length && cmd.stdin) sources.push(pipeText(cmd, ctx.readFile));
  if (!sources.length) return [cliFact(cmd, { ...base, action: 'connect', object: 'session', name: '', database: show(database) })];
  const facts: Fact[] = [];
  for (const code of sources) {
    if (code === null) {
      facts.push(cliFact(cmd, { ...base, action: 'eval', object: 'script', name: UNKNOWN, unknown: true, database: show(database) }));
      continue;
    }
    for (const op of mongoOps(code)) {
      const dbName = op.database ?? database ?? 'test';
      const name = op.object === 'database' ? (op.name || dbName) : op.name;
      facts.push(cliFact(cmd, { ...base, ...op, name, database: dbName, targets: [...base.targets.filter((x) => x.kind !== 'database'), ...target('database', dbName)] }));
    }
  }
  return facts;
}

function parseConn(conn: string | null | undefined, hostOpt: string | null | undefined): { host: string | null; database: string | null | undefined } {
  if (conn === null) return { host: null, database: null };
  if (conn && /^mongodb(\+srv)?:\/\//.test(conn)) {
    const rest = conn.replace(/^mongodb(\+srv)?:\/\//, '');
    const hostPart = rest.split('/')[0]!.split('@').pop()!;
    const db = rest.includes('/') ? rest.slice(rest.indexOf('/') + 1).split('?')[0] : '';
    return { host: hostPart.split(',')[0]!.split(':')[0]!, database: db || undefined };
  }
  if (conn && conn.includes('/')) return { host: conn.split('/')[0]!.split(':')[0]!, database: conn.split('/')[1] || undefined };
  return { host: hostOpt === undefined ? 'localhost' : hostOpt, database: conn };
}

export function analyzeMongorestore(cmd: Command, _ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: ['--uri', '--host', '-h', '--port', '-d', '--db', '-c', '--collection', '--nsInclude', '--nsExclude', '--nsFrom', '--nsTo', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--archive', '--dir'] });
  const uri = opt(a, '--uri') ?? a.pos.find((p) => p !== null && /^mongodb/.test(p));
  const { host, database } = parseConn(uri ?? undefined, opt(a, '--host', '-h'));
  const db = opt(a, '-d', '--db') ?? opt(a, '--nsInclude') ?? database;
  return [cliFact(cmd, {
    tool: 'mongorestore', action: 'restore', object: 'database', name: db === undefined ? 'all databases' : db, drop: has(a, '--drop'), dryRun: has(a, '--dryRun'),
    host: show(host), flags: a.flags, targets: [...target('host', host), ...target('database', db)],
  })];
}
