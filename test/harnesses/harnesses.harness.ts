// The real harness CLIs drive airlock end to end (run by scripts/harnesses.mjs, not by `npm test`):
// each harness, installed from npm at a pinned version, runs headless against the scripted model
// server on 127.0.0.1 with airlock installed by `airlock install <harness>` in a fresh HOME, and
// every outcome is checked on disk: the marker file, ./victim, the Railway stand-in's requests,
// the MCP server's call log and the PostgreSQL table. The human answers in a real PTY, in another
// network namespace when we are root (as with a sandboxed agent).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as PtyNs from '@lydell/node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentCurl } from '../e2e/support/agent';
import { BUNDLE, NODE, REPO_ROOT, SYSTEM_PATH, baseEnv, run, stripAnsi, tmpDir, waitUntil, type Env } from '../e2e/support/proc';
import { IDS } from '../e2e/support/railway-standin';
import { DOMAINS_TOKEN, startWorld, type World } from '../e2e/support/world';
import { codexTrustEntries, withCodexTrust } from '../../src/harness/codex-trust';
import { HARNESSES, binPath, installed, runHarness, type HarnessDef } from './support/harnesses';
import { startModelServer, type ModelServer, type Step } from './support/model-server';

const WANTED = (process.env.AIRLOCK_HARNESSES ?? 'claude-code,codex,gemini').split(',').filter(Boolean);
const IS_ROOT = process.getuid?.() === 0;
// Set by scripts/harnesses.mjs when it could put the run in its own network namespace.
const NETNS = IS_ROOT && process.env.AIRLOCK_HARNESS_NETNS === '1';
const MCP_SERVER = path.join(__dirname, 'support', 'mcp-pg-server.mjs');
const MCP_DB = 'mcpdemo';

let w: World;
let model: ModelServer;
const outcomes: string[] = [];

beforeAll(async () => {
  w = await startWorld();
  model = await startModelServer();
  w.pg.psql('postgres', `CREATE DATABASE ${MCP_DB}`);
}, 120_000);

afterAll(async () => {
  console.log(`\nreal harnesses, scenario by scenario:\n${outcomes.map((o) => `  ${o}`).join('\n')}\n`);
  await model?.close();
  await w?.close();
});

/** The human's terminal: `airlock approver` in a PTY (its own network namespace when root). */
class Human {
  private raw = '';
  private readonly p: PtyNs.IPty;
  constructor(env: Env) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pty = require('@lydell/node-pty') as typeof PtyNs;
    const [file, args] = NETNS ? ['unshare', ['-n', NODE, BUNDLE, 'approver']] : [NODE, [BUNDLE, 'approver']];
    this.p = pty.spawn(file as string, args as string[], { name: 'xterm', cols: 160, rows: 60, cwd: env.HOME!, env });
    this.p.onData((d) => (this.raw += d));
  }
  get text(): string {
    return stripAnsi(this.raw);
  }
  async waitFor(needle: string, times = 1): Promise<void> {
    await waitUntil(() => this.text.split(needle).length - 1 >= times, () => `"${needle}" on the approver terminal:\n${this.text.slice(-2000)}`, 60_000);
  }
  type(line: string): void {
    this.p.write(line + '\r');
  }
  stop(): void {
    try {
      this.p.kill('SIGKILL');
    } catch {
      // gone
    }
  }
}

interface Sandbox {
  h: HarnessDef;
  base: string;
  home: string;
  work: string;
  victim: string;
  marker: string;
  /** A copy of airlock's launcher that the hook names (broken on purpose by the failure scenarios). */
  launcher: string;
  env: Env;
  humanEnv: Env;
}

