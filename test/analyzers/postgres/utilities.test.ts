// dropdb, dropuser, pg_restore, pg_dump through the full pipeline.
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const run = (line: string) => check(line, { cwd: '/tmp/airlock-example-project' });

describe('client utilities', () => {
  it('dropdb names the database', async () => {
    const r = await run('dropdb -h prod-db.example.com --if-exists app_production');
    expect(r.findings[0]).toMatchObject({ rule: 'postgres/drop-database', resource: 'app_production', environment: 'production' });
  });
  it('dropdb of an unknown name fails closed', async () => {
    expect((await run('dropdb "$DB"')).findings.map((f) => f.rule)).toContain('postgres/unresolved');
  });
  it('dropuser drops a role', async () => {
    expect((await run('dropuser app_rw')).findings[0]).toMatchObject({ rule: 'postgres/drop', resource: 'app_rw' });
  });
  it('pg_restore --clean into a database confirms', async () => {
    const r = await run('pg_restore --clean --if-exists -d prod dump.sql');
    expect(r.findings[0]).toMatchObject({ rule: 'postgres/restore-clean', resource: 'prod', environment: 'production' });
    expect((await run('pg_restore -cC -d postgres dump.sql')).decision).toBe('confirm');
  });
  it.each(['pg_restore -c dump.sql -f out.sql', 'pg_restore -d fresh dump.sql', 'pg_dump -c app > app.sql', 'pg_dump production > backup.sql'])('%s is allowed', async (line) => {
    expect((await run(line)).decision).toBe('allow');
  });
});
