// End to end: the approver runs in a real PTY (the human's terminal); guarded clients are
// child processes without a TTY talking to it over the runtime-dir socket.
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, approverTty, cleanup, runClient, startApprover, testEnv } from './helpers';

afterEach(() => cleanup());

describe('airlock approver', () => {
  it('approves when the human types the resource name', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const res = runClient(env, { command: 'railway volume delete vol-prod-1', resources: ['vol-prod-1'] });
    await ap.waitFor('to approve');
    expect(ap.text).toContain('railway volume delete vol-prod-1');
    expect(ap.text).toContain('would destroy vol-prod-1');
    expect(ap.text).toContain('production');
    expect(ap.text).toContain('test-client');
    ap.type('vol-prod-1');
    const { answer } = await res;
    expect(answer.approved).toBe(true);
    expect(answer.message).toMatch(/Approved by the human/);
    expect(answer.terminal).toBe(approverTty(ap));
    await ap.waitFor('✔ approved');
  }, TEST_TIMEOUT);

  it('denies a wrong name', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const res = runClient(env, { command: 'psql -c "drop table users"', resources: ['users'] });
    await ap.waitFor('to approve');
    ap.type('user');
    const { answer } = await res;
    expect(answer.approved).toBe(false);
    expect(answer.message).toMatch(/did not match/);
  }, TEST_TIMEOUT);

  it('denies an empty line', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const res = runClient(env, { command: 'terraform destroy', resources: ['prod'] });
    await ap.waitFor('to approve');
    ap.type('');
    const { answer } = await res;
    expect(answer.approved).toBe(false);
    expect(answer.message).toMatch(/empty answer/);
  }, TEST_TIMEOUT);

  it('denies on Ctrl-C, and a second Ctrl-C with nothing pending quits', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const res = runClient(env, { command: 'terraform destroy', resources: ['prod'] });
    await ap.waitFor('to approve');
    ap.write('\x03');
    const { answer } = await res;
    expect(answer.approved).toBe(false);
    expect(answer.message).toMatch(/Ctrl-C/);
    await ap.waitFor('Waiting for requests', 2);
    ap.write('\x03');
    expect(await ap.exited).toBe(0);
  }, TEST_TIMEOUT);

  it('denies on timeout and drops the withdrawn request from the screen', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const { answer } = await runClient({ ...env, AIRLOCK_APPROVAL_TIMEOUT: '2' }, { command: 'rm -rf /data', resources: ['/data'] });
    expect(answer.approved).toBe(false);
    expect(answer.message).toMatch(/Timed out after 2s/);
    await ap.waitFor('withdrawn');
    // A late answer lands on nothing.
    ap.type('/data');
    await ap.waitFor('no request pending');
  }, TEST_TIMEOUT);

  it('asks for each resource, or all names on one line', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const one = runClient(env, { command: 'drop a and b', resources: ['db-a', 'db-b'] });
    await ap.waitFor('(1/2) to approve');
    ap.type('db-a');
    await ap.waitFor('(2/2) to approve');
    ap.type('db-b');
    expect((await one).answer.approved).toBe(true);

    const both = runClient(env, { command: 'drop a and b again', resources: ['db-a', 'db-b'] });
    await ap.waitFor('(1/2) to approve', 2);
    ap.type('db-a db-b');
    expect((await both).answer.approved).toBe(true);

    const half = runClient(env, { command: 'drop a and b once more', resources: ['db-a', 'db-b'] });
    await ap.waitFor('(1/2) to approve', 3);
    ap.type('db-a');
    await ap.waitFor('(2/2) to approve', 2);
    ap.type('db-a');
    expect((await half).answer.approved).toBe(false);
  }, TEST_TIMEOUT);

  it('queues concurrent requests and answers them one at a time, in order', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const first = runClient(env, { command: 'delete first', resources: ['first-res'] });
    await ap.waitFor('first-res to approve');
    const second = runClient(env, { command: 'delete second', resources: ['second-res'] });
    await ap.waitFor('another request arrived');
    expect(ap.text).not.toContain('second-res to approve');
    ap.type('first-res');
    expect((await first).answer.approved).toBe(true);
    await ap.waitFor('second-res to approve');
    ap.type('first-res');
    const b = await second;
    expect(b.answer.approved).toBe(false);
    expect(ap.text.indexOf('delete first')).toBeLessThan(ap.text.indexOf('delete second'));
  }, TEST_TIMEOUT);

  it('drops a queued request whose client went away', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const first = runClient(env, { command: 'delete first', resources: ['first-res'] });
    await ap.waitFor('first-res to approve');
    const gone = await runClient({ ...env, AIRLOCK_APPROVAL_TIMEOUT: '1' }, { command: 'delete quitter', resources: ['quitter'] });
    expect(gone.answer.approved).toBe(false);
    await ap.waitFor('queued request was withdrawn');
    ap.type('first-res');
    expect((await first).answer.approved).toBe(true);
    await ap.waitFor('Waiting for requests', 2);
    expect(ap.text).not.toContain('quitter to approve');
  }, TEST_TIMEOUT);

  it('refuses a request coming from its own terminal', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const { answer } = await runClient(env, { command: 'drop db', resources: ['db'], tty: approverTty(ap) });
    expect(answer.approved).toBe(false);
    expect(answer.message).toMatch(/own terminal/);
    await ap.waitFor('refused a request from this approver');
  }, TEST_TIMEOUT);

  it('masks secrets in what it shows', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const res = runClient(env, {
      command: "curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz' -X DELETE https://api/x",
      resources: ['x'],
    });
    await ap.waitFor('to approve');
    expect(ap.text).toContain('Bearer abcd…***');
    expect(ap.text).not.toContain('abcdefghijklmnopqrstuvwxyz');
    ap.type('');
    await res;
  }, TEST_TIMEOUT);
});

describe('approvals are single-use', () => {
  it('denies a second request reusing an answered id, without prompting', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const first = runClient(env, { command: 'drop table t', resources: ['t'] });
    await ap.waitFor('to approve');
    ap.type('t');
    const a = await first;
    expect(a.answer.approved).toBe(true);

    const replay = await runClient(env, { command: 'drop table t', resources: ['t'], id: a.id });
    expect(replay.answer.approved).toBe(false);
    expect(replay.answer.message).toMatch(/already used/);
    expect(ap.text.split('to approve').length - 1).toBe(1);
  }, TEST_TIMEOUT);

  it('denies a request reusing the id of one still pending', async () => {
    const env = testEnv();
    const ap = await startApprover(env);
    const id = 'pendingRequestId0001';
    const first = runClient(env, { command: 'drop table t', resources: ['t'], id });
    await ap.waitFor('to approve');
    const dup = await runClient(env, { command: 'drop table t', resources: ['t'], id });
    expect(dup.answer.approved).toBe(false);
    ap.type('t');
    expect((await first).answer.approved).toBe(true);
  }, TEST_TIMEOUT);
});
