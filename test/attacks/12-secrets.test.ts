// Attack 12: secrets on a blocked line reach the audit log, the approver and the agent's message.
// Every form of the issue is masked in what airlock writes; nothing runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TIMEOUT, claudeBash, expectBlocked, expectHookDenied, expectIntact, hook, sandbox, shell, type Sandbox } from './helpers';

const lines: [string, string][] = [
  ["curl -u 'admin:pass word secret' -X DELETE https://api.example.com/v1/projects/prod; rm -rf ./victim; stub", 'pass word secret'],
  ['mysql -pMysqlSecret42 -h db.prod.example.com -e "drop database app"; rm -rf ./victim', 'MysqlSecret42'],
  ["sshpass -p SshpassSecret42 ssh deploy@prod 'rm -rf /srv/app'; rm -rf ./victim", 'SshpassSecret42'],
  ['redis-cli -a RedisSecret42 -h cache.prod FLUSHALL; rm -rf ./victim', 'RedisSecret42'],
  ['docker login -u me -p DockerSecret42 registry.example.com; rm -rf ./victim', 'DockerSecret42'],
  ['aws configure set aws_secret_access_key AwsSecretKey4242424242; rm -rf ./victim', 'AwsSecretKey4242424242'],
  ['htpasswd -b -c .htpasswd admin HtpasswdSecret42; rm -rf ./victim', 'HtpasswdSecret42'],
  ['kubectl create secret generic db --from-literal=password=KubeSecret42; rm -rf ./victim', 'KubeSecret42'],
  ['openssl enc -aes-256-cbc -pass pass:OpensslSecret42 -in a -out b; rm -rf ./victim', 'OpensslSecret42'],
  ['curl -H "X-Railway-Token: railway-secret-4242" https://backboard.railway.app/graphql/v2; rm -rf ./victim', 'railway-secret-4242'],
  ['curl -X POST https://hooks.slack.com/services/T00/B00/SlackHookSecret42; rm -rf ./victim', 'SlackHookSecret42'],
  ['curl https://api.stripe.com/v1/customers/sk_live_StripeSecret4242; rm -rf ./victim', 'sk_live_StripeSecret4242'],
];

describe('attack 12: secrets in what airlock writes', () => {
  it.each(lines)('%s', (line, secret) => {
    const sb = sandbox();
    const r = shell(sb, line);
    expectBlocked(r);
    expect(r.stderr).not.toContain(secret);
    const h = hook(sb, 'claude-code', claudeBash(line, sb.project));
    expect(h.status).toBe(2);
    expect(h.stderr).not.toContain(secret);
    const log = path.join(sb.env.AIRLOCK_STATE_DIR!, 'audit.jsonl');
    const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(secret);
    expectIntact(sb, line);
  }, TIMEOUT);
});

// The hook decides on a worker thread; the main thread's watchdog answers at the deadline however
// busy the work keeps its thread (a quadratic mask once kept it past the harness's timeout, and
// the harness then proceeds). spawnSync's own 30 s limit would leave status null.
describe('attack 12: the hook answers "blocked" at its deadline while the work is busy', () => {
  it.each([
    ['claude-code', (sb: Sandbox) => claudeBash('stub; rm -rf ./victim', sb.project)],
    ['copilot', (sb: Sandbox) => ({ toolName: 'bash', toolArgs: JSON.stringify({ command: 'stub; rm -rf ./victim' }), cwd: sb.project })],
  ] as const)('%s', (harness, payload) => {
    const sb = sandbox();
    // Busy for 10 minutes; the harness timeout is 3 s (the watchdog fires after 1 s).
    const h = hook(sb, harness, payload(sb), { AIRLOCK_TEST_HOOK_BUSY_MS: '600000', AIRLOCK_HOOK_TIMEOUT: '3' });
    if (harness === 'copilot') {
      expect(h.status).toBe(0);
      expect(JSON.parse(h.stdout)).toMatchObject({ permissionDecision: 'deny' });
    } else expect(h.status).toBe(2);
    expect(h.stderr).toMatch(/could not decide within the \S+ hook time limit \(3s\)/);
    expectIntact(sb);
  }, TIMEOUT);

  it('a 683 KiB line of URL passwords is answered "blocked" inside the harness timeout', () => {
    const sb = sandbox();
    const line = `curl ${'https://admin:pw@example.com/x '.repeat(21_000)}; rm -rf ./victim`;
    const h = hook(sb, 'claude-code', claudeBash(line, sb.project), { AIRLOCK_HOOK_TIMEOUT: '20' });
    expectHookDenied(h);
    expect(h.stderr).not.toContain('admin:pw');
    expectIntact(sb);
  }, TIMEOUT);
});
