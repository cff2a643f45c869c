// The pg_dump a checkpoint runs: exactly the objects about to be dropped or truncated, with the
// command's connection. (Dump and restore against the real server: test/e2e/informed.test.ts.)
import { describe, expect, it } from 'vitest';
import { DUMPABLE, cascadeSql, dumpArgs, pgEnv } from '../../src/analyzers/postgres/undo';
import type { Command } from '../../src/types';

describe('pg_dump arguments', () => {
  it('one -t per table, one -n per schema', () => {
    expect(dumpArgs({ type: 'sql', command: '', objectType: 'table', objects: ['bookings', 'app.payments'] })).toEqual(['-t', 'bookings', '-t', 'app.payments']);
    expect(dumpArgs({ type: 'sql', command: '', objectType: 'schema', objects: ['public'] })).toEqual(['-n', 'public']);
  });

  it('only drops and truncates are dumped', () => {
    expect([...DUMPABLE].sort()).toEqual(['drop', 'truncate']);
  });

  it('the connection: the command\'s PG* assignments, then its flags', () => {
    const cmd = { env: { PGPASSWORD: 'pw', PGHOST: 'ignored-by-flag' } } as unknown as Command;
    expect(pgEnv({ host: 'db', port: '5433', user: 'app', database: 'shop' }, { PATH: '/bin', PERL5OPT: '-Mevil' }, cmd)).toMatchObject({
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      PGPASSWORD: 'pw',
      PGHOST: 'db',
      PGPORT: '5433',
      PGUSER: 'app',
      PGDATABASE: 'shop',
      PGAPPNAME: 'airlock-undo',
    });
    expect(pgEnv({}, { PERL5OPT: '-Mevil', LD_PRELOAD: '/tmp/x.so' }).PERL5OPT).toBeUndefined();
  });
});

describe('what CASCADE reaches', () => {
  it('is read only for CASCADE, in a read-only transaction, from the catalog', () => {
    expect(cascadeSql({ type: 'sql', command: '', class: 'drop', objectType: 'table', objects: ['bookings'], cascade: false })).toBeNull();
    const q = cascadeSql({ type: 'sql', command: '', class: 'drop', objectType: 'table', objects: ["o'brien"], cascade: true })!;
    expect(q.startsWith('BEGIN TRANSACTION READ ONLY;')).toBe(true);
    expect(q.trimEnd().endsWith('ROLLBACK;')).toBe(true);
    expect(q).toContain("ARRAY['o''brien']::text[]");
    expect(q).toContain('pg_get_constraintdef');
  });
});
