// psql / pgcli: every way SQL reaches the server (-c, -f, stdin, \i includes), in the order psql
// runs it, with the connection it runs against (which `\c` can change mid-script).
import * as path from 'node:path';
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { pipeText } from '../../shell/stdin';
import { getopt, has, last, values, type OptSpec } from './getopt';
import { connFields, connTargets, dbnameLayer, envLayer, mergeConn, parseConninfo, isConninfo, type Conn } from './conn';
import { analyzeSql, loadPg, unparsed, type Pg, type SqlItem } from './sql';

/** Larger SQL (stdin, -f, heredoc) gets `unparsed` (confirm) instead of a statement-by-statement check. */
export const MAX_SQL_BYTES = 128 * 1024;
import { metaArgs, scanScript } from './script';

const PSQL: OptSpec = {
  shortWithArg: 'cdfFhLoPpRTUv',
  long: {
    command: { key: 'c', arg: true }, dbname: { key: 'd', arg: true }, file: { key: 'f', arg: true },
    host: { key: 'h', arg: true }, port: { key: 'p', arg: true }, username: { key: 'U', arg: true },
    set: { key: 'v', arg: true }, variable: { key: 'v', arg: true }, output: { key: 'o', arg: true },
    'log-file': { key: 'L', arg: true }, pset: { key: 'P', arg: true }, 'field-separator': { key: 'F', arg: true },
    'record-separator': { key: 'R', arg: true }, 'table-attr': { key: 'T', arg: true }, list: { key: 'l', arg: false },
    help: { key: '?', arg: false }, version: { key: 'V', arg: false }, 'single-transaction': { key: '1', arg: false },
    'no-psqlrc': { key: 'X', arg: false }, quiet: { key: 'q', arg: false }, 'tuples-only': { key: 't', arg: false },
  },
};

const MAX_INCLUDE_DEPTH = 8;

interface State {
  conn: Conn;
  vars: Map<string, string>;
  facts: Fact[];
}

