// The hold: after a critical approval the approver counts down before answering; any input or
// Ctrl-C during the countdown denies. (The fixture's findings are critical.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, cleanup, runClient, startApprover, testEnv } from './helpers';

afterEach(() => cleanup());

function withHold(seconds: number) {
  const env = testEnv();
  fs.writeFileSync(path.join(env.AIRLOCK_CONFIG_DIR!, 'config.yaml'), `hold: ${seconds}\n`);
  return env;
}

describe('hold for critical approvals', () => {
  it('the approval is sent when the countdown ends', async () => {
    const env = withHold(2);
    const ap = await startApprover(env);
    const res = runClient(env, { command: 'railway volume delete vol-prod-1', resources: ['vol-prod-1'] });
    await ap.waitFor('to approve');
    expect(ap.text).toContain('Hold:      critical: after you approve, it waits 2s, during which Enter or Ctrl-C cancels');
    ap.type('vol-prod-1');
    await ap.waitFor('it runs in 2s. Press Enter or Ctrl-C to cancel.');
    const { answer } = await res;
    expect(answer.approved).toBe(true);
    expect(answer.message).toContain('after a 2s hold');
    await ap.waitFor('✔ approved (hold over)');
  }, TEST_TIMEOUT);

  it('Enter during the countdown cancels', async () => {
    const env = withHold(30);
    const ap = await startApprover(env);
    const res = runClient(env, { command: 'terraform destroy', resources: ['prod'] });
    await ap.waitFor('to approve');
    ap.type('prod');
    await ap.waitFor('it runs in 30s');
    ap.type('');
    const { answer } = await res;
    expect(answer.approved).toBe(false);
    expect(answer.message).toContain('cancelled during the hold');
  }, TEST_TIMEOUT);

  it('Ctrl-C during the countdown cancels, and the next request is shown after it', async () => {
    const env = withHold(30);
    const ap = await startApprover(env);
    const first = runClient(env, { command: 'terraform destroy', resources: ['prod'] });
    await ap.waitFor('to approve');
    ap.type('prod');
    await ap.waitFor('it runs in 30s');
    const second = runClient(env, { command: 'dropdb app', resources: ['app'] });
    ap.write('\x03');
    expect((await first).answer.message).toContain('Ctrl-C during the hold');
    await ap.waitFor('Type app to approve');
    ap.type('');
    expect((await second).answer.approved).toBe(false);
  }, TEST_TIMEOUT);

  it('hold: 0 answers at once', async () => {
    const env = withHold(0);
    const ap = await startApprover(env);
    const res = runClient(env, { command: 'terraform destroy', resources: ['prod'] });
    await ap.waitFor('to approve');
    ap.type('prod');
    const { answer } = await res;
    expect(answer.approved).toBe(true);
    expect(ap.text).not.toContain('it runs in');
  }, TEST_TIMEOUT);
});
