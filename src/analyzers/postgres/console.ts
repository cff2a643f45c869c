// A line that is itself SQL (`DROP TABLE users;`) reaches a database when the agent types into a
// SQL console it opened (psql, mysql, a REPL behind the terminal tool). Bash would only say
// "command not found", but the hook sees the keystrokes: classify them as SQL.
import type { Command, Fact } from '../../types';
import { analyzeSql, loadPg } from './sql';

export const SQL_KEYWORDS = ['drop', 'delete', 'truncate', 'alter', 'update', 'merge', 'revoke', 'copy', 'vacuum', 'reassign'];

/** `truncate -s 0 f` is coreutils, `TRUNCATE users` is SQL: SQL has no options after the keyword. */
export function looksLikeSql(cmd: Command): boolean {
  const second = cmd.argv[1]?.value;
  return second !== undefined && second !== null && !second.startsWith('-') && /^[A-Za-z_"`]/.test(second);
}

export async function analyzeConsole(cmd: Command): Promise<Fact[]> {
  const pg = await loadPg();
  const text = cmd.text.trim().replace(/;?\s*$/, ';');
  return analyzeSql(pg, text).map((it) => ({
    type: 'sql',
    command: cmd.text,
    tool: 'sql-console',
    class: it.class,
    statement: it.statement,
    top: it.top,
    objectType: it.objectType,
    objects: it.objects,
    resource: it.objects.filter(Boolean).join(' ') || 'this SQL',
    cascade: it.cascade,
    sql: it.sql,
    source: 'console',
    database: '(console)',
    local: true,
    infra: true,
  }));
}
