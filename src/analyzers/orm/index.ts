// ORM and framework database resets: prisma, rails/rake (bundle exec, bin/rails), django, alembic,
// knex, sequelize, typeorm, drizzle-kit, mikro-orm, Laravel artisan.
// Facts: { type: 'cli', tool, object (database / prisma command group), action (task), name, ... }.
import type { Command, Fact } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { analyzeArtisan, analyzeRails } from './rails';
import { analyzeMigrator, analyzePrisma } from './node';
import { analyzePython } from './python';

function analyze(cmd: Command, ctx: AnalyzeContext): Fact[] {
  switch (cmd.program) {
    case 'prisma':
      return analyzePrisma(cmd, ctx);
    case 'rails':
    case 'rake':
      return analyzeRails(cmd, ctx);
    case 'bundle': {
      // bundle exec rails db:drop / bundle exec rake db:reset
      if (cmd.argv[1]?.value !== 'exec') return [];
      const inner = cmd.argv.slice(2);
      const p = inner[0]?.value?.split('/').pop();
      if (p === 'rails' || p === 'rake') return analyzeRails(cmd, ctx, inner);
      return [];
    }
    case 'php': {
      const k = cmd.argv.findIndex((w, i) => i > 0 && w.value !== null && !w.value.startsWith('-'));
      return k > 0 && cmd.argv[k]!.value!.split('/').pop() === 'artisan' ? analyzeArtisan(cmd, ctx, cmd.argv.slice(k)) : [];
    }
    case 'artisan':
      return analyzeArtisan(cmd, ctx);
    case 'python':
    case 'python3':
    case 'manage.py':
    case 'django-admin':
    case 'alembic':
      return analyzePython(cmd, ctx);
    default:
      return analyzeMigrator(cmd, ctx);
  }
}

const analyzer: Analyzer = {
  name: 'orm',
  analyze,
};
export default analyzer;
