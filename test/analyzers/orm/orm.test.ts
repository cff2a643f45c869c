import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';
import { OPTS, rules } from '../kubernetes/helpers';

describe('prisma', () => {
  it('denies when the line gives the AI-consent variable itself', async () => {
    const r = await check('PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=yes npx prisma migrate reset --force', OPTS);
    expect(r.decision).toBe('deny');
    expect(r.findings.map((f) => f.rule)).toContain('orm/prisma-ai-consent');
  });

  it('places the database from .env', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-prisma-'));
    writeFileSync(join(dir, '.env'), 'DATABASE_URL="postgresql://u:p@shop-prod.abc.eu-west-1.rds.amazonaws.com:5432/shop"\n');
    const r = await check('npx prisma migrate reset --force', { cwd: dir, env: {} });
    expect(r.findings[0]).toMatchObject({ rule: 'orm/prisma-reset', resource: 'shop', environment: 'production' });
  });

  it('leaves ordinary prisma commands alone', async () => {
    for (const line of ['npx prisma generate', 'npx prisma migrate deploy', 'npx prisma db push', 'pnpm exec prisma studio']) expect(await rules(line), line).toEqual([]);
  });
});

describe('frameworks', () => {
  it('rails tasks through bin/rails, rake and bundle exec', async () => {
    for (const line of ['bin/rails db:drop', 'bundle exec rake db:reset', 'RAILS_ENV=production rails db:schema:load', 'rails db:migrate db:purge']) {
      expect(await rules(line), line).toContain('orm/database-reset');
    }
    const r = await check('rails db:drop RAILS_ENV=production DISABLE_DATABASE_ENVIRONMENT_CHECK=1', OPTS);
    expect(r.decision).toBe('deny');
    expect(r.findings.find((f) => f.rule === 'orm/database-reset')).toMatchObject({ resource: 'production', environment: 'production' });
  });

  it('django, artisan, migrators', async () => {
    expect(await rules('python3 manage.py flush --no-input')).toContain('orm/database-reset');
    expect(await rules('python -m django flush --settings=shop.settings')).toContain('orm/database-reset');
    expect(await rules('php artisan migrate:fresh')).toContain('orm/database-reset');
    expect(await rules('npx knex migrate:rollback --all --env production')).toContain('orm/schema-drop');
    expect(await rules('npx typeorm schema:drop')).toContain('orm/schema-drop');
    expect(await rules('python manage.py runserver')).toEqual([]);
    expect(await rules('python script.py flush')).toEqual([]);
  });
});
