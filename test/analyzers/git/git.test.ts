// git through the whole pipeline: verbs, option spellings, global options, aliases, branches.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-git-'));
fs.mkdirSync(path.join(repo, '.git', 'refs', 'heads'), { recursive: true });
fs.writeFileSync(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
fs.writeFileSync(path.join(repo, '.git', 'refs', 'heads', 'main'), '0'.repeat(40));
fs.writeFileSync(path.join(repo, 'README.md'), 'x');
// One stash entry, so stash drop/clear have something to lose (an empty stash list loses nothing).
fs.mkdirSync(path.join(repo, '.git', 'logs', 'refs'), { recursive: true });
fs.writeFileSync(path.join(repo, '.git', 'logs', 'refs', 'stash'), `${'0'.repeat(40)} ${'1'.repeat(40)} t <t@example.com> 0 +0000\tWIP on main\n`);
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

const run = async (line: string, cwd = repo) => {
  const r = await check(line, { cwd });
  const git = r.facts.filter((f) => f.type === 'git');
  return { decision: r.decision, rules: r.findings.map((f) => f.rule), resources: r.findings.map((f) => f.resource), git };
};

describe('git push', () => {
  it('reads the current branch from .git/HEAD: a bare force-push hits main', async () => {
    const r = await run('git push -f');
    expect(r.rules).toEqual(['git/push-force-shared']);
    expect(r.resources).toEqual(['origin/main']);
  });
  it.each([
    ['git push --force origin feature', 'git/push-force', 'origin/feature'],
    ['git push origin +main', 'git/push-force-shared', 'origin/main'],
    ['git push origin refs/heads/main:+refs/heads/main', 'git/push-force-shared', 'origin/main'],
    ['git push --forc upstream release/2.0', 'git/push-force-shared', 'upstream/release/2.0'],
    ['git push --force-with-lease origin main', 'git/push-force-with-lease-shared', 'origin/main'],
    // git checks the lease even with --force (remote.c), so this is a leased push of a shared branch.
    ['git push --force --force-with-lease origin main', 'git/push-force-with-lease-shared', 'origin/main'],
    ['git push --force --force-with-lease=main origin topic', 'git/push-force', 'origin/topic'],
    ['git push origin --delete old', 'git/push-delete', 'origin/old'],
    ['git push origin :old', 'git/push-delete', 'origin/old'],
    ['git push --mirror backup', 'git/push-mirror', 'backup'],
  ])('%s -> %s (%s)', async (line, rule, resource) => {
    const r = await run(line);
    expect(r.rules).toContain(rule);
    expect(r.resources).toContain(resource);
  });
  it.each(['git push', 'git push origin main', 'git push --force-with-lease origin topic',  'git push --force-with-lease --force-if-includes', 'git push --force --force-with-lease origin topic', 'git push -n -f origin main', 'git push -u origin "$(git branch --show-current)"'])('%s is allowed', async (line) => {
    expect((await run(line, '/work/agent-project')).decision).toBe('allow');
  });
});

describe('worktree-discarding verbs', () => {
  it.each([
    ['git reset --hard HEAD~2', 'git/reset-hard'],
    ['git reset --merge', 'git/reset-hard'],
    ['git -C sub reset --hard', 'git/reset-hard'],
    ['git --git-dir=x/.git --work-tree=x reset --hard', 'git/reset-hard'],
    ['git -c alias.wipe=reset wipe --hard', 'git/reset-hard'],
    ['X=--hard; git reset $X', 'git/reset-hard'],
    ['git reset $MODE', 'git/dynamic'],
    ['git $VERB --hard', 'git/dynamic'],
    ['git clean -fdx', 'git/clean'],
    ['git checkout -- .', 'git/discard-changes'],
    ['git checkout README.md', 'git/discard-changes'],
    ['git checkout HEAD~1 src/a.ts', 'git/discard-changes'],
    ['git checkout -f main', 'git/discard-changes'],
    ['git switch --discard-changes main', 'git/discard-changes'],
    ['git restore .', 'git/discard-changes'],
    ['git restore -p', 'git/discard-changes'],
    ['git rm -f a.txt', 'git/rm-force'],
    ['git branch -D feature', 'git/branch-force-delete'],
    ['git stash clear', 'git/stash-drop'],
    ['git reflog expire --expire=now --all', 'git/history-destroy'],
    ['git gc --prune=now', 'git/history-destroy'],
    ['git filter-branch --index-filter x -- --all', 'git/history-destroy'],
    ['git worktree remove -f ../wt', 'git/worktree-remove-force'],
  ])('%s -> %s', async (line, rule) => {
    expect((await run(line)).rules).toContain(rule);
  });
  it.each(['git reset --keep HEAD~1', 'git reset HEAD~1', 'git clean -n -f', 'git checkout main', 'git checkout -b x', 'git checkout "$BRANCH"', 'git restore --staged a', 'git restore -S --no-staged a', 'git switch -c x', 'git branch -d feature', 'git stash pop', 'git gc', 'git rm --cached -f a', 'git --help', 'git log --oneline'])('%s is allowed', async (line) => {
    expect((await run(line)).decision).toBe('allow');
  });
  it('names the repository directory as the resource', async () => {
    expect((await run('git reset --hard')).resources).toEqual([path.basename(repo)]);
    expect((await run('git -C /srv/checkouts/api reset --hard')).resources).toEqual(['api']);
  });
  it('judges a shell alias by the command it runs', async () => {
    expect((await run('git -c "alias.x=!rm -rf ~" x')).rules).toContain('files/delete-home');
    expect((await run('git -c "alias.st=!git status" st')).rules).toEqual([]);
  });
});

describe('gh', () => {
  it('confirms gh repo delete with the repository as resource', async () => {
    const r = await run('gh repo delete acme/api --yes');
    expect(r.rules).toContain('git/repo-delete');
    expect(r.resources).toContain('acme/api');
  });
});
