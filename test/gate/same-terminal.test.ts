// promptOnTty asks on /dev/tty (the controlling terminal), never on stdin.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyProc, TEST_TIMEOUT, bundle, cleanup, procs, runPlain, testEnv } from './helpers';

afterEach(() => cleanup());

function answerOf(p: PtyProc): { approved: boolean; message: string } {
  const m = /ANSWER (\{.*\})/.exec(p.text);
  if (!m) throw new Error(`no answer in:\n${p.text}`);
  return JSON.parse(m[1]!);
}

function start(resources = 'vol-1', hold = 0): PtyProc {
  const env = testEnv();
  fs.writeFileSync(path.join(env.AIRLOCK_CONFIG_DIR!, 'config.yaml'), `hold: ${hold}\n`);
  const p = new PtyProc(process.execPath, [bundle('tty-prompt')], { ...env, AIRLOCK_TEST_RESOURCES: resources });
  procs.push(p);
  return p;
}

describe('promptOnTty', () => {
  it('approves when the resource name is typed on the terminal', async () => {
    const p = start();
    await p.waitFor('to approve');
    expect(p.text).toContain('railway volume delete');
    expect(p.text).toContain('would destroy vol-1');
    p.type('vol-1');
    await p.waitFor('ANSWER');
    expect(answerOf(p).approved).toBe(true);
  }, TEST_TIMEOUT);

  it('denies a wrong name', async () => {
    const p = start('db-a,db-b');
    await p.waitFor('(1/2) to approve');
    p.type('db-b');
    await p.waitFor('ANSWER');
    expect(answerOf(p)).toMatchObject({ approved: false, message: expect.stringMatching(/did not match/) });
  }, TEST_TIMEOUT);

  it('denies on Ctrl-C', async () => {
    const p = start();
    await p.waitFor('to approve');
    p.write('\x03');
    await p.waitFor('ANSWER');
    expect(answerOf(p)).toMatchObject({ approved: false, message: expect.stringMatching(/Ctrl-C/) });
  }, TEST_TIMEOUT);

  it('a critical approval is held for the configured countdown, then approved', async () => {
    const p = start('vol-1', 1);
    await p.waitFor('to approve');
    expect(p.text).toContain('after you approve, it waits 1s');
    p.type('vol-1');
    await p.waitFor('ANSWER');
    expect(p.text).toContain('approved; it runs in 1s. Press Enter or Ctrl-C to cancel.');
    expect(answerOf(p)).toMatchObject({ approved: true, message: expect.stringMatching(/after a 1s hold/) });
  }, TEST_TIMEOUT);

  it('Enter or Ctrl-C during the hold cancels the approval', async () => {
    for (const key of ['\r', '\x03']) {
      const p = start('vol-1', 30);
      await p.waitFor('to approve');
      p.type('vol-1');
      await p.waitFor('it runs in 30s');
      p.write(key);
      await p.waitFor('ANSWER');
      expect(answerOf(p)).toMatchObject({ approved: false, message: expect.stringMatching(/during the hold/) });
    }
  }, TEST_TIMEOUT);

  it('denies when there is no terminal at all', async () => {
    // detached => setsid(): no controlling terminal, so /dev/tty cannot be opened.
    const r = await runPlain(bundle('tty-prompt'), testEnv(), { detached: true });
    const ans = JSON.parse(r.out.replace(/^ANSWER /, ''));
    expect(ans.approved).toBe(false);
    expect(ans.message).toMatch(/No terminal.*`airlock approver`/);
  }, TEST_TIMEOUT);
});