/** A fresh HOME with the harness configured for the local model and airlock installed. */
async function sandbox(h: HarnessDef): Promise<Sandbox> {
  const base = tmpDir(`airlock-h-${h.name}-`);
  fs.chmodSync(base, 0o755);
  const home = path.join(base, 'home');
  const work = path.join(base, 'work');
  const victim = path.join(work, 'victim');
  fs.mkdirSync(path.join(victim, 'data'), { recursive: true });
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(victim, 'data', 'precious.txt'), 'do not lose me\n');
  fs.mkdirSync(path.join(base, 'run'), { mode: 0o700 });
  // airlock as a package copy: its own bin/, the repo's bundle, rulesets and dependencies.
  const pkg = path.join(base, 'airlock');
  fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'bin', 'airlock'), path.join(pkg, 'bin', 'airlock'));
  fs.chmodSync(path.join(pkg, 'bin', 'airlock'), 0o755);
  for (const d of ['dist', 'rulesets', 'schema', 'node_modules', 'package.json']) fs.symlinkSync(path.join(REPO_ROOT, d), path.join(pkg, d));
  fs.copyFileSync(path.join(w.home, '.curlrc'), path.join(home, '.curlrc'));
  const airlockDirs: Env = { AIRLOCK_STATE_DIR: path.join(base, 'state'), AIRLOCK_RUNTIME_DIR: path.join(base, 'run', 'airlock'), AIRLOCK_CONFIG_DIR: path.join(base, 'config') };
  // Critical approvals are held for a countdown (10 s by default); 1 s keeps the harness runs quick.
  fs.mkdirSync(airlockDirs.AIRLOCK_CONFIG_DIR!, { recursive: true });
  fs.writeFileSync(path.join(airlockDirs.AIRLOCK_CONFIG_DIR!, 'config.yaml'), 'hold: 1\n');
  const common: Env = { ...baseEnv(), HOME: home, LANG: 'C.UTF-8', NO_COLOR: '1', ...airlockDirs };
  const env: Env = { ...common, PATH: SYSTEM_PATH, TERM: 'dumb', ...h.setup(home, work, model.url) };
  const launcher = path.join(pkg, 'bin', 'airlock');
  const got = await run(NODE, [launcher, 'install', h.target], { env, cwd: work });
  expect(got.code, got.stderr).toBe(0);
  return { h, base, home, work, victim, marker: path.join(work, 'marker.txt'), launcher, env, humanEnv: { ...common, PATH: SYSTEM_PATH, TERM: 'xterm' } };
}

async function drive(s: Sandbox, steps: Step[], label: string, extraArgs: string[] = []): Promise<{ results: string[]; ms: number; stdout: string; stderr: string }> {
  model.setScript(steps);
  const r = await runHarness({ ...s.h, argv: (p) => [...s.h.argv(p), ...extraArgs] }, `Scenario: ${label}. Use your tools as told.`, { env: s.env, cwd: s.work, timeoutMs: 120_000 });
  return { results: model.results.map((x) => x.text), ms: r.ms, stdout: r.stdout, stderr: r.stderr };
}

const blockedText = (results: string[]) => results.find((t) => /airlock: blocked/.test(t)) ?? null;

/**
 * The model reads airlock's reason as the tool result. Cline 3.0.65 is the exception, as measured:
 * its hook's `cancel: true` stops the whole run ("aborted"), and `errorMessage` reaches neither the
 * model nor the output (docs/harnesses.md); there, the run must have stopped with no tool result.
 */
function expectReason(s: Sandbox, r: { results: string[]; stdout: string; stderr: string }, reason: string | RegExp): void {
  if (s.h.name === 'cline') {
    expect(r.results, r.stdout.slice(-1500)).toEqual([]);
    expect(r.stdout).toMatch(/"finishReason":"aborted"/);
    return;
  }
  const seen = blockedText(r.results);
  expect(seen, `tool results: ${JSON.stringify(r.results)}\n${r.stderr.slice(-2000)}`).not.toBeNull();
  if (typeof reason === 'string') expect(seen).toContain(reason);
  else expect(seen).toMatch(reason);
}

const reasonOutcome = (s: Sandbox) => (s.h.name === 'cline' ? 'the run stopped; Cline shows the model no reason' : "the model read airlock's reason");

function record(s: Sandbox, scenario: string, outcome: string, ms: number): void {
  const line = `${s.h.name} ${s.h.version}  ${scenario.padEnd(34)} ${outcome} (${(ms / 1000).toFixed(1)} s)`;
  outcomes.push(line);
  console.log(line);
  // scripts/harnesses.mjs puts these in its table, next to the test's status.
  const file = process.env.AIRLOCK_HARNESS_OUTCOMES;
  const test = (expect.getState().currentTestName ?? '').split(' > ').pop();
  if (file) fs.appendFileSync(file, JSON.stringify({ harness: s.h.name, test, outcome, ms }) + '\n');
}

function volumeDeletes(): number {
  return w.standIn.requests.filter((r) => r.fields.includes('volumeDelete')).length;
}

