import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-scripts-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const pkg = JSON.stringify({
  scripts: {
    'db:reset': 'prisma migrate reset --force && prisma db seed',
    predeploy: 'kubectl delete ns preview',
    deploy: 'echo deploying',
    chain: 'npm run db:reset',
    loop: 'npm run loop',
    build: 'tsc -p .',
  },
});

describe('package scripts', () => {
  it('analyses the script text and re-labels the facts with the outer line', async () => {
    const cwd = project({ 'package.json': pkg });
    for (const line of ['npm run db:reset', 'pnpm run db:reset', 'yarn db:reset', 'bun run db:reset', 'npm run chain']) {
      const r = await check(line, { cwd, env: {} });
      const f = r.findings.find((x) => x.rule === 'orm/prisma-reset');
      expect(f, line).toBeDefined();
      expect(f!.command).toBe(line);
    }
  });

  it('runs the pre and post hooks too', async () => {
    const r = await check('npm run deploy', { cwd: project({ 'package.json': pkg }), env: {} });
    expect(r.findings.map((f) => f.rule)).toContain('kubernetes/delete-namespace');
  });

  it('stops at recursion and allows harmless scripts', async () => {
    const cwd = project({ 'package.json': pkg });
    expect((await check('npm run loop', { cwd, env: {} })).decision).toBe('allow');
    expect((await check('npm run build', { cwd, env: {} })).decision).toBe('allow');
  });

  it('treats yarn/pnpm BIN as running that binary', async () => {
    expect((await check('pnpm prisma migrate reset --force', { cwd: '/tmp/airlock-none', env: {} })).findings.map((f) => f.rule)).toContain('orm/prisma-reset');
  });
});

describe('make', () => {
  const makefile = [
    'DB ?= shop_dev',
    'KUBECTL = kubectl --context $(CTX)',
    'CTX := prod-eu',
    '',
    '.PHONY: reset nuke',
    'reset: clean',
    '\t@echo resetting $(DB)',
    '\t-mysql -e "DROP DATABASE $(DB)"',
    'clean:',
    '\trm -rf build',
    'nuke:',
    '\t$(KUBECTL) delete ns shop',
    'harmless:',
    '\techo $$HOME',
  ].join('\n');

  it('expands variables and follows prerequisites', async () => {
    const cwd = project({ Makefile: makefile });
    const r = await check('make reset DB=shop_production', { cwd, env: {} });
    const f = r.findings.find((x) => x.rule === 'datastores/drop-database');
    expect(f).toMatchObject({ resource: 'shop_production', environment: 'production', command: 'make reset DB=shop_production' });
    const n = await check('make -C . nuke', { cwd, env: {} });
    expect(n.findings.find((x) => x.rule === 'kubernetes/delete-namespace')).toMatchObject({ environment: 'production' });
  });

  it('runs the first target by default and skips dry runs', async () => {
    const cwd = project({ Makefile: makefile });
    expect((await check('make', { cwd, env: {} })).findings.map((f) => f.rule)).toContain('datastores/drop-database');
    expect((await check('make -n reset', { cwd, env: {} })).decision).toBe('allow');
    expect((await check('make harmless', { cwd, env: {} })).decision).toBe('allow');
  });
});
