// mysql / mariadb (-e, --execute, stdin), mysqladmin drop, sqlite3 (FILE [SQL] or stdin).
// Facts: { tool, action (drop, truncate, delete, update, alter-drop, ...), object (database, table...), name, where, statement }.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { pipeText } from '../../shell/stdin';
import { has, opt, optAll, parseArgs } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';
import { classifySql } from './sql';

const MYSQL_WITH_VALUE = ['-u', '--user', '-h', '--host', '-P', '--port', '-D', '--database', '-e', '--execute', '-S', '--socket', '--protocol',
  '--default-character-set', '--init-command', '--ssl-ca', '--ssl-cert', '--ssl-key', '--ssl-mode', '--login-path', '--connect-timeout',
  '--max-allowed-packet', '--net-buffer-length', '--delimiter', '--tee', '--character-sets-dir', '--plugin-dir', '--default-auth', '-O', '--set-variable'];

export function sqlFacts(cmd: Command, base: Record<string, unknown> & { tool: string }, sql: string | null, dialect: 'mysql' | 'sqlite'): Fact[] {
  if (sql === null) return [cliFact(cmd, { ...base, action: 'execute', object: 'sql', name: null, sqlUnknown: true })];
  return classifySql(sql, dialect).map((s) => {
    const names = s.names.length ? s.names : [''];
    return cliFact(cmd, { ...base, action: s.action, object: s.object, name: names.join(', '), names: s.names, where: s.where, statement: s.text });
  });
}

export function analyzeMysql(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: MYSQL_WITH_VALUE, attachedOnly: ['-p'] });
  const tool = cmd.program === 'mariadb' ? 'mariadb' : 'mysql';
  const host = opt(a, '-h', '--host') ?? envOf(cmd, ctx, 'MYSQL_HOST') ?? (opt(a, '-S', '--socket') ? 'localhost' : undefined);
  const database = opt(a, '-D', '--database') ?? a.pos[0];
  const base = { tool, flags: a.flags, host: show(host ?? 'localhost'), database: show(database), targets: [...target('host', host ?? 'localhost'), ...target('database', database)] };
  const execs = optAll(a, '-e', '--execute');
  if (execs.length) return execs.flatMap((sql) => sqlFacts(cmd, base, sql, 'mysql'));
  if (!cmd.stdin) return [cliFact(cmd, { ...base, action: 'connect', object: 'session', name: '' })];
  return sqlFacts(cmd, base, pipeText(cmd, ctx.readFile), 'mysql');
}

export function analyzeMysqladmin(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: MYSQL_WITH_VALUE.filter((o) => o !== '-e'), attachedOnly: ['-p'] });
  const host = opt(a, '-h', '--host') ?? envOf(cmd, ctx, 'MYSQL_HOST') ?? 'localhost';
  const facts: Fact[] = [];
  for (let i = 0; i < a.pos.length; i++) {
    const c = a.pos[i];
    if (c === null) facts.push(cliFact(cmd, { tool: 'mysqladmin', action: UNKNOWN, host: show(host), targets: target('host', host) }));
    else if (c === 'drop') {
      const db = a.pos[++i];
      facts.push(cliFact(cmd, { tool: 'mysqladmin', action: 'drop', object: 'database', name: db === undefined ? '' : db, force: has(a, '-f', '--force'), host: show(host), targets: [...target('host', host), ...target('database', db)] }));
    } else facts.push(cliFact(cmd, { tool: 'mysqladmin', action: c ?? '', object: 'server', name: '', host: show(host), targets: target('host', host) }));
  }
  return facts;
}

const SQLITE_WITH_VALUE = ['-cmd', '--cmd', '-separator', '--separator', '-newline', '--newline', '-nullvalue', '--nullvalue', '-init', '--init', '-vfs', '--vfs', '-maxsize', '--maxsize', '-mmap', '--mmap', '-lookaside', '--lookaside', '-pagecache', '--pagecache', '-heap', '--heap', '-key', '-hexkey'];

export function analyzeSqlite(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: SQLITE_WITH_VALUE, noClusters: true });
  const [file, ...sqlArgs] = a.pos;
  const base = { tool: 'sqlite3', flags: a.flags, infra: false, database: show(file ?? ':memory:'), targets: target('path', file) };
  const cmds = optAll(a, '-cmd', '--cmd');
  const parts = [...cmds, ...sqlArgs];
  if (parts.length) {
    if (parts.some((p) => p === null)) return sqlFacts(cmd, base, null, 'sqlite');
    return sqlFacts(cmd, base, dropDotCommands(parts.join(';\n')), 'sqlite');
  }
  if (!cmd.stdin) return [cliFact(cmd, { ...base, action: 'connect', object: 'session', name: '' })];
  const text = pipeText(cmd, ctx.readFile);
  return sqlFacts(cmd, base, text === null ? null : dropDotCommands(text), 'sqlite');
}

/** sqlite3 dot-commands (.tables, .schema) are not SQL. */
function dropDotCommands(text: string): string {
  return text.split('\n').filter((l) => !/^\s*\./.test(l)).join('\n');
}