type FailureKind = 'crashing' | 'missing' | 'hanging';
/** What each harness does with a hook that crashes, is missing or hangs past its timeout (measured). */
const FAILURES: Record<HarnessDef['name'], Partial<Record<FailureKind, 'blocks' | 'runs'>>> = {
  // `onFailure: "block"` on the hook (Claude Code 2.1.x).
  'claude-code': { crashing: 'blocks', missing: 'blocks', hanging: 'blocks' },
  codex: { crashing: 'runs', missing: 'runs', hanging: 'runs' },
  gemini: { crashing: 'runs', missing: 'runs', hanging: 'runs' },
  // A hook that errors is a deny ("hook errored"); one that times out is not.
  copilot: { crashing: 'blocks', missing: 'blocks', hanging: 'runs' },
  cline: { crashing: 'runs', missing: 'runs' },
};

/**
 * A 3 s hook timeout instead of airlock's 60 s (30 s for Copilot): same semantics, shorter runs.
 */
function shortenHookTimeout(s: Sandbox): void {
  const edit = (f: string, from: RegExp, to: string) => fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(from, to));
  if (s.h.name === 'claude-code') edit(path.join(s.home, '.claude', 'settings.json'), /"timeout": \d+/, '"timeout": 3');
  else if (s.h.name === 'gemini') edit(path.join(s.home, '.gemini', 'settings.json'), /"timeout": \d+/, '"timeout": 3000');
  else if (s.h.name === 'copilot') edit(path.join(s.home, '.copilot', 'hooks', 'airlock.json'), /"timeoutSec": \d+/, '"timeoutSec": 3');
  else if (s.h.name === 'codex') {
    // The timeout is part of Codex's trust hash: re-trust the edited group as `install` would.
    const dir = path.join(s.home, '.codex');
    const hooksFile = path.join(dir, 'hooks.json');
    edit(hooksFile, /"timeout": \d+/, '"timeout": 3');
    const entries = codexTrustEntries(hooksFile, JSON.parse(fs.readFileSync(hooksFile, 'utf8')) as Record<string, unknown>, (c) => typeof c === 'string' && c.includes(s.launcher));
    expect(entries.length).toBe(1);
    const toml = path.join(dir, 'config.toml');
    fs.writeFileSync(toml, withCodexTrust(fs.readFileSync(toml, 'utf8'), entries)!);
  } else throw new Error(`no short hook timeout for ${s.h.name}`);
}

