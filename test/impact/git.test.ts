// git impact through the whole pipeline, on scratch repositories (only reads are run).
import { afterEach, describe, expect, it } from 'vitest';
import { lookupImpacts } from '../../src/impact/index';
import { resetTarget } from '../../src/analyzers/git/impact';
import type { Command } from '../../src/types';
import { checked, git, removeScratch, repo, write } from './helpers';

afterEach(() => removeScratch());

async function impactOf(line: string, cwd: string) {
  const r = await checked(line, cwd);
  expect(r.decision).toBe('confirm');
  const findings = await lookupImpacts(r, { cwd, timeoutMs: 20_000 });
  return findings.flatMap((f) => f.impact ?? []).filter((i) => i.source === 'git');
}

describe('git impact', () => {
  it('reset --hard: uncommitted changes lost, untracked files kept', async () => {
    const d = repo();
    write(d, 'a.txt', 'changed\n');
    write(d, 'notes.md', 'mine\n');
    const [i] = await impactOf('git reset --hard', d);
    expect(i!.status).toBe('looked-up');
    expect(i!.summary).toContain('1 file with uncommitted changes lost: a.txt');
    expect(i!.summary).toContain('1 untracked file kept (reset does not touch them)');
    expect(i!.details).toMatchObject({ modified: 1, untracked: 1 });
  });

  it('reset --hard HEAD~1: the commit only on this branch becomes unreachable', async () => {
    const d = repo();
    // Something uncommitted to lose, or the reset is allowed outright (loss-based, issue 13).
    write(d, 'a.txt', 'changed\n');
    const [i] = await impactOf('git reset --hard HEAD~1', d);
    expect(i!.details!.commitsLost).toBe(1);
    expect(i!.summary[0]).toMatch(/^1 commit become unreachable: [0-9a-f]+ second$/);
  });

  it('reset --hard HEAD~1 loses nothing when another branch holds the commit', async () => {
    const d = repo();
    // Something uncommitted to lose, or the reset is allowed outright (loss-based, issue 13).
    write(d, 'a.txt', 'changed\n');
    git(d, 'branch', 'keep');
    const [i] = await impactOf('git reset --hard HEAD~1', d);
    expect(i!.details!.commitsLost).toBe(0);
  });

  it('branch -D: commits only on that branch', async () => {
    const d = repo();
    git(d, 'checkout', '-q', '-b', 'feature');
    write(d, 'c.txt', 'three\n');
    git(d, 'add', '-A');
    git(d, 'commit', '-q', '-m', 'feature work');
    git(d, 'checkout', '-q', 'main');
    const [i] = await impactOf('git branch -D feature', d);
    expect(i!.summary[0]).toMatch(/^branch feature: 1 commit only on it become unreachable: [0-9a-f]+ feature work$/);
    const [none] = await impactOf('git branch -D nosuch', d);
    expect(none!.summary).toEqual(['branch nosuch does not exist']);
  });

  it('push --force: what the remote loses, judged from the last fetch', async () => {
    const d = repo();
    // origin/main as last fetched: one commit ahead of local main.
    write(d, 'r.txt', 'remote\n');
    git(d, 'add', '-A');
    git(d, 'commit', '-q', '-m', 'a colleague pushed this');
    git(d, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    git(d, 'reset', '-q', '--hard', 'HEAD~1');
    const [i] = await impactOf('git push --force origin main', d);
    expect(i!.summary[0]).toMatch(/^origin\/main loses 1 commit \(as of the last fetch\): [0-9a-f]+ a colleague pushed this$/);
    const [unknown] = await impactOf('git push --force upstream main', d);
    expect(unknown!.summary[0]).toBe('upstream/main: not fetched here; what the remote loses is unknown');
  });

  it('resetTarget reads the revision from argv', () => {
    const cmd = (...words: string[]) => ({ command: { argv: words.map((w) => ({ raw: w, value: w })) } as unknown as Command });
    expect(resetTarget(cmd('git', 'reset', '--hard'))).toBe('HEAD');
    expect(resetTarget(cmd('git', 'reset', '--hard', 'origin/main'))).toBe('origin/main');
    expect(resetTarget(cmd('git', '-C', 'x', 'reset', '-q', '--hard', 'v1', '--', 'f'))).toBe('v1');
  });
});
