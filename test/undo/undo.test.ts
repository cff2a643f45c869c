// Checkpoints: planned within the size bound, taken, listed, restored byte for byte; retention.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lookupImpacts } from '../../src/impact/index';
import { planCheckpoint, restoreCheckpoint, takeCheckpoint, undoCommand } from '../../src/undo/index';
import { restoreFiles, saveFiles } from '../../src/analyzers/files/undo';
import { restoreGit, saveGit } from '../../src/analyzers/git/undo';
import { checkpointsDir, listCheckpoints, newId, prune, writeManifest, type Manifest } from '../../src/undo/store';
import { restoreTerraform, saveTerraform } from '../../src/analyzers/terraform/undo';
import { checked, git, removeScratch, repo, scratch, write } from '../impact/helpers';

const CONFIG = () => path.join(process.env.AIRLOCK_CONFIG_DIR!, 'config.yaml');
let bump = 0;
/** Settings are cached by mtime: give each write its own. */
function settings(text: string): void {
  fs.writeFileSync(CONFIG(), text);
  const t = Date.now() / 1000 + ++bump;
  fs.utimesSync(CONFIG(), t, t);
}

afterEach(() => {
  removeScratch();
  fs.rmSync(CONFIG(), { force: true });
  fs.rmSync(checkpointsDir(), { recursive: true, force: true });
});

