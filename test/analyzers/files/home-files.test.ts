// A plain rm of the user's own files in the home asks; judged by what exists there (a fake home in a temp dir).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../../src/engine';

let root = '';
let home = '';
let project = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'airlock-home-files-'));
  home = join(root, 'home', 'agent');
  project = join(root, 'work', 'app');
  for (const p of ['notes.txt', 'Documents/a.txt', 'Documents/b.txt', '.cache/pip/x.whl', 'code/__pycache__/m.pyc']) {
    mkdirSync(join(home, p, '..'), { recursive: true });
    writeFileSync(join(home, p), 'x\n');
  }
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'src', 'a.ts'), '');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const judge = async (line: string) => {
  const r = await check(line, { cwd: project, env: { HOME: home, PATH: '/usr/bin:/bin' } });
  const f = r.findings.find((x) => x.rule === 'files/delete-home-files');
  return { decision: r.decision, hit: Boolean(f), resource: f?.resource, homeFiles: r.facts.filter((x) => x.type === 'file-delete').map((x) => x.homeFiles) };
};

describe('files/delete-home-files', () => {
  it('asks for existing files of the home, with the count', async () => {
    const one = await judge('rm ~/notes.txt');
    expect(one).toMatchObject({ decision: 'confirm', hit: true });
    expect(one.resource).toBe(join(home, 'notes.txt'));
    const glob = await judge('rm -v ~/Documents/*');
    expect(glob.hit).toBe(true);
    expect(glob.homeFiles).toEqual([2]);
    expect((await judge('unlink ~/notes.txt')).hit).toBe(true);
  });
  it('passes what is not there, caches, bytecode, the project and temp', async () => {
    for (const line of ['rm ~/missing.txt', 'rm -v ~/Empty/*', 'rm ~/.cache/pip/x.whl', 'rm ~/code/__pycache__/m.pyc', 'rm src/a.ts', 'rm -f /tmp/airlock-none.log']) {
      expect((await judge(line)).hit, line).toBe(false);
    }
  });
});

describe('recursive deletes in the home: judged by what is there', () => {
  it('caches under ~/.cache and the package managers\' stores are regenerable', async () => {
    for (const l of ['rm -rf ~/.cache/pip', 'rm -rf ~/.cache', 'rm -rf ~/.npm/_cacache']) expect((await judge(l)).decision, l).toBe('allow');
  });
  it('a path of the home that does not exist deletes nothing, unless something earlier on the line may create it', async () => {
    expect((await judge('rm -rf ~/Downloads/old-files')).decision).toBe('allow');
    expect((await judge('rm -rf ~/.local/share/trash')).decision).toBe('allow');
    for (const l of ['mv ~/Documents ~/old && rm -rf ~/old', 'bash ./x.sh; rm -rf ~/old', 'while true; do rm -rf ~/old; mv ~/Documents ~/old; done', 'f() { rm -rf ~/old; mv ~/D ~/old; }; f; f', "bash -c 'rm -rf ~/old'"]) {
      expect((await judge(l)).decision, l).toBe('confirm');
    }
    // Existing directories of the home, and paths outside it, still ask.
    expect((await judge('rm -rf ~/Documents')).decision).toBe('confirm');
    expect((await judge('rm -rf /srv/nothing-here')).decision).toBe('confirm');
    // A HOME that does not exist is not the one the command runs with: nothing there can be seen.
    const r = await check('rm -rf ~/Documents', { cwd: project, env: { HOME: join(root, 'no-such-home'), PATH: '/usr/bin:/bin' } });
    expect(r.decision).toBe('confirm');
  });
  it('find in the home judged by what its filters pick', async () => {
    expect((await judge("find ~/code -name '__pycache__' -exec rm -rf {} +")).decision).toBe('allow');
    expect((await judge("find ~/Documents -name '*.txt' -delete")).decision).toBe('confirm');
  });
  it('$PWD is the directory the command runs in, not the checker\'s environment', async () => {
    expect((await judge('rm -rf $PWD/dist')).decision).toBe('allow');
    expect((await judge('rm -rf "$PWD"')).decision).toBe('confirm');
  });
});
