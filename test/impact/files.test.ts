// File impact: counts, bytes, git's view of them, examples; the walk's bounds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filesImpact, tally } from '../../src/analyzers/files/impact';
import { lookupImpacts } from '../../src/impact/index';
import { checked, git, removeScratch, repo, scratch, write } from './helpers';

afterEach(() => removeScratch());

describe('tally', () => {
  it('counts files and bytes without following symlinks', () => {
    const d = scratch();
    write(d, 'x/a', '12345');
    write(d, 'x/y/b', '123');
    fs.symlinkSync('/etc', path.join(d, 'x', 'link'));
    const t = tally(path.join(d, 'x'), Date.now() + 10_000);
    expect(t).toMatchObject({ files: 3, dirs: 2, partial: false });
    expect(t.bytes).toBe(5 + 3 + fs.lstatSync(path.join(d, 'x', 'link')).size);
  });

  it('stops at the entry limit and says the numbers are lower bounds', () => {
    const d = scratch();
    for (let i = 0; i < 20; i++) write(d, `many/d${i}/f`, 'x');
    const t = tally(path.join(d, 'many'), Date.now() + 10_000, 5);
    expect(t.partial).toBe(true);
  });

  it('a missing path is zero files; a single file is one', () => {
    const d = scratch();
    write(d, 'one', 'abc');
    expect(tally(path.join(d, 'nope'), Date.now() + 1000).files).toBe(0);
    expect(tally(path.join(d, 'one'), Date.now() + 1000)).toMatchObject({ files: 1, bytes: 3 });
  });
});

describe('files impact through the pipeline', () => {
  it('rm -rf data: files, bytes, untracked and modified in git, example paths', async () => {
    const d = repo();
    write(d, 'data/kept.csv', 'a,b\n');
    git(d, 'add', '-A');
    git(d, 'commit', '-q', '-m', 'data');
    write(d, 'data/kept.csv', 'a,b\nc,d\n');
    write(d, 'data/new/export.json', '{}');
    const r = await checked('rm -rf data', d);
    const [f] = await lookupImpacts(r, { cwd: d, timeoutMs: 20_000 });
    const i = f!.impact!.find((x) => x.source === 'files')!;
    expect(i.status).toBe('looked-up');
    expect(i.details).toMatchObject({ files: 2, bytes: 10, untracked: 1, modified: 1 });
    expect(i.summary[0]).toMatch(/^2 files, 10 B in data \(e\.g\. data\//);
    expect(i.summary[1]).toBe('1 untracked (not in git, gone for good) and 1 with uncommitted changes');
  });

  it('outside git: no git line; a path that does not exist says so', async () => {
    const d = scratch();
    write(d, 'build/out.js', 'x');
    const ctx = { signal: new AbortController().signal, deadline: Date.now() + 5000, cwd: d, env: process.env, command: null, result: null as never };
    const fact = (p: string) => ({ type: 'file-delete', command: `rm -rf ${p}`, path: p, resolved: path.join(d, p) });
    const i = await filesImpact(fact('build'), ctx);
    expect(i!.summary).toEqual(['1 files, 1 B in build (e.g. build/out.js)']);
    const gone = await filesImpact(fact('nope'), ctx);
    expect(gone!.summary).toEqual(['nope does not exist (nothing to delete)']);
    expect(await filesImpact({ type: 'git', command: 'x' }, ctx)).toBeNull();
  });
});
