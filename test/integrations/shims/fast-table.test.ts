// The shims' sh fast path: harmless argument shapes exec the real program without starting
// airlock; anything else, or any ruleset layer in force, goes to `airlock shim`.
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { SHIM_MARKER, shimScript } from '../../../src/integrations/shims/shims';
import { shimFastAllows, shimFastSh, type ShimFastTable } from '../../../src/integrations/shims/fast-table';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-shimfast-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const table: ShimFastTable = { git: [{ first: '--version', rest: 'none' }, { first: 'status', rest: 'plain' }] };

// A stand-in for airlock's node entry: records that it was asked, answers nothing (exit 0).
const fakeNode = path.join(root, 'fake-node');
const asked = path.join(root, 'asked');
fs.writeFileSync(fakeNode, `#!/bin/sh\necho "$@" >> '${asked}'\n`, { mode: 0o755 });
const shimDir = path.join(root, 'shims');
fs.mkdirSync(shimDir);
fs.writeFileSync(path.join(shimDir, 'git'), shimScript('git', fakeNode, '/nonexistent/airlock', table), { mode: 0o755 });
const home = path.join(root, 'home');
fs.mkdirSync(home);
const work = path.join(root, 'work');
fs.mkdirSync(path.join(work, '.git'), { recursive: true });

function viaShim(args: string[], extra: Record<string, string> = {}, cwd = work): { status: number | null; stdout: string; asked: boolean } {
  fs.rmSync(asked, { force: true });
  const r = spawnSync(path.join(shimDir, 'git'), args, { cwd, encoding: 'utf8', env: { PATH: `${shimDir}:${process.env.PATH}`, HOME: home, ...extra } });
  return { status: r.status, stdout: r.stdout, asked: fs.existsSync(asked) };
}

describe('shim fast path', () => {
  it('mirrors shimFastAllows in TypeScript', () => {
    expect(shimFastAllows(table, 'git', ['--version'])).toBe(true);
    expect(shimFastAllows(table, 'git', ['--version', 'x'])).toBe(false);
    expect(shimFastAllows(table, 'git', ['status', '--short', 'src/x.ts'])).toBe(true);
    expect(shimFastAllows(table, 'git', ['status', '$(rm)'])).toBe(false);
    expect(shimFastAllows(table, 'git', ['status', '--output=/tmp/x'])).toBe(false);
    expect(shimFastAllows(table, 'git', ['push'])).toBe(false);
    expect(shimFastAllows(table, 'rm', ['--version'])).toBe(false);
  });

  it('a harmless shape runs the real program without airlock', () => {
    const r = viaShim(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^git version/);
    expect(r.asked).toBe(false);
    expect(viaShim(['status', '--short']).asked).toBe(false);
  });

  it('anything else asks airlock', () => {
    expect(viaShim(['push', '--force']).asked).toBe(true);
    expect(viaShim(['status', 'a b']).asked).toBe(true);
    expect(viaShim(['status', '--output=x']).asked).toBe(true);
    expect(viaShim(['--version', '--extra']).asked).toBe(true);
  });

  it('any ruleset layer in force asks airlock', () => {
    expect(viaShim(['--version'], { AIRLOCK_RULESETS: '/x.yaml' }).asked).toBe(true);
    const cfg = path.join(root, 'cfg');
    fs.mkdirSync(cfg);
    fs.writeFileSync(path.join(cfg, 'team.yaml'), 'rules: []\n');
    expect(viaShim(['--version'], { AIRLOCK_CONFIG_DIR: cfg }).asked).toBe(true);
    fs.mkdirSync(path.join(work, '.airlock'));
    try {
      expect(viaShim(['--version']).asked).toBe(true);
    } finally {
      fs.rmSync(path.join(work, '.airlock'), { recursive: true });
    }
    // A project layer above a directory without .git (the work tree is that directory's parent).
    const sub = path.join(root, 'plain', 'sub');
    fs.mkdirSync(sub, { recursive: true });
    fs.mkdirSync(path.join(root, 'plain', '.airlock'));
    expect(viaShim(['--version'], {}, sub).asked).toBe(true);
  });

  it('skips other airlock shims on PATH when it looks for the real program', () => {
    const lines = shimFastSh('git', table.git, SHIM_MARKER).join('\n');
    expect(lines).toContain(`[ "$airlock_l2" = '${SHIM_MARKER}' ] && continue`);
    const second = path.join(root, 'shims2');
    fs.mkdirSync(second);
    fs.copyFileSync(path.join(shimDir, 'git'), path.join(second, 'git'));
    fs.chmodSync(path.join(second, 'git'), 0o755);
    fs.rmSync(asked, { force: true });
    const r = spawnSync(path.join(shimDir, 'git'), ['--version'], { cwd: work, encoding: 'utf8', env: { PATH: `${shimDir}:${second}:${process.env.PATH}`, HOME: home } });
    expect(r.stdout).toMatch(/^git version/);
    expect(fs.existsSync(asked)).toBe(false);
  });
});
