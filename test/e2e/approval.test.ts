// With a human: `airlock approver` runs in its own pseudo-terminal (the human's terminal, no
// AIRLOCK_GUARDED, sharing only the runtime dir with the agent side). The human denies one
// destructive command and approves another by typing its resource name: exactly the approved
// operation runs, and the change to the database / volume is that and nothing more.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { incidentCurl, psqlLine, runLine, type Integration } from './support/agent';
import { HumanTerminal, airlock, auditLog, tmpDir } from './support/proc';
import { IDS } from './support/railway-standin';
import { DOMAINS_TOKEN, describeSnapshot, logEnv, startWorld, type Snapshot, type World } from './support/world';

let w: World;
let shimsDir: string;
let human: HumanTerminal | null = null;
const summary: string[] = [];

beforeAll(async () => {
  w = await startWorld();
  shimsDir = path.join(tmpDir('airlock-e2e-shims-'), 'shims');
  const r = await airlock(['shims', 'install', shimsDir], { env: w.agentEnv() });
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

afterEach(async () => {
  if (human) {
    human.stop();
    await human.exited;
    human = null;
  }
});

afterAll(async () => {
  if (summary.length) console.log(`\nincident replay (a human at the approver):\n${summary.map((s) => `  ${s}`).join('\n')}\n`);
  await w?.close();
});

async function startHuman(): Promise<HumanTerminal> {
  human = new HumanTerminal(w.humanEnv(), w.home);
  await human.waitFor('Waiting for requests');
  return human;
}

const SEED = { customers: 40, vehicles: 12, bookings: 120, payments: 120 };

/** Runs `line` via the integration while the human answers `typed` at the n-th prompt. */
async function attempt(h: HumanTerminal, via: Integration, line: string, n: number, typed: string, expectOnScreen: string[]) {
  const pending = runLine(w, via, line, { shimsDir });
  await h.waitFor('to approve', n);
  for (const t of expectOnScreen) expect(h.text).toContain(t);
  h.type(typed);
  return pending;
}

function record(what: string, before: Snapshot, after: Snapshot): void {
  summary.push(`${what}\n    before: ${describeSnapshot(before)}\n    after:  ${describeSnapshot(after)}`);
}

describe('a human approves exactly one operation', () => {
  it('airlock -c: DROP SCHEMA denied, then DROP TABLE bookings approved: only bookings is gone', async () => {
    w.reset();
    const before = w.snapshot();
    const h = await startHuman();

    const schema = await attempt(h, 'airlock-c', psqlLine(w, 'DROP SCHEMA public CASCADE'), 1, '', ['DROP SCHEMA public CASCADE', 'production', 'public']);
    expect(schema.blocked).toBe(true);
    expect(schema.message).toMatch(/Denied by the human/);
    await h.waitFor('denied (empty answer)');
    expect(w.snapshot()).toEqual(before);

    const table = await attempt(h, 'airlock-c', psqlLine(w, 'DROP TABLE bookings CASCADE'), 2, 'bookings', ['DROP TABLE bookings CASCADE', 'bookings']);
    expect(table.blocked, table.stderr).toBe(false);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('DROP TABLE');
    await h.waitFor('✔ approved');

    const after = w.snapshot();
    record('airlock -c: deny DROP SCHEMA public CASCADE, approve DROP TABLE bookings CASCADE', before, after);
    // bookings is gone; CASCADE removed only payments' foreign key, not a single payment row.
    expect(after.rows).toEqual({ ...SEED, bookings: -1 });
    expect(w.pg.psql('carrental_production', "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).toBe('3');
    expect(after.volumeFiles).toEqual(before.volumeFiles);

    const log = await auditLog(logEnv(w));
    const answers = log.filter((r) => r.kind === 'answer');
    const reqFor = (re: RegExp) => log.find((r) => r.kind === 'request' && re.test(r.command ?? ''))!;
    expect(answers.find((a) => a.id === reqFor(/DROP SCHEMA/).id)?.approved).toBe(false);
    expect(answers.find((a) => a.id === reqFor(/DROP TABLE bookings/).id)?.approved).toBe(true);
  }, 120_000);

  it('airlock -c: terraform destroy denied, then the incident curl approved by volume id: only the volume is gone', async () => {
    w.reset();
    const before = w.snapshot();
    const mutationsBefore = w.standIn.requests.filter((r) => r.operation === 'mutation').length;
    const h = await startHuman();

    const tf = await attempt(h, 'airlock-c', 'terraform destroy -auto-approve', 1, 'yes', ['terraform destroy -auto-approve']);
    expect(tf.blocked).toBe(true);
    expect(tf.message).toMatch(/Denied by the human/);
    await h.waitFor('denied (the typed name did not match)');
    expect(w.snapshot()).toEqual(before);

    const curl = await attempt(h, 'airlock-c', incidentCurl(DOMAINS_TOKEN), 2, IDS.volume, [IDS.volume, 'volumeDelete', 'production']);
    // The human's screen never shows the whole token.
    expect(h.text).not.toContain(DOMAINS_TOKEN);
    expect(curl.blocked, curl.stderr).toBe(false);
    expect(curl.stdout).toContain('"volumeDelete":true');

    const after = w.snapshot();
    record('airlock -c: deny terraform destroy, approve the incident curl volumeDelete', before, after);
    expect(after.volumeFiles).toEqual([]);
    expect(after.rows).toEqual(SEED);
    const mutations = w.standIn.requests.filter((r) => r.operation === 'mutation').slice(mutationsBefore);
    expect(mutations).toEqual([{ operation: 'mutation', fields: ['volumeDelete'], auth: 'custom domains' }]);
  }, 120_000);

  it('Claude Code hook: DROP TABLE payments approved in the approver, then run by the harness: only payments is gone', async () => {
    w.reset();
    const before = w.snapshot();
    const h = await startHuman();
    const r = await attempt(h, 'hook', psqlLine(w, 'DROP TABLE payments'), 1, 'payments', ['DROP TABLE payments', 'hook:claude-code']);
    expect(r.blocked, r.message).toBe(false);
    expect(r.stdout).toContain('DROP TABLE');
    const after = w.snapshot();
    record('hook claude-code: approve DROP TABLE payments', before, after);
    expect(after.rows).toEqual({ ...SEED, payments: -1 });
    expect(after.volumeFiles).toEqual(before.volumeFiles);
  }, 120_000);

  it('shims: the Railway CLI fall-back approved by volume id; a wrong name first denies it', async () => {
    w.reset();
    const before = w.snapshot();
    const h = await startHuman();
    const line = `RAILWAY_API_TOKEN=${DOMAINS_TOKEN} railway volume delete --volume ${IDS.volume} --yes`;
    const wrong = await attempt(h, 'shims', line, 1, IDS.volume.slice(0, 8), [IDS.volume, 'shim:railway']);
    expect(wrong.blocked).toBe(true);
    expect(w.snapshot()).toEqual(before);
    const ok = await attempt(h, 'shims', line, 2, IDS.volume, [IDS.volume]);
    expect(ok.blocked, ok.stderr).toBe(false);
    expect(ok.stdout).toContain(`Volume ${IDS.volume} deleted`);
    const after = w.snapshot();
    record('shims: deny (wrong name), then approve railway volume delete', before, after);
    expect(after.volumeFiles).toEqual([]);
    expect(after.rows).toEqual(SEED);
  }, 120_000);
});
