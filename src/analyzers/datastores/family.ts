// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 120,
  programs: [
    'mysql', 'mariadb', 'mysqladmin', 'mariadb-admin', 'sqlite3', 'sqlite', 'mongosh', 'mongo',
    'mongorestore', 'redis-cli', 'valkey-cli', 'duckdb', 'litecli', 'usql', 'clickhouse-client',
    'clickhouse', 'cqlsh', 'sqlcmd', 'snowsql', 'bq', 'heroku', 'wrangler', 'prisma',
  ],
  informedBy: ['sql'],
  stdin: ['mysql', 'mariadb', 'mongosh', 'mongo', 'sqlite3', 'redis-cli'],
  nested: { inert: ['mysql'] },
} satisfies FamilyDeclaration;
