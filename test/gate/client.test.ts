// The guarded side fails closed: no approver, a bad runtime dir, a forged or misbound answer,
// or a listener that is not a human's approver all end in a denial.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS, NO_APPROVER_MESSAGE, approvalTimeoutMs, buildRequest } from '../../src/gate/client';
import { bindingOf } from '../../src/gate/protocol';
import type { Finding } from '../../src/types';
import { PtyProc, TEST_TIMEOUT, bundle, cleanup, procs, runClient, testEnv, waitUntil } from './helpers';

afterEach(() => cleanup());

const spec = { command: 'railway volume delete vol-1', resources: ['vol-1'] };

describe('requestApproval without a usable approver', () => {
  it('denies quickly and names `airlock approver` when no approver runs', async () => {
    const env = testEnv();
    const noDir = await runClient(env, spec); // runtime dir does not even exist
    expect(noDir.answer.approved).toBe(false);
    expect(noDir.answer.message).toBe(NO_APPROVER_MESSAGE);

    fs.mkdirSync(env.AIRLOCK_RUNTIME_DIR, { mode: 0o700 });
    const started = Date.now();
    const r = await runClient(env, spec);
    expect(r.answer.approved).toBe(false);
    expect(r.answer.message).toContain('`airlock approver`');
    // The spec says "within 1 s"; the bound is generous (includes node start-up on a loaded CI box).
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.answer.afterMs).toBeLessThan(3000);
  }, TEST_TIMEOUT);

  it('denies when the socket is stale (nobody listening)', async () => {
    const env = testEnv();
    fs.mkdirSync(env.AIRLOCK_RUNTIME_DIR, { mode: 0o700 });
    const sock = path.join(env.AIRLOCK_RUNTIME_DIR, 'approver.sock');
    // A killed listener leaves its socket file behind.
    spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(sock)}, () => process.kill(process.pid, 'SIGKILL'))`]);
    expect(fs.lstatSync(sock).isSocket()).toBe(true);
    const r = await runClient(env, spec);
    expect(r.answer.approved).toBe(false);
    expect(r.answer.message).toBe(NO_APPROVER_MESSAGE);
  }, TEST_TIMEOUT);

  it('denies when the runtime dir has mode 0755', async () => {
    const env = testEnv();
    fs.mkdirSync(env.AIRLOCK_RUNTIME_DIR);
    fs.chmodSync(env.AIRLOCK_RUNTIME_DIR, 0o755);
    const r = await runClient(env, spec);
    expect(r.answer.approved).toBe(false);
    expect(r.answer.message).toMatch(/mode 0755, expected 0700/);
  }, TEST_TIMEOUT);

  it('denies forged answers bound to another request id or command', async () => {
    for (const forge of ['id', 'command']) {
      const env = testEnv();
      const fake = new PtyProc(process.execPath, [bundle('fake-approver')], { ...env, AIRLOCK_TEST_FORGE: forge });
      procs.push(fake);
      await fake.waitFor('FAKE READY');
      const r = await runClient(env, spec);
      expect(r.answer.approved).toBe(false);
      expect(r.answer.message).toMatch(/does not match this request/);
      fake.kill();
    }
  }, TEST_TIMEOUT);

  it('refuses a listener that has no terminal (not a human approver)', async () => {
    const env = testEnv();
    const fake = spawn(process.execPath, [bundle('fake-approver')], { env: { ...env, AIRLOCK_TEST_FORGE: 'good' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    fake.stdout.on('data', (d) => (out += d));
    try {
      await waitUntil(() => out.includes('FAKE READY'), () => 'fake approver to listen');
      const r = await runClient(env, spec);
      expect(r.answer.approved).toBe(false);
      expect(r.answer.message).toMatch(/no terminal on stdin/);
    } finally {
      fake.kill('SIGKILL');
    }
  }, TEST_TIMEOUT);

  it('refuses a listener running under a guarded process', async () => {
    const env = testEnv();
    const fake = new PtyProc(process.execPath, [bundle('fake-approver')], { ...env, AIRLOCK_GUARDED: '1', AIRLOCK_TEST_FORGE: 'good' });
    procs.push(fake);
    await fake.waitFor('FAKE READY');
    const r = await runClient(env, spec);
    expect(r.answer.approved).toBe(false);
    expect(r.answer.message).toMatch(/guarded/);
  }, TEST_TIMEOUT);
});

describe('buildRequest and settings', () => {
  const finding = (resource: string, rule = 'r/x'): Finding => ({
    rule,
    decision: 'confirm',
    severity: 'high',
    reason: 'x',
    resource,
    environment: 'production',
    command: 'c',
  });

  it('fills identity fields and distinct resources', () => {
    const a = buildRequest('cmd', '/tmp', [finding('a'), finding('b'), finding('a'), finding('', 'r/no-resource')], 'test');
    const b = buildRequest('cmd', '/tmp', [finding('a')], 'test');
    expect(a.resources).toEqual(['a', 'b', 'r/no-resource']);
    expect(a.pid).toBe(process.pid);
    expect(a.ppid).toBe(process.ppid);
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(Number.isNaN(Date.parse(a.createdAt))).toBe(false);
    expect(a.user.length).toBeGreaterThan(0);
  });

  it('binds answers to id, command, cwd and pid', () => {
    const r = buildRequest('cmd', '/tmp', [finding('a')], 'test');
    const h = bindingOf(r);
    expect(bindingOf({ ...r })).toBe(h);
    expect(bindingOf({ ...r, id: 'other' })).not.toBe(h);
    expect(bindingOf({ ...r, command: 'cmd2' })).not.toBe(h);
    expect(bindingOf({ ...r, cwd: '/' })).not.toBe(h);
    expect(bindingOf({ ...r, pid: r.pid + 1 })).not.toBe(h);
  });

  it('reads AIRLOCK_APPROVAL_TIMEOUT in seconds', () => {
    expect(approvalTimeoutMs({})).toBe(DEFAULT_TIMEOUT_MS);
    expect(DEFAULT_TIMEOUT_MS).toBe(120_000);
    expect(approvalTimeoutMs({ AIRLOCK_APPROVAL_TIMEOUT: '5' })).toBe(5000);
    expect(approvalTimeoutMs({ AIRLOCK_APPROVAL_TIMEOUT: 'soon' })).toBe(DEFAULT_TIMEOUT_MS);
  });
});
