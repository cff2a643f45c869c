import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';
import { classifySql } from '../../../src/analyzers/datastores/sql';
import { mongoOps } from '../../../src/analyzers/datastores/mongo';
import { cliFacts, OPTS, rules } from '../kubernetes/helpers';

describe('SQL classifier', () => {
  it('tells statements apart and ignores literals and comments', () => {
    const s = classifySql("INSERT INTO t VALUES ('drop table users; --'); -- DROP TABLE x\nDELETE FROM a WHERE id=1; delete from b; /* drop database c */ TRUNCATE d", 'mysql');
    expect(s.map((x) => [x.action, x.object, x.names.join(','), x.where])).toEqual([
      ['insert', '', '', false], ['delete', 'table', 'a', true], ['delete', 'table', 'b', false], ['truncate', 'table', 'd', false],
    ]);
  });

  it('reads MySQL executable comments as code', () => {
    expect(classifySql('/*!40000 DROP DATABASE shop */', 'mysql')[0]).toMatchObject({ action: 'drop', object: 'database', names: ['shop'] });
  });

  it('keeps qualified and quoted names', () => {
    expect(classifySql('DROP TABLE IF EXISTS `shop`.`users`, logs', 'mysql')[0]!.names).toEqual(['shop.users', 'logs']);
    expect(classifySql('ALTER TABLE users DROP COLUMN email', 'mysql')[0]).toMatchObject({ action: 'alter-drop', object: 'column' });
    expect(classifySql('ALTER TABLE users DROP INDEX i', 'mysql')[0]!.action).toBe('alter');
  });
});

describe('mysql / sqlite3', () => {
  it('reads -e, heredocs and pipes, and places the host', async () => {
    const r = await check('mysql -h db.prod.example.com -uroot -psecret shop -e "DELETE FROM orders"', OPTS);
    expect(r.findings[0]).toMatchObject({ rule: 'datastores/delete-all-rows', resource: 'orders', environment: 'production' });
    expect(await rules("mysql shop <<'SQL'\nTRUNCATE orders;\nSQL")).toContain('datastores/drop-table');
    expect(await rules('echo "drop database shop" | mariadb')).toContain('datastores/drop-database');
    expect(await rules("printf 'SELECT 1;' | mysql shop")).toEqual([]);
  });

  it('sqlite3 reads the SQL after the file', async () => {
    const [f] = await cliFacts('sqlite3 data/app.db "DROP TABLE users"');
    expect(f).toMatchObject({ tool: 'sqlite3', action: 'drop', object: 'table', name: 'users', database: 'data/app.db' });
    expect(await rules('sqlite3 app.db .tables')).toEqual([]);
  });
});

describe('mongo and redis', () => {
  it('finds drops and unfiltered deletes in JavaScript', () => {
    const ops = mongoOps("use shop\ndb.users.drop(); db.getCollection('events').deleteMany({}); db.logs.deleteMany({ level: 'debug' }); print('db.dropDatabase()')");
    expect(ops.map((o) => [o.action, o.object, o.name, o.all, o.database])).toEqual([
      ['drop', 'collection', 'users', true, 'shop'], ['delete', 'collection', 'events', true, 'shop'], ['delete', 'collection', 'logs', false, 'shop'],
    ]);
  });

  it('takes the database from the connection string', async () => {
    const r = await check('mongosh "mongodb+srv://u:p@cluster0.prod.mongodb.net/shop" --eval "db.dropDatabase()"', OPTS);
    expect(r.findings[0]).toMatchObject({ rule: 'datastores/drop-database', resource: 'shop', environment: 'production' });
  });

  it('redis flushes, admin commands and stdin', async () => {
    expect(await rules('redis-cli -h cache.prod -a pw FLUSHALL')).toContain('datastores/redis-flush');
    expect(await rules("redis-cli <<'EOF'\nSELECT 2\nFLUSHDB\nEOF")).toContain('datastores/redis-flush');
    expect(await rules('redis-cli GET flushall')).toEqual([]);
  });
});
