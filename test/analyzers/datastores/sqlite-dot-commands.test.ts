// sqlite3's dot-commands act outside SQL: `.shell`/`.system` run a shell command, `.output`/`.once`/
// `.backup`/`.save FILE` write a file, `.once |CMD` pipes into a command, `.restore`/`.read`/`.load`
// run what airlock cannot read. Each is judged as what it does; plain dot-commands stay allowed.
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const ENV = { HOME: '/home/agent', PATH: '/usr/bin:/bin' };
const judge = (line: string) => check(line, { cwd: '/home/agent/proj', env: ENV, noFileReads: true });
const rules = async (line: string) => (await judge(line)).findings.filter((f) => f.decision !== 'allow').map((f) => `${f.rule} ${f.resource}`);

describe('sqlite3 dot-commands', () => {
  it.each([
    ['sqlite3 app.db ".shell rm -rf ~/Documents"', 'files/delete-outside-project /home/agent/Documents'],
    ['sqlite3 app.db "select 1; .system rm -rf ~/Documents"', 'files/delete-outside-project /home/agent/Documents'],
    ['sqlite3 app.db -cmd ".output /etc/passwd" "select 1"', 'files/overwrite-login-files /etc/passwd'],
    ['sqlite3 app.db ".backup main /etc/shadow"', 'files/overwrite-login-files /etc/shadow'],
    ['sqlite3 app.db ".once |rm -rf ~/Documents" "select 1"', 'files/delete-outside-project /home/agent/Documents'],
    ['sqlite3 app.db ".restore backup.db"', 'datastores/sql-unknown app.db'],
  ])('%s is judged as what it does', async (line, finding) => {
    expect(await rules(line)).toContain(finding);
  });
  it.each(['sqlite3 app.db ".tables"', 'sqlite3 app.db ".schema users"', 'sqlite3 app.db ".shell ls"', 'sqlite3 app.db .dump | head', 'sqlite3 -header -csv app.db "select * from t"'])(
    'stays allowed: %s',
    async (line) => {
      expect((await judge(line)).decision).toBe('allow');
    },
  );
});