function fingerprint(dir: string, skip = (_rel: string) => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(p);
      else if (e.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(p)}`;
      else out[rel] = `${createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${(fs.statSync(p).mode & 0o777).toString(8)}`;
    }
  };
  walk(dir);
  return out;
}

const skipGit = (rel: string) => rel === '.git' || rel.startsWith('.git/');

describe('files', () => {
  it('copies and restores byte for byte (modes, symlinks, binary); what is there now is set aside', () => {
    const d = scratch();
    write(d, 'data/a.bin', Buffer.from([0, 255, 13, 10]));
    write(d, 'data/x/run.sh', '#!/bin/sh\n', 0o750);
    fs.symlinkSync('a.bin', path.join(d, 'data', 'link'));
    const before = fingerprint(path.join(d, 'data'));
    const into = scratch('airlock-cp-');
    const item = saveFiles(path.join(d, 'data'), into, 0, 3, 4);
    fs.rmSync(path.join(d, 'data', 'x'), { recursive: true });
    write(d, 'data/new.txt', 'created after');
    const notes = restoreFiles(item, into);
    expect(fingerprint(path.join(d, 'data'))).toEqual(before);
    expect(notes[0]).toMatch(/set aside/);
  });
});

describe('git', () => {
  it('keeps HEAD, the working tree (untracked too) and the index; restores them after reset --hard', () => {
    const d = repo();
    write(d, 'a.txt', 'changed\n');
    write(d, 'new/untracked.txt', 'untracked\n');
    write(d, 'staged.txt', 'staged\n');
    git(d, 'add', 'staged.txt');
    const before = fingerprint(d, skipGit);
    const status = git(d, 'status', '--porcelain');
    const item = saveGit('t1', { type: 'git', command: 'git reset --hard', action: 'reset-hard', workdir: d });
    expect(item.refs.map((r) => r.ref)).toEqual(['refs/airlock/t1/head', 'refs/airlock/t1/worktree']);
    git(d, 'reset', '-q', '--hard');
    fs.rmSync(path.join(d, 'new'), { recursive: true });
    restoreGit(item);
    expect(fingerprint(d, skipGit)).toEqual(before);
    expect(git(d, 'status', '--porcelain')).toBe(status);
  });

  it('a force-deleted branch comes back at its tip', () => {
    const d = repo();
    git(d, 'branch', 'feature', 'HEAD~1');
    const tip = git(d, 'rev-parse', 'feature');
    const item = saveGit('t2', { type: 'git', command: 'git branch -D feature', action: 'branch-delete-force', paths: ['feature'], workdir: d });
    git(d, 'branch', '-D', 'feature');
    const notes = restoreGit(item);
    expect(git(d, 'rev-parse', 'feature')).toBe(tip);
    expect(notes).toContain(`branch feature restored at ${tip.slice(0, 12)}`);
  });
});

describe('terraform', () => {
  it('copies the state files back', () => {
    const d = scratch();
    write(d, 'terraform.tfstate', '{"version":4}');
    const into = scratch('airlock-cp-');
    const item = saveTerraform(d, into);
    fs.writeFileSync(path.join(d, 'terraform.tfstate'), '{"version":4,"resources":[]}');
    restoreTerraform(item);
    expect(fs.readFileSync(path.join(d, 'terraform.tfstate'), 'utf8')).toBe('{"version":4}');
  });
});

describe('plan, take, list, restore', () => {
  it('rm -rf data: planned with its size, taken, restored by undo', async () => {
    const d = repo();
    write(d, 'data/one.csv', 'id\n1\n');
    const r = await checked('rm -rf data', d);
    const findings = await lookupImpacts(r, { cwd: d, timeoutMs: 10_000 });
    const plan = planCheckpoint(r, findings, { cwd: d });
    expect(plan.note).toBe('checkpoint: will be taken before it runs (a copy of data, 5 B); `airlock undo` restores it');
    const m = takeCheckpoint(plan, r, { command: 'rm -rf data', cwd: d })!;
    expect(m.items.map((i) => i.kind)).toEqual(['files']);
    fs.rmSync(path.join(d, 'data'), { recursive: true });
    restoreCheckpoint(m.id);
    expect(fs.readFileSync(path.join(d, 'data', 'one.csv'), 'utf8')).toBe('id\n1\n');
    expect(listCheckpoints()[0]!.restoredAt).toBeTruthy();
  });

  it('over the size bound: no checkpoint, and the note says why', async () => {
    settings('undo:\n  max_bytes: 3\n');
    const d = repo();
    write(d, 'data/one.csv', 'id\n1\n');
    const r = await checked('rm -rf data', d);
    const plan = planCheckpoint(r, r.findings, { cwd: d });
    expect(plan.items).toEqual([]);
    expect(plan.note).toBe('no checkpoint: a copy of data: 5 B is over the 3 B bound (undo.max_bytes)');
    settings('undo: false\n');
    expect(planCheckpoint(r, r.findings, { cwd: d }).note).toMatch(/checkpoints are off/);
  });

  it('a remote resource has nothing local to keep', async () => {
    const d = scratch();
    const r = await checked('railway volume delete --volume 3d2c42fb-8a1e-4c7b-9f3e-5b6a7c8d9e0f --yes', d);
    expect(planCheckpoint(r, r.findings, { cwd: d }).note).toBe('no checkpoint: nothing local to keep (remote resources cannot be checkpointed)');
  });

  it('undoCommand: --list, then restore the newest not yet restored; an unknown id fails', async () => {
    const d = repo();
    write(d, 'a.txt', 'uncommitted\n');
    const r = await checked('git reset --hard', d);
    const plan = planCheckpoint(r, r.findings, { cwd: d });
    const m = takeCheckpoint(plan, r, { command: 'git reset --hard', cwd: d })!;
    git(d, 'reset', '-q', '--hard');
    const out: string[] = [];
    const write0 = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    try {
      expect(undoCommand(undefined, { list: true })).toBe(0);
      expect(undoCommand(undefined, {})).toBe(0);
      expect(undoCommand('no-such-id', {})).toBe(1);
    } finally {
      process.stdout.write = write0;
    }
    expect(out.join('')).toContain(m.id);
    expect(out.join('')).toContain(`restored checkpoint ${m.id}`);
    expect(fs.readFileSync(path.join(d, 'a.txt'), 'utf8')).toBe('uncommitted\n');
  });
});

describe('retention', () => {
  it('keeps the newest `keep`, drops those older than max_age_days', () => {
    const mk = (id: string, createdAt: string) => {
      fs.mkdirSync(path.join(checkpointsDir(), id), { recursive: true });
      writeManifest({ id, createdAt, command: 'x', cwd: '/', items: [], skipped: [], bytes: 0 } as Manifest);
    };
    const now = Date.parse('2026-12-02T12:00:00Z');
    mk('a', '2026-12-02T11:00:00.000Z');
    mk('b', '2026-12-02T10:00:00.000Z');
    mk('c', '2026-12-02T09:00:00.000Z');
    mk('old', '2026-11-01T09:00:00.000Z');
    expect(prune({ keep: 2, maxAgeDays: 14, maxBytes: 1, enabled: true }, process.env, now).sort()).toEqual(['c', 'old']);
    expect(listCheckpoints().map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('ids sort by time', () => {
    expect(newId(new Date('2026-12-02T13:45:01Z'))).toMatch(/^20261202-134501-[0-9a-f]{4}$/);
  });
});
