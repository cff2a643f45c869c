// The git-state lookup against real temporary repositories: what a delete would lose.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeLoss, lossOf, lostCount, repoStatus, workTreeOf } from '../../../src/analyzers/files/git-state';
import { regenerable } from '../../../src/analyzers/files/loss';
import { readIndex } from '../../../src/analyzers/files/git-index';

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv, stdio: 'ignore' });
const opts = { regenerable, sensitive: (p: string) => /(^|\/)\.env$|\.db$/.test(p) };

let root = '';
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'airlock-gitstate-')));
  mkdirSync(join(root, 'repo', 'src', 'lib'), { recursive: true });
  mkdirSync(join(root, 'repo', 'docs'), { recursive: true });
  mkdirSync(join(root, 'plain'), { recursive: true });
  const r = join(root, 'repo');
  writeFileSync(join(r, 'src', 'a.ts'), 'a\n');
  writeFileSync(join(r, 'src', 'lib', 'b.ts'), 'b\n');
  writeFileSync(join(r, 'docs', 'x.md'), 'x\n');
  writeFileSync(join(r, '.gitignore'), 'logs/\n.env\n*.db\n');
  git(r, 'init', '-q');
  git(r, 'add', '-A');
  git(r, 'commit', '-qm', 'init');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('workTreeOf', () => {
  it('finds the top from a path inside, and nothing outside a work tree', () => {
    expect(workTreeOf(join(root, 'repo', 'src', 'lib'))).toBe(join(root, 'repo'));
    expect(workTreeOf(join(root, 'plain'))).toBeNull();
  });
});

describe('lossOf', () => {
  it('tracked and unmodified: nothing lost', () => {
    const l = lossOf([join(root, 'repo', 'src')], true, opts)!;
    expect(lostCount(l)).toBe(0);
    expect(describeLoss(l)).toBe('nothing git cannot restore');
  });

  it('counts untracked and modified files under the target', () => {
    const r = join(root, 'repo');
    writeFileSync(join(r, 'src', 'new.ts'), 'n\n');
    writeFileSync(join(r, 'src', 'a.ts'), 'changed\n');
    const l = lossOf([join(r, 'src')], true, opts)!;
    expect(l).toMatchObject({ untracked: 1, modified: 1, ignoredData: 0 });
    expect(describeLoss(l)).toMatch(/1 modified, 1 untracked files \(src\/a\.ts, src\/new\.ts\)/);
    // docs/ was not touched.
    expect(lostCount(lossOf([join(r, 'docs')], true, opts)!)).toBe(0);
    git(r, 'checkout', '-q', '--', 'src/a.ts');
    rmSync(join(r, 'src', 'new.ts'));
  });

  it('ignored output is restorable, ignored data is not', () => {
    const r = join(root, 'repo');
    mkdirSync(join(r, 'logs'), { recursive: true });
    writeFileSync(join(r, 'logs', 'a.log'), 'x\n');
    expect(lostCount(lossOf([join(r, 'logs')], true, opts)!)).toBe(0);
    writeFileSync(join(r, 'src', 'app.db'), 'data');
    expect(lossOf([join(r, 'src')], true, opts)).toMatchObject({ ignoredData: 1 });
    rmSync(join(r, 'src', 'app.db'));
    rmSync(join(r, 'logs'), { recursive: true });
  });

  it('regenerable names are never lost, tracked or not', () => {
    const r = join(root, 'repo');
    mkdirSync(join(r, 'src', '__pycache__'), { recursive: true });
    writeFileSync(join(r, 'src', '__pycache__', 'm.cpython-311.pyc'), 'x');
    expect(lostCount(lossOf([join(r, 'src')], true, opts)!)).toBe(0);
    rmSync(join(r, 'src', '__pycache__'), { recursive: true });
  });

  it('a non-recursive target only counts itself', () => {
    const r = join(root, 'repo');
    writeFileSync(join(r, 'src', 'lib', 'c.ts'), 'c\n');
    expect(lostCount(lossOf([join(r, 'src', 'lib')], false, opts)!)).toBe(0);
    expect(lostCount(lossOf([join(r, 'src', 'lib', 'c.ts')], false, opts)!)).toBe(1);
    rmSync(join(r, 'src', 'lib', 'c.ts'));
  });

  it('a nested repository is untracked work', () => {
    const r = join(root, 'repo');
    mkdirSync(join(r, 'src', 'vendored'), { recursive: true });
    writeFileSync(join(r, 'src', 'vendored', 'f.txt'), 'f\n');
    git(join(r, 'src', 'vendored'), 'init', '-q');
    expect(lostCount(lossOf([join(r, 'src')], true, opts)!)).toBeGreaterThan(0);
    rmSync(join(r, 'src', 'vendored'), { recursive: true, force: true });
  });

  it('fails closed: outside a work tree, the top itself, .git, git errors', () => {
    expect(lossOf([join(root, 'plain')], true, opts)).toBeNull();
    expect(lossOf([join(root, 'repo')], true, opts)).toBeNull();
    expect(lossOf([join(root, 'repo', '.git', 'objects')], true, opts)).toBeNull();
    // A .git that is not a repository: git status errors.
    mkdirSync(join(root, 'broken', '.git'), { recursive: true });
    mkdirSync(join(root, 'broken', 'src'), { recursive: true });
    expect(repoStatus(join(root, 'broken'))).toBeNull();
    expect(lossOf([join(root, 'broken', 'src')], true, opts)).toBeNull();
  });
});

describe('readIndex', () => {
  it('reads index versions 2, 3 and 4 alike', () => {
    const r = join(root, 'repo');
    const names = (v: string) => {
      git(r, 'update-index', '--index-version', v);
      return [...(readIndex(r)?.entries.keys() ?? [])].sort();
    };
    const v2 = names('2');
    expect(v2).toEqual(['.gitignore', 'docs/x.md', 'src/a.ts', 'src/lib/b.ts']);
    expect(names('3')).toEqual(v2);
    expect(names('4')).toEqual(v2);
    expect(readIndex(r)?.dirs.has('src/lib')).toBe(true);
    git(r, 'update-index', '--index-version', '2');
  });

  it('declines what it does not model, and git answers instead', () => {
    const r = join(root, 'repo');
    git(r, 'update-index', '--skip-worktree', 'docs/x.md');
    expect(readIndex(r)).toBeNull();
    expect(lostCount(lossOf([join(r, 'docs')], true, opts)!)).toBe(0);
    git(r, 'update-index', '--no-skip-worktree', 'docs/x.md');
  });

  it('a file touched but unchanged is asked of git, which finds nothing lost', () => {
    const r = join(root, 'repo');
    writeFileSync(join(r, 'src', 'a.ts'), 'a\n');
    expect(lostCount(lossOf([join(r, 'src')], true, opts)!)).toBe(0);
  });
});
