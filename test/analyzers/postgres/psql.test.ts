// psql through the full pipeline: every channel SQL takes, the classes, look-alikes, environments.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-pg-'));
fs.writeFileSync(path.join(dir, 'down.sql'), '-- undo\nDROP TABLE orders;\n');
fs.writeFileSync(path.join(dir, 'safe.sql'), "SELECT 'drop table x';\n\\i sub/more.sql\n");
fs.mkdirSync(path.join(dir, 'sub'));
fs.writeFileSync(path.join(dir, 'sub', 'more.sql'), '\\ir inner.sql\n');
fs.writeFileSync(path.join(dir, 'sub', 'inner.sql'), 'TRUNCATE audit_log;\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// No env: variables the line does not set are unknown (as when a pasted line is explained).
const run = (line: string, env?: Record<string, string>) => check(line, { cwd: dir, ...(env ? { env } : {}) });
const rules = async (line: string, env?: Record<string, string>) => (await run(line, env)).findings.map((f) => f.rule);
const sqlFacts = async (line: string, env?: Record<string, string>) => (await run(line, env)).facts.filter((f) => f.type === 'sql');

describe('SQL channels', () => {
  it.each([
    ["psql -c 'DROP TABLE users'", 'postgres/drop'],
    ["psql --command='DROP TABLE users'", 'postgres/drop'],
    ["psql -qAtc 'DROP TABLE users'", 'postgres/drop'],
    ["psql -c 'select 1' -c 'TRUNCATE users'", 'postgres/truncate'],
    ['psql -f down.sql', 'postgres/drop'],
    ['psql --file=down.sql', 'postgres/drop'],
    ['psql < down.sql', 'postgres/drop'],
    ['cat down.sql | psql', 'postgres/drop'],
    ['psql -f - < down.sql', 'postgres/drop'],
    ["psql <<< 'TRUNCATE users'", 'postgres/truncate'],
    ["echo 'DROP DATABASE prod;' | psql", 'postgres/drop-database'],
    ["printf 'DELETE FROM %s;' users | psql", 'postgres/delete-all'],
    ["psql <<'EOF'\nBEGIN;\nDELETE FROM users;\nCOMMIT;\nEOF", 'postgres/delete-all'],
    ['psql -f safe.sql', 'postgres/truncate'],
    ["psql -c '\\i down.sql'", 'postgres/drop'],
    ["psql <<'EOF'\n\\i down.sql\nEOF", 'postgres/drop'],
    ["sudo -u postgres psql -c 'DROP TABLE users'", 'postgres/drop'],
    ["bash -c \"psql -c 'DROP TABLE users'\"", 'postgres/drop'],
    ["echo 'DROP TABLE :t' | psql -v t=users", 'postgres/drop'],
    ["pgcli <<< 'DROP TABLE users'", 'postgres/drop'],
  ])('%s -> %s', async (line, rule) => {
    const r = await run(line);
    expect(r.findings.map((f) => f.rule)).toContain(rule);
    expect(r.decision).toBe('confirm');
  });

  it('names the object to type', async () => {
    const r = await run("psql -c 'DROP TABLE app.users CASCADE'");
    expect(r.findings[0]).toMatchObject({ rule: 'postgres/drop', resource: 'app.users' });
    expect((await sqlFacts("psql -c 'DROP TABLE app.users CASCADE'"))[0]).toMatchObject({ class: 'drop', objectType: 'table', objects: ['app.users'], cascade: true, statement: 'DropStmt' });
  });

  it('substitutes psql variables in scripts, not in -c', async () => {
    expect((await sqlFacts("echo 'DROP TABLE :t' | psql -v t=users"))[0]).toMatchObject({ resource: 'users' });
    expect((await sqlFacts("psql -v t=users -c 'DROP TABLE :t'"))[0]).toMatchObject({ class: 'unparsed' });
  });
});

describe('classes', () => {
  it.each([
    ["psql -c 'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d'", 'delete-all'],
    ["psql -c 'DELETE FROM t WHERE x = 1 OR 1 = 1'", 'delete-all'],
    ["psql -c 'DELETE FROM t WHERE true'", 'delete-all'],
    ["psql -c \"UPDATE t SET a = 1 WHERE 'a' = 'a'\"", 'update-all'],
    ["psql -c 'EXPLAIN ANALYZE DELETE FROM t'", 'delete-all'],
    ["psql -c 'ALTER TABLE t DROP COLUMN c'", 'alter-drop-column'],
    ["psql -c 'DROP OWNED BY r'", 'drop-owned'],
    ["psql -c \"COPY t FROM PROGRAM 'curl x'\"", 'copy-program'],
    ["psql -c \"DO \\$\\$BEGIN EXECUTE 'DROP TABLE x'; END\\$\\$\"", 'drop'],
    ["psql -c \"DO \\$\\$BEGIN EXECUTE 'DROP TABLE ' || t; END\\$\\$\"", 'do-dynamic'],
    ["psql -c 'DO $$BEGIN DELETE FROM t; END$$'", 'delete-all'],
    ["psql -c 'PREPARE p AS DELETE FROM t'", 'delete-all'],
    ["psql -c 'DROP TABL x'", 'unparsed'],
    ["psql -c 'DROP DATABASE x WITH (FORCE)'", 'drop'],
  ])('%s -> %s', async (line, cls) => {
    expect((await sqlFacts(line)).map((f) => f.class)).toContain(cls);
    expect((await run(line)).decision).toBe('confirm');
  });
});

describe('look-alikes and read-only', () => {
  it.each([
    "psql -c \"select 'drop table x'\"",
    "psql -c 'SELECT * FROM dropdown'",
    "psql -c 'DELETE FROM users WHERE id = 42'",
    "psql -c 'EXPLAIN DELETE FROM t'",
    "echo 'DROP TABLE' > notes.txt",
    "grep -r 'DROP TABLE' .",
    'psql -h db.example.com app',
    'psql -l',
    'pg_dump production > backup.sql',
    'pg_restore -d fresh backup.dump',
    'psql --version',
  ])('%s is allowed', async (line) => {
    expect((await run(line)).decision).toBe('allow');
  });
});

describe('unknown SQL fails closed', () => {
  it.each(['psql -c "$Q"', 'psql -f "$F"', 'psql -f missing.sql', 'generate | psql', "psql <<'EOF'\n\\i missing.sql\nEOF"])('%s', async (line) => {
    expect(await rules(line)).toContain('postgres/unresolved');
  });
  it('an interactive session has no SQL to check', async () => {
    expect((await run('psql -h prod-db.example.com app')).decision).toBe('allow');
  });
});

describe('connection and environment', () => {
  const env = async (line: string, e?: Record<string, string>) => (await run(line, e)).findings.find((f) => f.rule.startsWith('postgres/'))?.environment;
  it('reads hosts from flags, URIs, conninfo and PG* variables', async () => {
    expect(await env("psql -h prod-db.example.com -c 'DROP TABLE t'")).toBe('production');
    expect(await env("psql postgres://u:p@staging-db.example.com:5432/app?sslmode=require -c 'DROP TABLE t'")).toBe('staging');
    expect(await env("psql 'host=db.stg.example.com dbname=app' -c 'DROP TABLE t'")).toBe('staging');
    expect(await env("PGHOST=prod-db psql -c 'DROP TABLE t'")).toBe('production');
    expect(await env("psql -c 'DROP TABLE t'", { PGHOST: 'db.staging.internal' })).toBe('staging');
    expect(await env("psql -c 'DROP TABLE t'", { DATABASE_URL: 'postgres://x@live-db.example.com/app' })).toBe('production');
    expect(await env("psql -h localhost -c 'DROP TABLE t'")).toBe('local');
    expect(await env("psql -h db.example.com -c 'DROP TABLE t'")).toBe('unknown');
    expect(await env("ssh prod-db psql -c 'DROP TABLE t'")).toBe('production');
  });
  it('fields come from the URI', async () => {
    expect((await sqlFacts("psql postgresql://u:p@h.example.com:6543/shop -c 'select 1'"))[0]).toMatchObject({ host: 'h.example.com', port: '6543', database: 'shop', user: 'u', infra: true });
  });
  it('\\c retargets the rest of a script', async () => {
    const f = await sqlFacts("psql -h localhost <<'EOF'\n\\c app prod-admin prod-db.example.com\nDROP TABLE t;\nEOF");
    expect(f[0]).toMatchObject({ host: 'prod-db.example.com', database: 'app' });
  });
  it('a session declared staging may not drop on production', async () => {
    const r = await check("psql -h prod-db.example.com -c 'DROP TABLE t'", { cwd: dir, env: {}, sessionEnvironment: 'staging' });
    expect(r.decision).toBe('deny');
  });
});

describe('bounded work', () => {
  it('confirms SQL over the size limit instead of analysing it statement by statement', async () => {
    const big = 'SELECT 1;\n'.repeat(20000);
    expect(await rules(`psql <<'EOF'\n${big}EOF\n`)).toContain('postgres/unparsed');
    expect(await rules(`psql <<'EOF'\n${'SELECT 1;\n'.repeat(100)}EOF\n`)).toEqual([]);
  });
});
