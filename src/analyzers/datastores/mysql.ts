// mysql / mariadb (-e, --execute, stdin), mysqladmin drop, sqlite3 (FILE [SQL] or stdin).
// Facts: { tool, action (drop, truncate, delete, update, alter-drop, ...), object (database, table...), name, where, statement }.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { pipeText } from '../../shell/stdin';
import { has, opt, optAll, parseArgs } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';
import { classifySql } from './sql';
import { innerFacts } from '../inner-facts';

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

export async function analyzeSqlite(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  const a = parseArgs(cmd.argv.slice(1), { withValue: SQLITE_WITH_VALUE, noClusters: true });
  const [file, ...sqlArgs] = a.pos;
  const base = { tool: 'sqlite3', flags: a.flags, infra: false, database: show(file ?? ':memory:'), targets: target('path', file) };
  const cmds = optAll(a, '-cmd', '--cmd');
  const parts = [...cmds, ...sqlArgs];
  if (parts.length) {
    if (parts.some((p) => p === null)) return sqlFacts(cmd, base, null, 'sqlite');
    const dots: Fact[] = [];
    for (const p of parts as string[]) dots.push(...(await dotCommandFacts(cmd, base, p, ctx)));
    return [...dots, ...sqlFacts(cmd, base, dropDotCommands(parts.join(';\n')), 'sqlite')];
  }
  if (!cmd.stdin) return [cliFact(cmd, { ...base, action: 'connect', object: 'session', name: '' })];
  const text = pipeText(cmd, ctx.readFile);
  if (text === null) return sqlFacts(cmd, base, null, 'sqlite');
  return [...(await dotCommandFacts(cmd, base, text, ctx)), ...sqlFacts(cmd, base, dropDotCommands(text), 'sqlite')];
}

/**
 * The dot-commands of sqlite3 that act outside SQL: `.shell`/`.system` run a shell command (judged
 * as that command), `.output`/`.once`/`.backup`/`.save FILE` write FILE (judged as a redirection
 * onto it), and `.restore` (replaces the database), `.read` (SQL from a file) and `.load` (native
 * code) are SQL airlock cannot read.
 */
async function dotCommandFacts(cmd: Command, base: Record<string, unknown> & { tool: string }, text: string, ctx: AnalyzeContext): Promise<Fact[]> {
  const facts: Fact[] = [];
  for (const raw of text.split(/\n|;(?=\s*\.)/)) {
    const m = /^\s*\.(\w+)\s*(.*)$/.exec(raw);
    if (!m) continue;
    const verb = m[1]!.toLowerCase();
    const rest = m[2]!.trim();
    if (verb === 'shell' || verb === 'system') {
      if (rest) facts.push(...(await innerFacts(cmd, rest, `sqlite3 .${verb}`, ctx, {})));
    } else if ((verb === 'output' || verb === 'once') && rest.replace(/^(-\S+\s+)*/, '').startsWith('|')) {
      // `.once |CMD`: the query's output is piped into a shell command.
      facts.push(...(await innerFacts(cmd, rest.replace(/^(-\S+\s+)*/, '').slice(1), `sqlite3 .${verb}`, ctx, {})));
    } else if (['output', 'once', 'backup', 'save'].includes(verb)) {
      const words = rest.split(/\s+/).filter((w) => w && !w.startsWith('-'));
      // .backup/.save take an optional schema name first: the file is the last word.
      const out = (verb === 'backup' || verb === 'save' ? words.at(-1) : words[0])?.replace(/^['"]|['"]$/g, '');
      if (out && out !== 'stdout') facts.push(...(await innerFacts(cmd, `true > '${out.replace(/'/g, "'\\''")}'`, `sqlite3 .${verb}`, ctx, {})));
    } else if (verb === 'restore' || verb === 'read' || verb === 'load') {
      facts.push(...sqlFacts(cmd, base, null, 'sqlite'));
    }
  }
  return facts;
}

/** sqlite3 dot-commands (.tables, .schema) are not SQL. */
function dropDotCommands(text: string): string {
  return text.split('\n').filter((l) => !/^\s*\./.test(l)).join('\n');
}
