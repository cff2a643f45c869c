// Local deletes decided by what would be lost, through check() in real temporary git repositories:
// restorable from git or regenerable passes; untracked or modified work asks, with a count.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';
import { findMatches, parseFindPlan } from '../../../src/analyzers/files/find-walk';

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv, stdio: 'ignore' });
const env = { HOME: '/home/agent', PATH: '/usr/bin:/bin', TMPDIR: '/tmp' };

let root = '';
let repo = '';
let plain = '';
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'airlock-loss-')));
  repo = join(root, 'repo');
  plain = join(root, 'plain');
  for (const d of ['src/lib', 'docs/old', 'pkg/__pycache__']) mkdirSync(join(repo, d), { recursive: true });
  mkdirSync(join(plain, 'src'), { recursive: true });
  writeFileSync(join(plain, 'src', 'a.ts'), 'a\n');
  writeFileSync(join(repo, 'src', 'a.ts'), 'a\n');
  writeFileSync(join(repo, 'src', 'lib', 'b.ts'), 'b\n');
  writeFileSync(join(repo, 'docs', 'old', 'x.md'), 'x\n');
  writeFileSync(join(repo, 'docs', 'y.md'), 'y\n');
  writeFileSync(join(repo, '.gitignore'), '__pycache__/\n*.pyc\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'init');
  writeFileSync(join(repo, 'pkg', '__pycache__', 'm.pyc'), 'x');
  writeFileSync(join(repo, 'pkg', 'n.pyc'), 'x');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const judge = async (line: string, cwd = repo) => {
  const r = await check(line, { cwd, env });
  return { decision: r.decision, rules: r.findings.map((f) => f.rule), messages: r.findings.map((f) => f.reason).join(' ') };
};

describe('rm inside a git work tree', () => {
  it('allows a directory whose files are all committed and unmodified', async () => {
    expect((await judge('rm -rf src')).decision).toBe('allow');
    expect((await judge('rm -r docs/old')).decision).toBe('allow');
    expect((await judge('rm -rf docs/*')).decision).toBe('allow');
  });

  it('asks when untracked or modified work would go, saying how much', async () => {
    writeFileSync(join(repo, 'src', 'lib', 'new.ts'), 'n\n');
    writeFileSync(join(repo, 'src', 'a.ts'), 'changed\n');
    const r = await judge('rm -rf src');
    expect(r.rules).toContain('files/delete-project-path');
    expect(r.messages).toMatch(/1 modified, 1 untracked files/);
    expect((await judge('rm -rf src/lib')).rules).toContain('files/delete-project-path');
    expect((await judge('rm -rf docs')).decision).toBe('allow');
    git(repo, 'checkout', '-q', '--', 'src/a.ts');
    rmSync(join(repo, 'src', 'lib', 'new.ts'));
  });

  it('the work tree itself, with its .git, always asks', async () => {
    expect((await judge('rm -rf .')).rules).toContain('files/delete-project-root');
    expect((await judge('rm -rf .*')).decision).not.toBe('allow');
  });

  it('outside any work tree a recursive delete of a project directory asks', async () => {
    expect((await judge('rm -rf src', plain)).rules).toContain('files/delete-project-path');
  });

  it('follows cd to the directory the delete runs in', async () => {
    expect((await judge('cd src && rm -rf lib')).decision).toBe('allow');
    writeFileSync(join(repo, 'src', 'lib', 'mine.ts'), 'm\n');
    expect((await judge('cd src && rm -rf lib')).rules).toContain('files/delete-project-path');
    rmSync(join(repo, 'src', 'lib', 'mine.ts'));
  });
});

describe('find judged by what it matches', () => {
  it('regenerable matches pass, in git or not', async () => {
    expect((await judge("find . -name '*.pyc' -delete")).decision).toBe('allow');
    expect((await judge("find . -name __pycache__ -type d -exec rm -rf {} +")).decision).toBe('allow');
    expect((await judge("find . -name '*.pyc' -delete", plain)).decision).toBe('allow');
  });

  it('committed matches pass; untracked ones ask', async () => {
    expect((await judge("find docs -name '*.md' -delete")).decision).toBe('allow');
    writeFileSync(join(repo, 'docs', 'draft.md'), 'mine\n');
    const r = await judge("find docs -name '*.md' -delete");
    expect(r.rules).toContain('files/delete-project-path');
    expect(r.messages).toMatch(/1 untracked file \(docs\/draft\.md\)/);
    rmSync(join(repo, 'docs', 'draft.md'));
  });

  it('a find that reaches .git or cannot be modelled asks', async () => {
    expect((await judge('find . -type f -delete')).decision).not.toBe('allow');
    expect((await judge('find . -name "*.md" -newerXY x -delete')).decision).not.toBe('allow');
    expect((await judge('find . -delete')).decision).not.toBe('allow');
  });
});

describe('find enumeration', () => {
  const plan = (expr: string[]) => parseFindPlan(expr.map((v) => ({ raw: v, value: v })), false)!;
  it('models names, types, depth, negation and alternatives', () => {
    const rel = (xs: string[] | null) => (xs ?? []).map((x) => x.slice(repo.length + 1)).sort();
    expect(rel(findMatches(repo, '.', plan(['-name', '*.ts'])))).toEqual(['src/a.ts', 'src/lib/b.ts']);
    expect(rel(findMatches(repo, '.', plan(['-maxdepth', '2', '-name', '*.ts'])))).toEqual(['src/a.ts']);
    expect(rel(findMatches(repo, '.', plan(['(', '-name', 'a.ts', '-o', '-name', 'y.md', ')', '-type', 'f'])))).toEqual(['docs/y.md', 'src/a.ts']);
    expect(rel(findMatches(join(repo, 'docs'), 'docs', plan(['-type', 'f', '!', '-path', 'docs/old/*'])))).toEqual(['docs/y.md']);
  });
  it('tests it does not model may match', () => {
    const got = findMatches(join(repo, 'docs'), 'docs', plan(['-type', 'f', '-mtime', '+30']));
    expect(got?.length).toBe(2);
  });
  it('stops past its bounds and on unreadable starts', () => {
    let t = 0;
    expect(findMatches(repo, '.', plan(['-name', '*.ts']), {}, () => (t += 200))).toBeNull();
    expect(findMatches(join(repo, 'missing'), 'missing', plan([]))).toBeNull();
    expect(parseFindPlan([{ raw: '$X', value: null }], false)).toBeNull();
    expect(parseFindPlan([{ raw: '-frobnicate', value: '-frobnicate' }], false)).toBeNull();
  });
});
