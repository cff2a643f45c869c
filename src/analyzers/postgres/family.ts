// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 40,
  programs: [
    'psql', 'pgcli', 'dropdb', 'dropuser', 'pg_restore', 'pg_dump', 'drop', 'delete', 'truncate',
    'alter', 'update', 'merge', 'revoke', 'copy', 'vacuum', 'reassign',
  ],
  shim: {
    // SQL typed at a console (`DROP TABLE x`) is analysed from the line; there is no such program.
    never: ['drop', 'delete', 'alter', 'update', 'merge', 'revoke', 'copy', 'vacuum', 'reassign'],
    extra: ['createdb', 'pg_ctl'],
  },
  // `sql/` rules (a user's ruleset may name them so) are about SQL whatever the client.
  impact: { facts: { sql: ['sql'] } },
  undo: { facts: ['sql'], keeps: 'PostgreSQL tables' },
  stdin: ['psql', 'pgcli'],
  nested: { inert: ['psql'] },
} satisfies FamilyDeclaration;
