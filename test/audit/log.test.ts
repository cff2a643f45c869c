import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logCommand, parseSince } from '../../src/audit/command';
import { GENESIS, appendAudit, auditDecision, auditPath, readAudit, recordHash, verifyAudit } from '../../src/audit/log';
import type { CheckResult, Finding } from '../../src/types';
import { bundle, cleanup, runClient, testEnv, tmpDir } from '../gate/helpers';

let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = { AIRLOCK_STATE_DIR: process.env.AIRLOCK_STATE_DIR, AIRLOCK_AUDIT_ALLOWS: process.env.AIRLOCK_AUDIT_ALLOWS };
  process.env.AIRLOCK_STATE_DIR = tmpDir('airlock-audit-');
  delete process.env.AIRLOCK_AUDIT_ALLOWS;
});
afterEach(() => {
  cleanup();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const finding = (rule: string, resource: string): Finding => ({
  rule,
  decision: 'confirm',
  severity: 'critical',
  reason: `would destroy ${resource}`,
  resource,
  environment: 'production',
  command: 'x',
});

const result = (decision: CheckResult['decision'], findings: Finding[] = []): CheckResult => ({
  decision,
  findings,
  commands: [],
  facts: [],
  errors: [],
  elapsedMs: 3,
});

function writeFive(): string[] {
  for (let i = 1; i <= 5; i++) appendAudit({ kind: 'decision', decision: 'deny', command: `cmd ${i}` });
  return fs.readFileSync(auditPath(), 'utf8').trimEnd().split('\n');
}

const rewrite = (lines: string[]) => fs.writeFileSync(auditPath(), lines.join('\n') + '\n');

describe('hash chain', () => {
  it('chains records and verifies an intact log', () => {
    const lines = writeFive();
    const recs = lines.map((l) => JSON.parse(l));
    expect(recs[0].prev).toBe(GENESIS);
    for (let i = 1; i < recs.length; i++) expect(recs[i].prev).toBe(recs[i - 1].hash);
    for (const r of recs) expect(r.hash).toBe(recordHash(r));
    expect(fs.statSync(auditPath()).mode & 0o777).toBe(0o600);
    expect(verifyAudit()).toMatchObject({ ok: true, records: 5 });
  });

  it('detects one edited line in the middle', () => {
    const lines = writeFive();
    lines[2] = lines[2]!.replace('cmd 3', 'cmd 333');
    rewrite(lines);
    expect(verifyAudit()).toMatchObject({ ok: false, badLine: 3, message: expect.stringMatching(/edited/) });
  });

  it('detects a deleted line', () => {
    const lines = writeFive();
    lines.splice(1, 1);
    rewrite(lines);
    expect(verifyAudit()).toMatchObject({ ok: false, badLine: 2, message: expect.stringMatching(/removed/) });
  });

  it('detects an inserted line, even one with a self-consistent hash', () => {
    const lines = writeFive();
    const before = JSON.parse(lines[1]!);
    const forged: Record<string, unknown> = { ts: before.ts, kind: 'decision', decision: 'allow', command: 'forged', prev: before.hash };
    forged.hash = recordHash(forged);
    lines.splice(2, 0, JSON.stringify(forged));
    rewrite(lines);
    expect(verifyAudit()).toMatchObject({ ok: false, badLine: 4 });
  });

  it('keeps one chain with several concurrent writers', async () => {
    const file = bundle(path.join(__dirname, 'fixtures', 'append.ts'));
    const env = { ...process.env, AIRLOCK_TEST_COUNT: '25' };
    await Promise.all(
      [1, 2, 3, 4].map(() => new Promise((resolve) => spawn(process.execPath, [file], { env, stdio: 'ignore' }).on('close', resolve))),
    );
    expect(verifyAudit()).toMatchObject({ ok: true, records: 100 });
  }, 30_000);
});

describe('auditDecision and readAudit', () => {
  it('writes masked decision records and filters them', () => {
    auditDecision("curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz' -X DELETE https://x", result('confirm', [finding('http/delete', 'x')]), 'airlock -c');
    auditDecision('ls', result('allow'), 'hook:claude-code');
    auditDecision('PGPASSWORD=hunter2hunter2 psql -c "drop table t"', result('deny', [finding('postgres/drop-table', 't')]), 'shim:psql');
    const text = fs.readFileSync(auditPath(), 'utf8');
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(text).not.toContain('hunter2hunter2');
    expect(readAudit()).toHaveLength(3);
    expect(readAudit({ decision: 'deny' }).map((r) => r.command)).toEqual(['PGPASSWORD=hunt…*** psql -c "drop table t"']);
    expect(readAudit({ rule: 'http/delete' })).toHaveLength(1);
    expect(readAudit({ rule: 'postgres/*' })).toHaveLength(1);
    expect(readAudit({ limit: 2 }).map((r) => r.source)).toEqual(['hook:claude-code', 'shim:psql']);
    expect(readAudit({ since: new Date(Date.now() + 60_000) })).toHaveLength(0);
    expect(verifyAudit().ok).toBe(true);
  });

  it('skips allow decisions when AIRLOCK_AUDIT_ALLOWS=0', () => {
    process.env.AIRLOCK_AUDIT_ALLOWS = '0';
    auditDecision('ls', result('allow'), 'x');
    auditDecision('rm -rf /', result('deny'), 'x');
    expect(readAudit().map((r) => r.decision)).toEqual(['deny']);
  });

  it('records the request and the answer of requestApproval', async () => {
    const env = { ...testEnv(), AIRLOCK_STATE_DIR: process.env.AIRLOCK_STATE_DIR! };
    const r = await runClient(env, { command: 'drop database prod', resources: ['prod'] });
    const recs = readAudit();
    expect(recs.map((x) => x.kind)).toEqual(['request', 'answer']);
    expect(recs[0]).toMatchObject({ id: r.id, command: 'drop database prod', resources: ['prod'] });
    expect(recs[1]).toMatchObject({ id: r.id, approved: false });
    expect(readAudit({ decision: 'denied' })).toHaveLength(1);
  }, 30_000);
});

describe('airlock log', () => {
  const run = (opts: Parameters<typeof logCommand>[0]) => {
    let out = '';
    let err = '';
    const code = logCommand(opts, (s) => (out += s), (s) => (err += s));
    return { code, out, err };
  };

  it('lists, filters, prints JSON and verifies', () => {
    auditDecision('terraform destroy', result('confirm', [finding('terraform/destroy', 'prod')]), 'airlock -c');
    auditDecision('ls', result('allow'), 'airlock -c');
    const all = run({});
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/CONFIRM .*terraform\/destroy.*terraform destroy/);
    expect(run({ decision: 'allow', json: true }).out.trim().split('\n').map((l) => JSON.parse(l).command)).toEqual(['ls']);
    expect(run({ limit: '1' }).out.trim().split('\n')).toHaveLength(1);
    expect(run({ since: '10m' }).out.trim().split('\n')).toHaveLength(2);
    expect(run({ verify: true })).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: .*2 records/) });
    const lines = fs.readFileSync(auditPath(), 'utf8').replace('terraform destroy', 'terraform plan');
    fs.writeFileSync(auditPath(), lines);
    expect(run({ verify: true })).toMatchObject({ code: 1, out: expect.stringMatching(/^TAMPERED: line 1/) });
  });

  it('rejects bad --since and --limit', () => {
    expect(run({ since: 'yesterday-ish' })).toMatchObject({ code: 2, err: expect.stringMatching(/--since/) });
    expect(run({ limit: 'many' })).toMatchObject({ code: 2, err: expect.stringMatching(/--limit/) });
  });

  it('parses relative and ISO --since', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(parseSince('10m', now)?.toISOString()).toBe('2025-01-01T11:50:00.000Z');
    expect(parseSince('2h', now)?.toISOString()).toBe('2025-01-01T10:00:00.000Z');
    expect(parseSince('2025-01-01T00:00:00Z', now)?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(parseSince('nonsense', now)).toBeNull();
  });
});