for (const h of HARNESSES.filter((x) => WANTED.includes(x.name))) {
  describe(`${h.name} ${h.version}`, () => {
    let s: Sandbox;
    beforeAll(async () => {
      if (!installed(h)) throw new Error(`${binPath(h)} is missing: run node scripts/harnesses.mjs (it installs ${h.pkg}@${h.version})`);
      s = await sandbox(h);
    }, 60_000);

    it('doctor: the installed hook will fire', async () => {
      const got = await run(NODE, [s.launcher, 'doctor'], { env: s.env, cwd: s.work });
      expect(got.stdout).toMatch(new RegExp(`${h.target}\\s+installed in .*; will fire`));
    });

    it('payload: what the harness hands the hook for its shell tool (kept for the adapter tests)', async () => {
      // The launcher the hook names, wrapped to keep a copy of stdin; airlock still answers.
      const orig = s.launcher + '.orig';
      const file = path.join(s.base, 'payload.json');
      fs.copyFileSync(s.launcher, orig);
      // The hook runs the launcher with node, so the wrapper is JavaScript too.
      const wrapper = [
        '#!/usr/bin/env node',
        "const input = require('fs').readFileSync(0);",
        `require('fs').writeFileSync(${JSON.stringify(file)}, input);`,
        `const r = require('child_process').spawnSync(process.execPath, [${JSON.stringify(orig)}, ...process.argv.slice(2)], { input, stdio: ['pipe', 'inherit', 'inherit'] });`,
        'process.exit(r.status ?? 1);',
        '',
      ].join('\n');
      fs.writeFileSync(s.launcher, wrapper, { mode: 0o755 });
      try {
        const r = await drive(s, [{ shell: 'echo payload > marker.txt' }], 'payload');
        expect(fs.existsSync(file), r.stderr.slice(-1500)).toBe(true);
        const got = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
        expect(JSON.stringify(got)).toContain('echo payload > marker.txt');
        const dir = process.env.AIRLOCK_HARNESS_PAYLOADS;
        if (dir) fs.writeFileSync(path.join(dir, `${h.name}-${h.version}.json`), JSON.stringify(got, null, 2) + '\n');
        record(s, 'payload capture', `keys: ${Object.keys(got).join(',')}`, r.ms);
      } finally {
        fs.renameSync(orig, s.launcher);
        fs.rmSync(s.marker, { force: true });
      }
    }, 150_000);

    it('harmless: runs, no question', async () => {
      const r = await drive(s, [{ shell: 'echo harmless > marker.txt' }], 'harmless');
      expect(fs.existsSync(s.marker), r.stderr.slice(-2000)).toBe(true);
      expect(blockedText(r.results)).toBeNull();
      record(s, 'harmless (echo > marker.txt)', 'ran', r.ms);
    }, 150_000);

    it('flagged: rm -rf ./victim is blocked and the model reads why', async () => {
      const r = await drive(s, [{ shell: 'rm -rf ./victim' }], 'flagged');
      expect(fs.existsSync(path.join(s.victim, 'data', 'precious.txt'))).toBe(true);
      expectReason(s, r, 'files/delete-project-path');
      record(s, 'flagged (rm -rf ./victim)', reasonOutcome(s), r.ms);
    }, 150_000);

    it('the PocketOS curl is blocked without a human', async () => {
      w.standIn.reset();
      const before = volumeDeletes();
      const r = await drive(s, [{ shell: incidentCurl(DOMAINS_TOKEN) }], 'incident');
      expect(volumeDeletes()).toBe(before);
      expectReason(s, r, 'railway/graphql-volume-delete');
      record(s, 'PocketOS curl, no approver', `blocked; 0 volumeDelete at the stand-in; ${reasonOutcome(s)}`, r.ms);
    }, 150_000);

    it('the PocketOS curl approved by a human typing the volume id reaches the stand-in exactly once', async () => {
      w.standIn.reset();
      const before = volumeDeletes();
      const human = new Human(s.humanEnv);
      try {
        await human.waitFor('Waiting for requests');
        const pending = drive(s, [{ shell: incidentCurl(DOMAINS_TOKEN) }], 'incident approved');
        await human.waitFor('to approve');
        expect(human.text).toContain(IDS.volume);
        human.type(IDS.volume);
        const r = await pending;
        expect(volumeDeletes() - before, `${r.stderr.slice(-1500)}\n${human.text.slice(-1500)}`).toBe(1);
        record(s, 'PocketOS curl, human types the id', `ran once (${volumeDeletes() - before} volumeDelete)`, r.ms);
      } finally {
        human.stop();
        w.standIn.reset();
      }
    }, 150_000);

    it('denied by the human: does not run', async () => {
      const human = new Human(s.humanEnv);
      try {
        await human.waitFor('Waiting for requests');
        const pending = drive(s, [{ shell: 'rm -rf ./victim' }], 'denied');
        await human.waitFor('to approve');
        human.type('');
        const r = await pending;
        expect(fs.existsSync(path.join(s.victim, 'data', 'precious.txt'))).toBe(true);
        expectReason(s, r, /denied/i);
        record(s, 'denied by the human (rm -rf)', `not run; ${reasonOutcome(s)}`, r.ms);
      } finally {
        human.stop();
      }
    }, 150_000);

    if (h.name === 'codex') {
      it('an interactive bash in a TTY (write_stdin would bypass the hook) needs a human', async () => {
        const r = await drive(s, [{ tool: 'exec_command', args: { cmd: 'bash', tty: true } }, { tool: 'write_stdin', args: { session_id: 1, chars: 'rm -rf ./victim\n' } }], 'tty session');
        expect(fs.existsSync(path.join(s.victim, 'data', 'precious.txt'))).toBe(true);
        expect(blockedText(r.results)).toContain('codex/interactive-session');
        record(s, 'exec_command bash tty + write_stdin', 'session blocked; victim intact', r.ms);
      }, 150_000);

      it('doctor: a stale trust record says the hook will NOT fire; install rewrites it', async () => {
        const toml = path.join(s.home, '.codex', 'config.toml');
        const good = fs.readFileSync(toml, 'utf8');
        fs.writeFileSync(toml, good.replace(/trusted_hash = "sha256:[0-9a-f]+"/, `trusted_hash = "sha256:${'0'.repeat(64)}"`));
        const bad = await run(NODE, [s.launcher, 'doctor'], { env: s.env, cwd: s.work });
        expect(bad.stdout).toMatch(/codex\s+installed in .*will NOT fire/);
        expect(bad.stdout).toContain('stale');
        const again = await run(NODE, [s.launcher, 'install', 'codex'], { env: s.env, cwd: s.work });
        expect(again.code).toBe(0);
        expect(fs.readFileSync(toml, 'utf8')).toBe(good);
      });
    }

    if (h.name === 'claude-code') {
      it('MCP: DROP TABLE users through a local MCP server is blocked and the table survives', async () => {
        w.pg.psql(MCP_DB, 'DROP TABLE IF EXISTS users; CREATE TABLE users (id int primary key, email text); INSERT INTO users VALUES (1, $$a@example.com$$), (2, $$b@example.com$$)');
        const callLog = path.join(s.base, 'mcp-calls.jsonl');
        const cfg = path.join(s.base, 'mcp.json');
        fs.writeFileSync(cfg, JSON.stringify({ mcpServers: { pg: { command: NODE, args: [MCP_SERVER], env: { PG_HOST: '127.0.0.1', PG_PORT: String(w.pg.port), PG_DB: MCP_DB, MCP_CALL_LOG: callLog, PATH: SYSTEM_PATH } } } }));
        const r = await drive(s, [{ tool: 'mcp__pg__query', args: { sql: 'select count(*) from users' } }, { tool: 'mcp__pg__query', args: { sql: 'DROP TABLE users' } }], 'mcp', ['--mcp-config', cfg, '--strict-mcp-config']);
        const calls = fs.existsSync(callLog) ? fs.readFileSync(callLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { sql: string }) : [];
        expect(calls.map((c) => c.sql), `${r.stderr.slice(-2000)}\n${JSON.stringify(r.results)}`).toEqual(['select count(*) from users']);
        expect(w.pg.psql(MCP_DB, 'select count(*) from users')).toBe('2');
        expect(blockedText(r.results)).toContain('postgres/drop');
        record(s, 'MCP pg query: DROP TABLE users', 'blocked; the select ran, users has 2 rows', r.ms);
      }, 150_000);
    }

    // Last: these break the airlock copy the hook names. What each harness does then, as measured
    // (docs/harnesses.md): 'blocks' is asserted as fail-closed; 'runs' is the harness failing open,
    // which README and `airlock doctor` say. If a 'runs' starts failing, the harness gained a
    // fail-closed mode: use it in `airlock install`.
    const scripts: Record<FailureKind, string> = {
      crashing: "#!/usr/bin/env node\nthrow new Error('airlock crashed');\n",
      missing: '',
      hanging: '#!/usr/bin/env node\nsetInterval(() => {}, 1000);\n',
    };
    for (const [kind, expected] of Object.entries(FAILURES[h.name]) as [FailureKind, 'blocks' | 'runs'][]) {
      // One name for every harness (one row in the table); what was expected is in the outcome.
      it(`airlock ${kind}: what the harness does with the command`, async () => {
        fs.mkdirSync(s.victim + '/data', { recursive: true });
        fs.writeFileSync(path.join(s.victim, 'data', 'precious.txt'), 'do not lose me\n');
        if (kind === 'missing') fs.rmSync(s.launcher, { force: true });
        else fs.writeFileSync(s.launcher, scripts[kind], { mode: 0o755 });
        if (kind === 'hanging') {
          shortenHookTimeout(s);
          // The hook must still fire (for Codex: still trusted), or "runs" would prove nothing.
          const doc = await run(NODE, [BUNDLE, 'doctor'], { env: s.env, cwd: s.work });
          expect(doc.stdout).toMatch(new RegExp(`${h.target}\\s+installed in .*; will fire`));
        }
        // `rm -r`, not `rm -rf`: Codex's own policy rejects `rm -f` style commands by itself.
        const r = await drive(s, [{ shell: 'rm -r ./victim' }], `airlock ${kind}`);
        const survived = fs.existsSync(path.join(s.victim, 'data', 'precious.txt'));
        expect(survived, `tool results: ${JSON.stringify(r.results)}\n${r.stderr.slice(-1500)}`).toBe(expected === 'blocks');
        record(s, `airlock ${kind}`, expected === 'blocks' ? 'blocked (fails closed)' : 'RAN: the harness fails open (documented; doctor warns)', r.ms);
      }, 150_000);
    }
  });
}

// The harness CLIs must never reach past loopback: the runner puts this suite in a network
// namespace with only `lo` when root; say so in the log.
it('runs with loopback only when root', () => {
  const links = NETNS ? execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).trim().split('\n') : [];
  if (NETNS) expect(links.every((l) => /: lo:/.test(l))).toBe(true);
  outcomes.push(`network: ${NETNS ? 'own namespace, links: ' + links.map((l) => l.split(':')[1]!.trim()).join(',') : `host network (${IS_ROOT ? 'unshare -n unavailable' : 'not root'}: no namespace; model URLs on 127.0.0.1)`}`);
  expect(outcomes.length).toBeGreaterThan(0);
});
