// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 130,
  programs: [
    'prisma', 'rails', 'rake', 'bundle', 'python', 'python3', 'manage.py', 'django-admin', 'knex',
    'sequelize', 'sequelize-cli', 'typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm',
    'drizzle-kit', 'php', 'artisan', 'alembic', 'mikro-orm',
  ],
  shim: {
    never: ['bundle'],
    // Their `--version` may still load the project (Rakefile, Gemfile, artisan, manage.py).
    noInfoOnly: ['rake', 'bundle', 'rails', 'php', 'artisan', 'manage.py', 'django-admin'],
  },
  nested: { packages: { '@prisma/cli': 'prisma', 'drizzle-kit': 'drizzle-kit' } },
} satisfies FamilyDeclaration;
