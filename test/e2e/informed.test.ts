// Informed approval, end to end: the approver shows what would really be destroyed (looked up
// read-only from the Railway stand-in and the real PostgreSQL), an approved destructive command
// leaves a checkpoint that `airlock undo` restores byte for byte, a stalled lookup costs at most
// its bound, critical approvals are held, and retries after a denial are marked or denied.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { incidentCurl, psqlLine, runLine } from './support/agent';
import { BUNDLE, HumanTerminal, NODE, airlock, auditLog, run } from './support/proc';
import { IDS } from './support/railway-standin';
import { DB, DOMAINS_TOKEN, logEnv, startWorld, writeSettings, type World } from './support/world';
import { check } from '../../src/engine';
import { postgresImpact } from '../../src/analyzers/postgres/impact';

let w: World;
let human: HumanTerminal | null = null;

const SEED = { customers: 40, vehicles: 12, bookings: 120, payments: 120 };
/** A lookup that returned may say either what it found or "could not look up" (a loaded machine): both are honest. */
const LOOKED_UP_OR_NOT = (found: RegExp) => new RegExp(`${found.source}|could not look up`);

beforeAll(async () => {
  w = await startWorld();
  const git = (...a: string[]) => execFileSync('git', a, { cwd: w.repo, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=dev@example.com', '-c', 'user.name=dev', 'add', '-A');
  git('-c', 'user.email=dev@example.com', '-c', 'user.name=dev', 'commit', '-q', '-m', 'carrental');
}, 120_000);

afterEach(async () => {
  if (human) {
    human.stop();
    await human.exited;
    human = null;
  }
  writeSettings(w.configDir, w.standIn);
  w.standIn.stall(false);
});

afterAll(async () => {
  if (w) {
    // The measured lookup times, for the record (the bound is what the tests assert).
    const log = await auditLog(logEnv(w)).catch(() => []);
    const times = log.flatMap((r) => ((r as { impact?: { source: string; status: string; elapsedMs?: number }[] }).impact ?? []).map((i) => `${i.source} ${i.status} ${i.elapsedMs}ms`));
    if (times.length) console.log(`\ninformed approval: impact lookups (source, status, elapsed):\n  ${times.join('\n  ')}\n`);
  }
  await w?.close();
});

async function startHuman(): Promise<HumanTerminal> {
  human = new HumanTerminal(w.humanEnv(), w.home);
  await human.waitFor('Waiting for requests');
  return human;
}

/** Every file under dir: relative path -> sha256 of its bytes and its mode. */
function fingerprint(dir: string, skip: (rel: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(p);
      else out[rel] = `${createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${(fs.lstatSync(p).mode & 0o777).toString(8)}`;
    }
  };
  walk(dir);
  return out;
}

const BOOKINGS_MD5 = "SELECT md5(string_agg(concat_ws('|', id, customer_id, vehicle_id, starts, ends), ',' ORDER BY id)) FROM bookings";
const undo = (args: string[]) => airlock(['undo', ...args], { env: logEnv(w) });

describe('the approver shows what would really be destroyed', () => {
  it('the incident curl: the volume name, its service and its production mount are on screen before the prompt', async () => {
    w.reset();
    const h = await startHuman();
    const queriesBefore = w.standIn.requests.length;
    const pending = runLine(w, 'airlock-c', incidentCurl(DOMAINS_TOKEN));
    await h.waitFor('to approve');
    const screen = h.text;
    const beforePrompt = screen.slice(0, screen.lastIndexOf('to approve'));
    expect(beforePrompt).toContain('volume "postgres-volume" of service postgres in project carrental');
    expect(beforePrompt).toMatch(/mounted in PRODUCTION and staging \(production at \/var\/lib\/postgresql\/data/);
    expect(beforePrompt).toContain('account token of ops@carrental.example');
    expect(beforePrompt).toContain('checkpoint'); // says whether one is taken (a remote volume: no)
    expect(screen).not.toContain(DOMAINS_TOKEN);
    h.type('');
    const r = await pending;
    expect(r.blocked).toBe(true);
    // The lookups were queries, sent with the command's own token; nothing else reached the API.
    const sent = w.standIn.requests.slice(queriesBefore);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((q) => q.operation === 'query' && q.auth === 'custom domains')).toBe(true);
    expect(w.snapshot().volumeFiles.length).toBeGreaterThan(0);
    // The impact is in the audit log with the request, and the token is not.
    const log = await auditLog(logEnv(w));
    const req = log.filter((x) => x.kind === 'request' && /volumeDelete/.test(x.command ?? '')).at(-1) as unknown as Record<string, unknown>;
    expect(JSON.stringify(req.impact)).toContain('postgres-volume');
    expect(JSON.stringify(log)).not.toContain(DOMAINS_TOKEN);
  }, 120_000);

  it('explain --json --impact carries the impact in each finding; plain explain looks nothing up', async () => {
    const line = psqlLine(w, 'TRUNCATE bookings CASCADE');
    const plain = await airlock(['explain', '--json', line], { env: w.agentEnv(), cwd: w.repo });
    expect(JSON.parse(plain.stdout).findings.every((f: Record<string, unknown>) => f.impact === undefined)).toBe(true);
    const r = await airlock(['explain', '--json', '--impact', line], { env: w.agentEnv(), cwd: w.repo });
    const f = JSON.parse(r.stdout).findings[0];
    expect(f.impact[0].source).toBe('postgres');
    expect(f.impact[0].summary.join('\n')).toMatch(LOOKED_UP_OR_NOT(/table bookings: 120 rows/));
    expect(w.snapshot().rows).toEqual(SEED);
  }, 60_000);

  it('DELETE/UPDATE: the rows the WHERE matches, counted on the real server, not the whole table', async () => {
    // Flagged (the WHERE is always true for non-null ids): the human sees how many rows it matches.
    const r = await airlock(['explain', '--json', '--impact', psqlLine(w, 'DELETE FROM bookings WHERE id = id')], { env: w.agentEnv(), cwd: w.repo });
    const f = JSON.parse(r.stdout).findings[0];
    expect(f.impact[0].summary.join('\n')).toMatch(LOOKED_UP_OR_NOT(/120 of 120 rows of bookings match the WHERE and would be deleted/));
    // Any DELETE/UPDATE fact with a plain WHERE: the same count(*) with that WHERE, read-only.
    for (const [sql, matching, verb] of [
      ["DELETE FROM bookings WHERE id <= 30 AND starts >= '2026-04-02'", 30, 'deleted'],
      ['UPDATE payments SET amount = 0 WHERE booking_id IN (1, 2, 3) OR id BETWEEN 100 AND 109', 13, 'updated'],
      ["DELETE FROM customers WHERE email LIKE 'c1%' AND NOT (id > 19)", 11, 'deleted'],
    ] as const) {
      const checked = await check(psqlLine(w, sql), { cwd: w.repo });
      const fact = checked.facts.find((x) => x.type === 'sql')!;
      expect(typeof fact.where, JSON.stringify(checked.facts)).toBe("string");
      const ctx = { signal: new AbortController().signal, deadline: Date.now() + 20_000, cwd: w.repo, env: w.agentEnv(), command: checked.commands[0] ?? null, result: checked };
      const i = await postgresImpact(fact, ctx);
      expect(i!.details!.matching).toBe(matching);
      expect(i!.summary[0]).toMatch(new RegExp(`^${matching} of \\d+ rows of \\w+ match the WHERE and would be ${verb}$`));
    }
    // A WHERE that calls a function is not run: the table total, and why.
    const fn = await check(psqlLine(w, 'DELETE FROM bookings WHERE pg_sleep(5) IS NULL'), { cwd: w.repo });
    const ff = fn.facts.find((x) => x.type === 'sql')!;
    expect(ff.where).toBeUndefined();
    const i = await postgresImpact(ff, { signal: new AbortController().signal, deadline: Date.now() + 20_000, cwd: w.repo, env: w.agentEnv(), command: fn.commands[0] ?? null, result: fn });
    expect(i!.summary[0]).toBe('rows matching the WHERE not counted (the condition calls functions or subqueries); the table has 120');
    expect(w.snapshot().rows).toEqual(SEED);
  }, 60_000);
});

describe('a way back: approved commands are restored by `airlock undo`', () => {
  it('DROP TABLE bookings on the real PostgreSQL (generous bound: row counts must be looked up) comes back with all 120 rows', async () => {
    w.reset();
    fs.writeFileSync(path.join(w.configDir, 'config.yaml'), fs.readFileSync(path.join(w.configDir, 'config.yaml'), 'utf8').replace(/timeout_ms: \d+/, 'timeout_ms: 20000'));
    const digest = w.pg.psql(DB, BOOKINGS_MD5);
    const h = await startHuman();
    const pending = runLine(w, 'airlock-c', psqlLine(w, 'DROP TABLE bookings CASCADE'));
    await h.waitFor('to approve');
    expect(h.text).toContain('table bookings: 120 rows');
    expect(h.text).toContain('CASCADE drops the foreign keys of: payments');
    expect(h.text).toMatch(/checkpoint: will be taken before it runs \(pg_dump of table bookings/);
    h.type('bookings');
    const r = await pending;
    expect(r.blocked, r.stderr).toBe(false);
    expect(w.snapshot().rows.bookings).toBe(-1);

    const list = await undo(['--list', '--json']);
    const cps = JSON.parse(list.stdout) as { id: string; items: { kind: string }[] }[];
    expect(cps[0]!.items.map((i) => i.kind)).toEqual(['postgres']);
    const back = await undo([cps[0]!.id]);
    expect(back.code, back.stderr).toBe(0);
    expect(w.snapshot().rows).toEqual(SEED);
    expect(w.pg.psql(DB, BOOKINGS_MD5)).toBe(digest);
    // The foreign keys of bookings itself came back with it...
    expect(w.pg.psql(DB, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'bookings'::regclass AND contype = 'f'")).toBe('2');
    // ...and so did payments' foreign key into bookings, which CASCADE had dropped.
    expect(back.stdout).toContain('1 foreign key of other tables re-created');
    expect(w.pg.psql(DB, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'payments'::regclass AND contype = 'f'")).toBe('FOREIGN KEY (booking_id) REFERENCES bookings(id)');
  }, 120_000);

  it('TRUNCATE bookings CASCADE also empties payments: both tables\' rows come back', async () => {
    w.reset();
    const h = await startHuman();
    const pending = runLine(w, 'airlock-c', psqlLine(w, 'TRUNCATE bookings CASCADE'));
    await h.waitFor('to approve');
    h.type('bookings');
    const r = await pending;
    expect(r.blocked, r.stderr).toBe(false);
    expect(w.snapshot().rows).toMatchObject({ bookings: 0, payments: 0 });
    const cps = JSON.parse((await undo(['--list', '--json'])).stdout) as { id: string }[];
    const back = await undo([cps[0]!.id]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('(and payments)');
    expect(w.snapshot().rows).toEqual(SEED);
  }, 120_000);

  it('rm -rf data, approved, is restored byte for byte', async () => {
    const data = path.join(w.repo, 'data');
    fs.mkdirSync(path.join(data, 'exports', 'april'), { recursive: true });
    fs.writeFileSync(path.join(data, 'exports', 'april', 'bookings.csv'), 'id,customer\n1,40\n2,1\n');
    fs.writeFileSync(path.join(data, 'fleet.bin'), Buffer.from([0, 1, 2, 255, 254, 10, 13]));
    fs.writeFileSync(path.join(data, 'run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
    const before = fingerprint(data);
    const h = await startHuman();
    const pending = runLine(w, 'airlock-c', 'rm -rf data');
    await h.waitFor('to approve');
    expect(h.text).toMatch(LOOKED_UP_OR_NOT(/3 files, \d+ B in data/));
    expect(h.text).toContain('checkpoint: will be taken before it runs (a copy of data');
    h.type('data');
    const r = await pending;
    expect(r.blocked, r.stderr).toBe(false);
    expect(fs.existsSync(data)).toBe(false);
    const back = await undo([]);
    expect(back.code, back.stderr).toBe(0);
    expect(fingerprint(data)).toEqual(before);
  }, 120_000);

  it('git reset --hard, approved, is restored byte for byte: changes, staged files and untracked files', async () => {
    fs.appendFileSync(path.join(w.repo, 'server.js'), '// unfinished fix for the booking export\n');
    fs.writeFileSync(path.join(w.repo, 'notes.md'), 'untracked notes\n');
    fs.writeFileSync(path.join(w.repo, 'staged.txt'), 'staged, never committed\n');
    execFileSync('git', ['add', 'staged.txt'], { cwd: w.repo });
    const skipGit = (rel: string) => rel === '.git' || rel.startsWith('.git/');
    const before = fingerprint(w.repo, skipGit);
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: w.repo, encoding: 'utf8' });
    const h = await startHuman();
    const pending = runLine(w, 'airlock-c', 'git reset --hard');
    await h.waitFor('to approve');
    expect(h.text).toMatch(LOOKED_UP_OR_NOT(/2 files with uncommitted changes lost: (server\.js, staged\.txt|staged\.txt, server\.js)/));
    h.type(path.basename(w.repo));
    const r = await pending;
    expect(r.blocked, r.stderr).toBe(false);
    expect(fs.readFileSync(path.join(w.repo, 'server.js'), 'utf8')).not.toContain('unfinished fix');
    const back = await undo([]);
    expect(back.code, back.stderr).toBe(0);
    expect(fingerprint(w.repo, skipGit)).toEqual(before);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: w.repo, encoding: 'utf8' })).toBe(status);
    expect(execFileSync('git', ['for-each-ref', '--format=%(refname)', 'refs/airlock/'], { cwd: w.repo, encoding: 'utf8' })).toMatch(/refs\/airlock\/.+\/worktree/);
  }, 120_000);
});

describe('bounded lookups', () => {
  it('a stalled Railway API costs at most the bound, then "could not look up", and the approval still works', async () => {
    w.reset();
    const bound = 1500;
    fs.writeFileSync(path.join(w.configDir, 'config.yaml'), fs.readFileSync(path.join(w.configDir, 'config.yaml'), 'utf8').replace(/timeout_ms: \d+/, `timeout_ms: ${bound}`));
    w.standIn.stall(true);
    const h = await startHuman();
    const started = Date.now();
    const pending = runLine(w, 'airlock-c', incidentCurl(DOMAINS_TOKEN));
    await h.waitFor('to approve');
    const waited = Date.now() - started;
    expect(h.text).toContain('could not look up');
    h.type(IDS.volume);
    const r = await pending;
    expect(r.blocked, r.stderr).toBe(false);
    expect(r.stdout).toContain('"volumeDelete":true');
    const log = await auditLog(logEnv(w));
    const req = log.filter((x) => x.kind === 'request').at(-1) as { impact?: { status: string; elapsedMs: number }[] };
    expect(req.impact!.every((i) => i.status === 'unavailable')).toBe(true);
    // The lookups gave up at the bound (a small allowance for the timer firing).
    for (const i of req.impact!) expect(i.elapsedMs).toBeLessThanOrEqual(bound + 250);
    // Start-up, the check and the approver's round trip come on top; a hang would be minutes.
    expect(waited).toBeLessThan(bound + 15_000);
  }, 120_000);
});

describe('the hold and retries', () => {
  it('a critical approval is held; Enter during the countdown cancels it and nothing runs', async () => {
    w.reset();
    fs.writeFileSync(path.join(w.configDir, 'config.yaml'), fs.readFileSync(path.join(w.configDir, 'config.yaml'), 'utf8').replace('hold: 1', 'hold: 30'));
    const h = await startHuman();
    const pending = runLine(w, 'airlock-c', psqlLine(w, 'DROP TABLE payments'));
    await h.waitFor('to approve');
    h.type('payments');
    await h.waitFor('it runs in 30s');
    h.type('');
    const r = await pending;
    expect(r.blocked).toBe(true);
    expect(r.message).toContain('cancelled during the hold');
    expect(w.snapshot().rows).toEqual(SEED);
  }, 120_000);

  it('escalation: deny: after a human denies DROP SCHEMA, the same session\'s DROP DATABASE is denied without asking; log --stats counts it', async () => {
    w.reset();
    writeSettings(w.configDir, w.standIn, 'escalation: deny\n');
    const h = await startHuman();
    const session = `informed-${Date.now()}`;
    const hook = (line: string) =>
      run(NODE, [BUNDLE, 'hook', 'claude-code'], {
        env: w.agentEnv(),
        cwd: w.repo,
        input: JSON.stringify({ session_id: session, cwd: w.repo, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: line }, tool_use_id: `toolu_${Math.random()}` }),
      });
    const first = hook(psqlLine(w, 'DROP SCHEMA public CASCADE'));
    await h.waitFor('to approve');
    h.type('');
    expect((await first).code).toBe(2);
    const prompts = h.text.split('to approve').length;
    const second = await hook(psqlLine(w, `DROP DATABASE ${DB}`));
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/retry of a request your human denied/);
    expect(second.stderr).toContain('family postgres');
    expect(h.text.split('to approve').length).toBe(prompts); // never shown to the human
    expect(w.snapshot().rows).toEqual(SEED);
    const stats = await airlock(['log', '--stats', '--json'], { env: logEnv(w) });
    const mine = (JSON.parse(stats.stdout) as { session: string; prompts: number; denied: number; deniedWithoutAsking: number }[]).find((s) => s.session === `harness:${session}`);
    expect(mine).toMatchObject({ prompts: 1, denied: 1, deniedWithoutAsking: 1 });
  }, 120_000);

  it('escalation: mark (default): a retry is shown to the human as a retry of the denied request', async () => {
    w.reset();
    const h = await startHuman();
    const first = runLine(w, 'airlock-c', psqlLine(w, 'TRUNCATE customers CASCADE'));
    await h.waitFor('to approve');
    h.type('');
    await first;
    const again = runLine(w, 'airlock-c', psqlLine(w, 'DELETE FROM customers'));
    await h.waitFor('to approve', 2);
    expect(h.text).toMatch(/RETRY of a denied request: same (resource customers|family postgres)/);
    h.type('');
    expect((await again).blocked).toBe(true);
    expect(w.snapshot().rows).toEqual(SEED);
  }, 120_000);
});
