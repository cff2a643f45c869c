// git verbs that discard work, judged in real temporary repositories by what they would discard now.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv, stdio: 'ignore' });
const env = { HOME: '/home/agent', PATH: '/usr/bin:/bin' };

let repo = '';
beforeAll(() => {
  repo = join(realpathSync(mkdtempSync(join(tmpdir(), 'airlock-gitloss-'))), 'app');
  mkdirSync(join(repo, 'src'), { recursive: true });
  writeFileSync(join(repo, 'src', 'a.ts'), 'a\n');
  writeFileSync(join(repo, '.gitignore'), 'node_modules/\ndist/\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'init');
});
afterAll(() => rmSync(join(repo, '..'), { recursive: true, force: true }));

const judge = async (line: string) => {
  const r = await check(line, { cwd: repo, env });
  return { decision: r.decision, rules: r.findings.map((f) => f.rule), reasons: r.findings.map((f) => f.reason).join(' ') };
};

describe('reset --hard, checkout -- ., restore, switch -f', () => {
  it('a clean work tree loses nothing', async () => {
    for (const l of ['git reset --hard', 'git reset --hard HEAD~0', 'git checkout -- .', 'git restore src/a.ts', 'git checkout -f main', 'git switch -f main']) expect((await judge(l)).decision, l).toBe('allow');
  });
  it('an uncommitted change asks, naming it', async () => {
    writeFileSync(join(repo, 'src', 'a.ts'), 'edited\n');
    const r = await judge('git reset --hard');
    expect(r.rules).toContain('git/reset-hard');
    expect(r.reasons).toMatch(/1 uncommitted change \(src\/a\.ts\)/);
    expect((await judge('git checkout -- .')).rules).toContain('git/discard-changes');
    expect((await judge('git checkout -- src/a.ts')).rules).toContain('git/discard-changes');
    // A path without changes is still fine.
    expect((await judge('git checkout -- .gitignore')).decision).toBe('allow');
    git(repo, 'checkout', '-q', '--', 'src/a.ts');
  });
  it('a staged change is uncommitted work for reset --hard', async () => {
    writeFileSync(join(repo, 'src', 'b.ts'), 'b\n');
    git(repo, 'add', 'src/b.ts');
    expect((await judge('git reset --hard')).rules).toContain('git/reset-hard');
    git(repo, 'rm', '-q', '--cached', 'src/b.ts');
    rmSync(join(repo, 'src', 'b.ts'));
  });
});

describe('git clean', () => {
  it('judges its own dry run: regenerable output passes, untracked work asks', async () => {
    mkdirSync(join(repo, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(repo, 'node_modules', 'x', 'i.js'), '');
    mkdirSync(join(repo, 'dist'), { recursive: true });
    writeFileSync(join(repo, 'dist', 'o.js'), '');
    expect((await judge('git clean -fdx')).decision).toBe('allow');
    expect((await judge('git clean -fd')).decision).toBe('allow');
    writeFileSync(join(repo, 'notes.md'), 'mine\n');
    const r = await judge('git clean -fdx');
    expect(r.rules).toContain('git/clean');
    expect(r.reasons).toMatch(/1 untracked file \(notes\.md\)/);
    expect((await judge('git clean -fX')).decision).toBe('allow');
    rmSync(join(repo, 'notes.md'));
  });
});

describe('git stash drop / clear', () => {
  it('no stash: nothing to lose; a stash: asks', async () => {
    expect((await judge('git stash clear')).decision).toBe('allow');
    expect((await judge('git stash drop')).decision).toBe('allow');
    writeFileSync(join(repo, 'src', 'a.ts'), 'wip\n');
    git(repo, 'stash', '-q');
    const r = await judge('git stash clear');
    expect(r.rules).toContain('git/stash-drop');
    expect(r.reasons).toMatch(/1 stash \(stash@\{0\}\)/);
    git(repo, 'stash', 'drop', '-q');
  });
});

describe('fails closed', () => {
  it('outside a work tree, or somewhere else, still asks', async () => {
    const r = await check('git reset --hard', { cwd: join(repo, '..'), env });
    expect(r.decision).toBe('confirm');
    expect((await check('ssh host git reset --hard', { cwd: repo, env })).decision).toBe('confirm');
    expect((await check('cd "$(cat dir.txt)" && git reset --hard', { cwd: repo, env })).decision).toBe('confirm');
  });
});
