// guard() on the informed path, without an approver: retries denied without asking under
// `escalation: deny`, a missing approver is not a human's "no", the request carries the impact.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAudit } from '../../src/audit/log';
import { findRetry, recordDenial } from '../../src/escalation/index';
import { guard } from '../../src/run/guard';
import { removeScratch, repo, write } from '../impact/helpers';

const CONFIG = () => path.join(process.env.AIRLOCK_CONFIG_DIR!, 'config.yaml');
let bump = 0;
function settings(text: string): void {
  fs.writeFileSync(CONFIG(), text);
  const t = Date.now() / 1000 + ++bump;
  fs.utimesSync(CONFIG(), t, t);
}

afterEach(() => {
  removeScratch();
  fs.rmSync(CONFIG(), { force: true });
  fs.rmSync(path.join(process.env.AIRLOCK_STATE_DIR!, 'escalation.json'), { force: true });
});

describe('guard, informed', () => {
  it('escalation: deny: a retry in the same session is denied without asking, and logged as such', async () => {
    settings('escalation: deny\n');
    const d = repo();
    // Something to lose, or reset --hard would be allowed outright (nothing unrecoverable).
    write(d, 'a.txt', 'changed\n');
    recordDenial('harness:unit-1', 'git reset --hard HEAD~3', [{ rule: 'git/reset-hard', decision: 'confirm', severity: 'high', reason: '', resource: path.basename(d), environment: 'local', command: '' }], 'r0');
    const v = await guard('git reset --hard', { requester: 'test', cwd: d, session: 'unit-1' });
    expect(v.allowed).toBe(false);
    expect(v.message).toMatch(/^airlock: blocked \(denied without asking\): this is a retry/);
    const req = readAudit().filter((r) => r.kind === 'request').at(-1)!;
    expect(req).toMatchObject({ session: 'harness:unit-1', escalated: true, retryOf: { match: `resource ${path.basename(d)}` } });
    // Another session is asked as usual (here: no approver, so denied with that reason).
    const other = await guard('git reset --hard', { requester: 'test', cwd: d, session: 'unit-2' });
    expect(other.message).toContain('airlock approver');
    expect(other.message).not.toContain('denied without asking');
  });

  it('no approver running: nothing is looked up for no one, and it does not count as a denial', async () => {
    const d = repo();
    write(d, 'a.txt', 'changed\n');
    const v = await guard('git reset --hard', { requester: 'test', cwd: d, session: 'unit-3' });
    expect(v.allowed).toBe(false);
    expect(v.message).toMatch(/airlock approver/);
    expect(v.message).not.toContain('uncommitted changes lost');
    const req = readAudit().filter((r) => r.kind === 'request').at(-1)!;
    expect(req.session).toBe('harness:unit-3');
    expect(req.impact ?? []).toEqual([]);
    expect(findRetry('harness:unit-3', [{ rule: 'git/reset-hard', decision: 'confirm', severity: 'high', reason: '', resource: 'x', environment: 'local', command: '' }])).toBeNull();
  });
});