export async function analyzePsql(cmd: Command, ctx: AnalyzeContext, tool: string): Promise<Fact[]> {
  const p = getopt(cmd.argv.slice(1), PSQL);
  if (has(p, '?', 'V')) return [];
  const dbArg = last(p, 'd') !== undefined ? last(p, 'd') : p.positionals[0] ? p.positionals[0].value : undefined;
  const flags: Conn = {};
  for (const [k, f] of [['h', 'host'], ['p', 'port'], ['U', 'user']] as const) {
    const v = last(p, k);
    if (v === null) flags.unresolved ??= `-${k}`;
    else if (v !== undefined) flags[f] = v;
  }
  const userPos = p.positionals[1]?.value;
  if (userPos) flags.user ??= userPos;
  const st: State = { conn: mergeConn(dbnameLayer(dbArg, p.positionals[0]?.raw ?? '-d'), flags, envLayer(cmd, ctx)), vars: new Map(), facts: [] };
  for (const v of values(p, 'v')) {
    if (typeof v !== 'string') continue;
    const eq = v.indexOf('=');
    if (eq > 0) st.vars.set(v.slice(0, eq), v.slice(eq + 1));
  }

  const emit = (items: Partial<SqlItem>[], source: string, extra: Record<string, unknown> = {}): void => {
    for (const it of items) {
      const objects = it.objects ?? [];
      st.facts.push({
        type: 'sql',
        command: cmd.text,
        tool,
        class: it.class ?? 'other',
        statement: it.statement ?? '',
        top: it.top ?? '',
        objectType: it.objectType ?? '',
        objects,
        resource: objects.filter(Boolean).join(' ') || st.conn.database || st.conn.host || 'this SQL',
        cascade: it.cascade ?? false,
        sql: it.sql ?? '',
        source,
        ...(it.detail ? { detail: it.detail } : {}),
        ...(it.where ? { where: it.where } : {}),
        ...(it.whereUncounted ? { whereUncounted: true } : {}),
        ...connFields(st.conn, cmd),
        ...extra,
        infra: true,
        targets: connTargets(st.conn, cmd),
      });
    }
  };
  const unresolved = (what: string, source: string): void => emit([{ class: 'unresolved' }], source, { unresolved: true, what });

  // Only load the parser when there is SQL to parse.
  let pg: Pg | null = null;
  const parse = async (sql: string): Promise<SqlItem[]> => analyzeSql((pg ??= await loadPg()), sql);

  const runScript = async (text: string, source: string, baseDir: string, depth: number): Promise<void> => {
    // Bounded work per check: a script this large is not analysed statement by statement.
    if (text.length > MAX_SQL_BYTES) {
      emit([unparsed(text, `SQL script over ${MAX_SQL_BYTES / 1024} KiB; airlock does not analyse it`)], source);
      return;
    }
    for (const piece of scanScript(text, st.vars)) {
      if ('sql' in piece) {
        emit(await parse(piece.sql), source);
        continue;
      }
      const args = metaArgs(piece.args);
      switch (piece.meta) {
        case 'i': case 'include': case 'ir': case 'include_relative': {
          const file = args[0];
          if (!file) break;
          const full = piece.meta.startsWith('ir') || piece.meta === 'include_relative' ? path.join(baseDir, file) : file;
          const body = depth < MAX_INCLUDE_DEPTH ? ctx.readFile(full) : null;
          if (body === null) unresolved(`\\${piece.meta} ${file}`, source);
          else await runScript(body, `\\${piece.meta} ${file}`, path.dirname(full), depth + 1);
          break;
        }
        case 'gexec':
          emit([{ class: 'gexec', detail: 'query results run as SQL' }], source);
          break;
        case '!':
          emit([{ class: 'shell-escape', detail: piece.args }], source);
          break;
        case 'o': case 'out': case 'w': case 'write': case 'g': case 'gx':
          if (piece.args.startsWith('|')) emit([{ class: 'shell-escape', detail: piece.args.slice(1).trim() }], source);
          break;
        case 'copy':
          if (/\bprogram\b/i.test(piece.args)) emit([{ class: 'copy-program', objectType: 'program', objects: [piece.args], sql: `\\copy ${piece.args}` }], source);
          break;
        case 'c': case 'connect':
          st.conn = reconnect(st.conn, args);
          break;
        case 'set':
          if (args[0]) st.vars.set(args[0], args.slice(1).join(''));
          break;
      }
    }
  };

  const sources = p.opts.filter((o) => o.key === 'c' || o.key === 'f');
  for (const s of sources) {
    if (s.value === null || s.value === true) {
      unresolved(s.key === 'c' ? '-c' : '-f', s.key === 'c' ? 'command' : 'file');
      continue;
    }
    if (s.key === 'c') {
      // A -c string is either plain SQL sent as-is, or a single backslash command.
      if (s.value.trimStart().startsWith('\\')) await runScript(s.value, 'command', ctx.cwd, 0);
      else emit(await parse(s.value), 'command');
    } else if (s.value === '-') {
      await fromStdin(cmd, ctx, runScript, unresolved);
    } else {
      const body = ctx.readFile(s.value);
      if (body === null) unresolved(`-f ${s.value}`, 'file');
      else await runScript(body, `-f ${s.value}`, path.dirname(s.value), 1);
    }
  }
  if (!sources.length && !has(p, 'l')) {
    // No SQL on the command line: psql reads stdin. No stdin at all is an interactive session.
    if (cmd.stdin) await fromStdin(cmd, ctx, runScript, unresolved);
    else emit([{ class: 'session' }], 'interactive');
  }
  return st.facts;
}

async function fromStdin(cmd: Command, ctx: AnalyzeContext, run: (t: string, s: string, d: string, n: number) => Promise<void>, unresolved: (what: string, source: string) => void): Promise<void> {
  const text = pipeText(cmd, ctx.readFile);
  if (text === null) unresolved(cmd.stdin?.kind === 'pipe' ? 'stdin from a command' : 'stdin', 'stdin');
  else await run(text, 'stdin', ctx.cwd, 0);
}

/** `\c [dbname [user] [host] [port]]` or `\c conninfo`; `-` keeps the previous value. */
function reconnect(prev: Conn, args: string[]): Conn {
  if (args[0] && isConninfo(args[0])) return mergeConn(parseConninfo(args[0]), { host: prev.host, port: prev.port, user: prev.user });
  const keep = (v: string | undefined): string | undefined => (v === '-' ? undefined : v);
  return mergeConn({ database: keep(args[0]), user: keep(args[1]), host: keep(args[2]), port: keep(args[3]) }, prev);
}
