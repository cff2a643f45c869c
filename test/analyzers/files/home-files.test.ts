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
