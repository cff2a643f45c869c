// Datastores: mysql/mariadb, mysqladmin, sqlite3, mongosh/mongo, mongorestore, redis-cli/valkey-cli.
// Facts: { type: 'cli', tool, action, object, name, host, database, ... } (one per SQL statement / operation).
import type { Analyzer } from '../types';
import { analyzeMysql, analyzeMysqladmin, analyzeSqlite } from './mysql';
import { analyzeMongo, analyzeMongorestore } from './mongo';
import { analyzeRedis } from './redis';
import { analyzeSqlClient, CLIENT_PROGRAMS } from './clients';

const BY_PROGRAM: Record<string, Analyzer['analyze']> = {
  mysql: analyzeMysql, mariadb: analyzeMysql, mysqladmin: analyzeMysqladmin, 'mariadb-admin': analyzeMysqladmin,
  sqlite3: analyzeSqlite, sqlite: analyzeSqlite, mongosh: analyzeMongo, mongo: analyzeMongo, mongorestore: analyzeMongorestore,
  'redis-cli': analyzeRedis, 'valkey-cli': analyzeRedis,
  ...Object.fromEntries(CLIENT_PROGRAMS.map((p) => [p, analyzeSqlClient])),
};

const analyzer: Analyzer = {
  name: 'datastores',
  analyze(cmd, ctx) {
    const f = BY_PROGRAM[cmd.program ?? ''];
    return f ? f(cmd, ctx) : [];
  },
};
export default analyzer;
