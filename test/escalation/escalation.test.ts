// Retries after a denial, per agent session and within the window; prompt counts; sessions from
// harness ids and the parent chain; `log --stats` figures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countPrompt, familyOf, findRetry, promptCounts, recordDenial, retryDeniedMessage } from '../../src/escalation/index';
import { processSession, sessionId } from '../../src/escalation/session';
import { sessionStats } from '../../src/escalation/stats';
import type { AuditRecord } from '../../src/audit/log';
import type { Finding } from '../../src/types';

const state = () => path.join(process.env.AIRLOCK_STATE_DIR!, 'escalation.json');
const CONFIG = () => path.join(process.env.AIRLOCK_CONFIG_DIR!, 'config.yaml');

afterEach(() => {
  fs.rmSync(state(), { force: true });
  fs.rmSync(CONFIG(), { force: true });
});

const finding = (rule: string, resource: string, decision: Finding['decision'] = 'confirm'): Finding => ({ rule, resource, decision, severity: 'critical', reason: '', environment: 'production', command: '' });

describe('findRetry', () => {
  it('same resource, or same family, from the same session', () => {
    recordDenial('s1', 'psql -c "DROP DATABASE app"', [finding('postgres/drop-database', 'app')], 'r1');
    expect(findRetry('s1', [finding('postgres/drop', 'public')])).toMatchObject({ match: 'family postgres', of: { command: 'psql -c "DROP DATABASE app"', requestId: 'r1' } });
    expect(findRetry('s1', [finding('railway/volume-delete', 'app')])?.match).toBe('resource app');
    expect(findRetry('s1', [finding('git/reset-hard', 'repo')])).toBeNull();
    expect(findRetry('s2', [finding('postgres/drop', 'public')])).toBeNull();
  });

  it('only within the window', () => {
    fs.writeFileSync(CONFIG(), 'escalation:\n  window_seconds: 60\n');
    recordDenial('s1', 'x', [finding('postgres/drop', 't')], undefined);
    const now = Date.now();
    expect(findRetry('s1', [finding('postgres/drop', 't')], process.env, now + 30_000)).not.toBeNull();
    expect(findRetry('s1', [finding('postgres/drop', 't')], process.env, now + 61_000)).toBeNull();
  });

  it('allowed and core/* findings neither count as denied nor as retries', () => {
    recordDenial('s1', 'x', [finding('core/parse-error', 'line'), finding('files/rm', 'a', 'allow')], undefined);
    expect(fs.existsSync(state())).toBe(false);
    recordDenial('s1', 'x', [finding('postgres/drop', 't')], undefined);
    expect(findRetry('s1', [finding('core/parse-error', 't')])).toBeNull();
  });

  it('the agent is told why, and what to do', () => {
    const msg = retryDeniedMessage({ of: { session: 's', at: new Date(Date.now() - 5000).toISOString(), command: 'DROP DATABASE app', resources: [], families: [] }, match: 'family postgres' });
    expect(msg).toMatch(/^airlock: blocked \(denied without asking\): this is a retry of a request your human denied [45]s ago \(same family postgres: `DROP DATABASE app`\)/);
    expect(msg).toContain('What to do: stop, and tell your human');
  });

  it('familyOf', () => {
    expect(familyOf('postgres/drop')).toBe('postgres');
    expect(familyOf('airlock/self')).toBe('airlock');
  });
});

describe('prompt counts', () => {
  it('counts per session', () => {
    expect(countPrompt('a')).toBe(1);
    expect(countPrompt('a')).toBe(2);
    expect(countPrompt('b')).toBe(1);
    expect(promptCounts()).toEqual({ a: 2, b: 1 });
  });
});

describe('sessions', () => {
  it('a harness id is used as given (when it looks like an id)', () => {
    expect(sessionId('e2e-session-0001')).toBe('harness:e2e-session-0001');
    expect(sessionId('bad id with spaces')).toMatch(/^(proc|ppid):/);
  });

  it('the parent chain: the first ancestor that is not a shell or airlock', () => {
    const procs: Record<number, { comm: string; ppid: number; start: string }> = {
      100: { comm: 'airlock', ppid: 90, start: '1' },
      90: { comm: 'bash', ppid: 80, start: '2' },
      80: { comm: 'claude', ppid: 1, start: '777' },
    };
    expect(processSession(100, (p) => procs[p] ?? null)).toBe('proc:80:777');
    // The same agent asking twice through different shells is the same session.
    procs[101] = { comm: 'airlock', ppid: 91, start: '3' };
    procs[91] = { comm: 'sh', ppid: 80, start: '4' };
    expect(processSession(101, (p) => procs[p] ?? null)).toBe('proc:80:777');
  });
});

describe('sessionStats', () => {
  it('prompts, answers, retries and denials without asking per session', () => {
    let n = 0;
    const rec = (kind: string, extra: Record<string, unknown>): AuditRecord => ({ ts: `2026-12-02T10:00:0${n++}Z`, kind: kind as AuditRecord['kind'], prev: '', hash: '', ...extra });
    const stats = sessionStats([
      rec('request', { id: '1', session: 'A' }),
      rec('answer', { id: '1', approved: false }),
      rec('request', { id: '2', session: 'A', retryOf: { at: 'x' } }),
      rec('answer', { id: '2', approved: true }),
      rec('request', { id: '3', session: 'A', escalated: true, retryOf: { at: 'x' } }),
      rec('answer', { id: '3', approved: false }),
      rec('request', { id: '4', session: 'B' }),
      rec('decision', { decision: 'allow' }),
    ]);
    expect(stats).toEqual([
      expect.objectContaining({ session: 'A', prompts: 2, approved: 1, denied: 1, retries: 2, deniedWithoutAsking: 1 }),
      expect.objectContaining({ session: 'B', prompts: 1, approved: 0, denied: 0 }),
    ]);
  });
});
