// `npm run demo -- --auto` keeps working: the tmux version (two real terminals) and the
// node-pty version, each with its own PostgreSQL and stand-in, cleaned up afterwards.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE, REPO_ROOT, baseEnv, run } from './support/proc';

const DEMO = path.join(REPO_ROOT, 'scripts', 'demo.mjs');

async function demo(args: string[]) {
  // A generous lookup bound: the story must show the looked-up volume, even on a loaded machine.
  const env = { ...baseEnv(), AIRLOCK_E2E_IMPACT_MS: '15000', ...(process.env.AIRLOCK_E2E_BUNDLE ? { AIRLOCK_E2E_BUNDLE: process.env.AIRLOCK_E2E_BUNDLE } : {}) };
  const r = await run(NODE, [DEMO, '--auto', '--fast', ...args], { env, cwd: REPO_ROOT, timeoutMs: 150_000 });
  // The demo names its temp dirs and tmux server on stderr; all must be gone.
  const m = /temp dirs: (.+?)(?:; tmux server: tmux -L (\S+) \((.+)\))?$/m.exec(r.stderr);
  if (!m) throw new Error(`demo did not name its temp dirs:\n${r.stderr}`);
  const leftovers = [...m[1]!.split(' '), ...(m[3] ? [m[3]] : [])].filter((d) => fs.existsSync(d));
  let tmuxAlive = false;
  if (m[2]) tmuxAlive = (await run('tmux', ['-L', m[2], 'list-sessions'], { env })).code === 0;
  return { ...r, leftovers, tmuxAlive, usedTmux: Boolean(m[2]) };
}

function expectStory(out: string) {
  // The agent's chain and the human's answers, as printed.
  expect(out).toContain('Unauthorized');
  expect(out).toContain('Type 3d2c42fb-8a1e-4c7b-9f3e-5b6a7c8d9e0f to approve');
  expect(out).toContain('Type public to approve');
  expect(out).toMatch(/denied \(empty answer\)/);
  expect(out).toContain('✔ approved');
  expect(out).toContain('production before: rows: customers=40 vehicles=12 bookings=120 payments=120; volume: 3 files (1 backups)');
  expect(out).toContain('production after:  rows: customers=40 vehicles=12 bookings=120 payments=120; volume: 3 files (1 backups)');
  expect(out).toContain('scratch table bookings_export_tmp: dropped (approved by the human)');
  expect(out).toContain('1 approved by the human');
  // Informed approval: before the prompt, the volume's name and its production mount (looked up
  // from the stand-in with the agent's own token), and row counts from the real PostgreSQL (or,
  // on a loaded machine, an honest "could not look up" within the bound).
  const volumePrompt = out.slice(0, out.indexOf('Type 3d2c42fb-8a1e-4c7b-9f3e-5b6a7c8d9e0f to approve'));
  expect(volumePrompt).toContain('railway: volume "postgres-volume" of service postgres');
  expect(volumePrompt).toMatch(/mounted in PRODUCTION and staging/);
  const schemaPrompt = out.slice(0, out.indexOf('Type public to approve'));
  expect(schemaPrompt).toMatch(/postgres: table public\.bookings: 120 rows|postgres: table bookings: 120 rows|could not look up/);
}

describe('npm run demo -- --auto', () => {
  it('tmux: agent pane through `airlock -c`, human pane `airlock approver`; nothing lost; tmux and servers gone', async () => {
    const r = await demo([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('left pane: the agent');
    expect(r.stdout).toContain('right pane: the human');
    expectStory(r.stdout);
    expect(r.leftovers).toEqual([]);
    expect(r.usedTmux).toBe(true);
    expect(r.tmuxAlive).toBe(false);
  }, 180_000);

  it('without tmux (node-pty), short transcript: the same story', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-demo-t-')), 'transcript.txt');
    try {
      const r = await demo(['--no-tmux', '--short', '--transcript', file]);
      expect(r.code, r.stderr).toBe(0);
      expectStory(r.stdout);
      expect(fs.readFileSync(file, 'utf8')).toBe(r.stdout);
      expect(r.leftovers).toEqual([]);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }, 180_000);
});
