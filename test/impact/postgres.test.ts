// PostgreSQL impact without a server: the lookup query, the read-only session it runs in, the
// text the human reads. (The real server is exercised in test/e2e/informed.test.ts.)
import { describe, expect, it } from 'vitest';
import { connectionEnv, describePg, formatBytes, lookupSql, postgresImpact } from '../../src/analyzers/postgres/impact';
import type { Command, Fact } from '../../src/types';

const fact = (extra: Partial<Fact> = {}): Fact => ({ type: 'sql', command: 'psql', class: 'drop', objectType: 'table', objects: ['bookings'], database: 'carrental', host: 'db.internal', port: '5432', user: 'app', ...extra });

describe('lookupSql', () => {
  it('reads catalog and row counts only, for the named tables or every table of a schema', () => {
    const q = lookupSql(fact())!;
    expect(q).toMatch(/^WITH rel AS \(SELECT to_regclass\(o\)::oid AS oid FROM unnest\(ARRAY\['bookings'\]::text\[\]\)/);
    expect(q).not.toMatch(/\b(INSERT|UPDATE|DELETE|DROP|TRUNCATE|ALTER|CREATE)\b/);
    expect(lookupSql(fact({ objectType: 'schema', objects: ['public'] }))).toContain("n.nspname = ANY(ARRAY['public']::text[])");
  });

  it('quotes names as literals', () => {
    expect(lookupSql(fact({ objects: ["x'); DROP TABLE y; --"] }))).toContain("ARRAY['x''); DROP TABLE y; --']");
  });

  it('has nothing to look up for other objects or no names', () => {
    expect(lookupSql(fact({ objectType: 'function' }))).toBeNull();
    expect(lookupSql(fact({ objects: [] }))).toBeNull();
  });
});

describe('connectionEnv', () => {
  it('uses the command\'s connection and forces a read-only session with a statement timeout', () => {
    const cmd = { env: { PGPASSWORD: 'pw', OTHER: 'x' } } as unknown as Command;
    const e = connectionEnv(fact(), cmd, { PGOPTIONS: '-c search_path=app' }, 1200);
    expect(e).toMatchObject({ PGHOST: 'db.internal', PGPORT: '5432', PGUSER: 'app', PGDATABASE: 'carrental', PGPASSWORD: 'pw', PSQLRC: '/dev/null' });
    expect(e.PGOPTIONS).toBe('-c search_path=app -c default_transaction_read_only=on -c statement_timeout=1200 -c lock_timeout=600');
    expect(e.OTHER).toBeUndefined();
  });
});

describe('describePg', () => {
  it('rows, sizes, totals and what CASCADE takes', () => {
    const lines = describePg(
      { tables: [{ name: 'bookings', rows: 120, rowsKind: 'exact', bytes: 49152 }, { name: 'big', rows: 5_000_000, rowsKind: 'estimate', bytes: 3 * 1024 ** 3 }], referencing: ['payments'], dependents: ['booking_report'], missing: [] },
      fact({ cascade: true }),
    );
    expect(lines).toEqual([
      'table bookings: 120 rows, 48 KB (database carrental on db.internal:5432)',
      'table big: ~5000000 rows, 3.0 GB (database carrental on db.internal:5432)',
      'in all: 5000120 rows in 2 tables',
      'CASCADE drops the foreign keys of: payments',
      'CASCADE also drops: booking_report',
    ]);
    expect(describePg({ tables: [], referencing: [], dependents: [], missing: ['nope'] }, fact())).toEqual(['no such table in database carrental on db.internal:5432 (nope)']);
    expect(describePg({ tables: [], referencing: ['payments'], dependents: [], missing: [] }, fact({ class: 'truncate', cascade: true })).at(-1)).toBe('CASCADE also empties: payments');
  });

  it('formatBytes', () => {
    expect([formatBytes(0), formatBytes(1023), formatBytes(1536), formatBytes(10 * 1024 ** 2)]).toEqual(['0 B', '1023 B', '1.5 KB', '10 MB']);
  });
});

describe('postgresImpact', () => {
  it('has nothing to say about SELECTs or other facts', async () => {
    const ctx = { signal: new AbortController().signal, deadline: Date.now() + 1000, cwd: '/', env: {}, command: null, result: null as never };
    expect(await postgresImpact(fact({ class: 'select' }), ctx)).toBeNull();
    expect(await postgresImpact({ type: 'git', command: 'x' }, ctx)).toBeNull();
  });

  it('an unreachable server is an error the caller reports as "could not look up"', async () => {
    const ctx = { signal: new AbortController().signal, deadline: Date.now() + 3000, cwd: '/', env: { PATH: process.env.PATH }, command: null, result: null as never };
    await expect(postgresImpact(fact({ host: '127.0.0.1', port: '1' }), ctx)).rejects.toThrow(/psql/);
  });
});
