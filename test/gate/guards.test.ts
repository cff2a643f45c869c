// The approver must be the human's: it refuses to start without a terminal, under a guarded
// agent, next to another approver, or in an unsafe runtime dir.
import * as fs from 'fs';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { cmdlineIsGuarded, guardedReason } from '../../src/gate/procinfo';
import { PtyProc, TEST_TIMEOUT, bundle, cleanup, procs, runPlain, startApprover, testEnv, tmpDir } from './helpers';

afterEach(() => cleanup());

function ptyRun(file: string, args: string[], env: Record<string, string>): PtyProc {
  const p = new PtyProc(file, args, env);
  procs.push(p);
  return p;
}

describe('approver start-up refusals', () => {
  it('refuses without a TTY', async () => {
    const env = testEnv();
    const r = await runPlain(bundle('approver'), env);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/without a terminal/);
    expect(fs.existsSync(path.join(env.AIRLOCK_RUNTIME_DIR, 'approver.sock'))).toBe(false);
  }, TEST_TIMEOUT);

  it('refuses with AIRLOCK_GUARDED in its own environment', async () => {
    const p = ptyRun(process.execPath, [bundle('approver')], { ...testEnv(), AIRLOCK_GUARDED: '1' });
    expect(await p.exited).toBe(3);
    expect(p.text).toMatch(/refusing to start under an airlock-guarded process: AIRLOCK_GUARDED/);
  }, TEST_TIMEOUT);

  it('refuses under an ancestor that has AIRLOCK_GUARDED, even if it was unset for the child', async () => {
    const env = { ...testEnv(), AIRLOCK_GUARDED: '1' };
    // The trailing `; echo` keeps sh alive as the parent instead of exec'ing node.
    const p = ptyRun('/bin/sh', ['-c', `env -u AIRLOCK_GUARDED "${process.execPath}" "${bundle('approver')}"; echo "rc=$?"`], env);
    await p.waitFor('rc=');
    expect(p.text).toMatch(/ancestor process \d+ .*is guarded by airlock/);
    expect(p.text).toContain('rc=3');
  }, TEST_TIMEOUT);

  it('refuses under an `airlock -c` ancestor', async () => {
    const dir = tmpDir('airlock-fake-bin-');
    const fake = path.join(dir, 'airlock');
    fs.writeFileSync(fake, `"${process.execPath}" "${bundle('approver')}"; echo "rc=$?"\n`, { mode: 0o755 });
    const p = ptyRun('/bin/sh', [fake, '-c', 'ls'], testEnv());
    await p.waitFor('rc=');
    expect(p.text).toMatch(/airlock guarded shell\/hook\/shim/);
    expect(p.text).toContain('rc=3');
  }, TEST_TIMEOUT);

  it('refuses to start when another approver is listening', async () => {
    const env = testEnv();
    await startApprover(env);
    const second = ptyRun(process.execPath, [bundle('approver')], env);
    expect(await second.exited).toBe(2);
    expect(second.text).toMatch(/another approver is already listening/);
  }, TEST_TIMEOUT);

  it('refuses a runtime dir with mode 0755', async () => {
    const env = testEnv();
    fs.mkdirSync(env.AIRLOCK_RUNTIME_DIR);
    fs.chmodSync(env.AIRLOCK_RUNTIME_DIR, 0o755);
    const p = ptyRun(process.execPath, [bundle('approver')], env);
    expect(await p.exited).toBe(2);
    expect(p.text).toMatch(/mode 0755, expected 0700/);
  }, TEST_TIMEOUT);
});

describe('guarded process detection', () => {
  it('recognises airlock guarded command lines', () => {
    expect(cmdlineIsGuarded(['/usr/local/bin/airlock', '-c', 'rm -rf x'])).toBe(true);
    expect(cmdlineIsGuarded(['node', '/opt/airlock/bin/airlock', 'hook', 'claude-code'])).toBe(true);
    expect(cmdlineIsGuarded(['node', '/opt/airlock/dist/airlock.js', 'shim', 'psql'])).toBe(true);
    expect(cmdlineIsGuarded(['node', '/opt/airlock/bin/airlock', 'approver'])).toBe(false);
    expect(cmdlineIsGuarded(['bash', '-c', 'airlock'])).toBe(false);
  });

  it('treats any AIRLOCK_GUARDED value as guarded', () => {
    expect(guardedReason({ AIRLOCK_GUARDED: '0' })).toMatch(/AIRLOCK_GUARDED/);
    expect(guardedReason({ AIRLOCK_GUARDED: '' })).toMatch(/AIRLOCK_GUARDED/);
  });
});
