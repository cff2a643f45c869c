// Hardened mode on this machine, for real: `airlock system install --root DIR` (a real `airlock`
// system user, the service as that user, root-owned files), an unprivileged agent user made
// with useradd, attacks replayed as that user with runuser, and a human at a PTY (driven by
// this test) running `airlock approver`, which re-executes itself through `sudo -u airlock`.
// Collected only when the suite runs as root (vitest.config.ts); CI runs as root.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as pty from '@lydell/node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep, totp } from '../../../src/system/totp';
import { FORGED_APPROVER, KEYSTROKES, OVERRIDES } from './attacks';
import { GUARDED, HOOK_LINE, SCRIPTS, SECRETS } from './replays';

const REPO = path.resolve(__dirname, '..', '..', '..');
const NODE = process.execPath;
const LINE = 'rm -rf ./victim && ./stub 7';
const NAME = './victim';

let root = '';
let agent = '';
let home = '';
let work = '';
let installDir = '';
let AL = '';
let runDir = '';
let secret: Buffer = Buffer.alloc(0);
let human: Human | null = null;
let tmuxSock = '';
let airlockExisted = false;

const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** The human's terminal: `airlock approver` as root, which re-executes as airlock through sudo. */
class Human {
  out = '';
  mark = 0;
  readonly p: pty.IPty;
  constructor() {
    this.p = pty.spawn(NODE, [AL, 'approver'], { name: 'xterm', cols: 200, rows: 60, cwd: '/', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/root', TERM: 'xterm', NO_COLOR: '1' } });
    this.p.onData((d) => (this.out += d));
  }
  /** Waits for `text` after the mark; moves the mark past it. */
  async waitFor(text: string, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    for (;;) {
      const i = strip(this.out).indexOf(text, this.mark);
      if (i >= 0) {
        this.mark = i + text.length;
        return;
      }
      if (Date.now() > end) throw new Error(`approver never showed ${JSON.stringify(text)}; screen:\n${strip(this.out).slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /** Moves the mark to the end of what is on screen so far. */
  skip(): void {
    this.mark = strip(this.out).length;
  }
  type(line: string): void {
    this.p.write(line + '\r');
  }
}

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `cmd args` as the agent user, in the work dir, with a clean environment. */
function asAgent(cmd: string[], opts: { timeoutSec?: number; input?: string; env?: string[] } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = ['PATH=/usr/local/bin:/usr/bin:/bin', `HOME=${home}`, `USER=${agent}`, `AIRLOCK_APPROVAL_TIMEOUT=${opts.timeoutSec ?? 6}`, ...(opts.env ?? [])];
  return new Promise((resolve) => {
    const c = spawn('runuser', ['-u', agent, '--', 'env', '-i', ...env, ...cmd], { cwd: work, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (opts.input !== undefined) c.stdin!.end(opts.input);
    let stdout = '';
    let stderr = '';
    c.stdout!.on("data", (d) => (stdout += d));
    c.stderr!.on("data", (d) => (stderr += d));
    c.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const guarded = (timeoutSec = 6) => asAgent([NODE, AL, '-c', LINE], { timeoutSec });

function resetVictim(): void {
  const v = path.join(work, 'victim');
  fs.mkdirSync(path.join(v, 'src'), { recursive: true });
  fs.writeFileSync(path.join(v, 'src', 'work.txt'), 'untracked work\n');
  execFileSync('chown', ['-R', `${agent}:`, v]);
}

const victimIntact = () => fs.existsSync(path.join(work, 'victim', 'src', 'work.txt'));
const stubCalls = () => (fs.existsSync(path.join(work, 'stub-calls')) ? fs.readFileSync(path.join(work, 'stub-calls'), 'utf8').split('\n').filter(Boolean).length : 0);

function steps(stdout: string): { attack: string; step: string; ok: boolean; detail: string }[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

async function runAttack(name: string, text: string, extra: string[]) {
  const file = path.join(work, `${name}.js`);
  fs.writeFileSync(file, text, { mode: 0o644 });
  const r = await asAgent([NODE, file, NODE, AL, runDir, LINE, ...extra], { timeoutSec: 4 });
  const got = steps(r.stdout);
  expect(got.length, r.stderr).toBeGreaterThan(0);
  return got;
}

/** A 6-digit code valid for no step near now. */
function wrongCode(): string {
  const now = timeStep(Date.now() / 1000);
  const near = new Set([-2, -1, 0, 1, 2].map((d) => hotp(secret, now + d)));
  for (let n = 0; ; n++) {
    const c = String((Number(totp(secret, Date.now() / 1000)) + 1 + n) % 1_000_000).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}

beforeAll(() => {
  if (!fs.existsSync(path.join(REPO, 'dist', 'airlock.cjs'))) execFileSync(NODE, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO });
  airlockExisted = spawnSync('id', ['-u', 'airlock'], { stdio: 'ignore' }).status === 0;
  // Under /tmp itself: $TMPDIR may be a 0700 directory the agent user cannot enter.
  root = fs.mkdtempSync('/tmp/airlock-hardened-');
  fs.chmodSync(root, 0o755);
  agent = `alagent${randomBytes(3).toString('hex')}`;
  home = path.join(root, 'home', agent);
  work = path.join(home, 'work');
  fs.mkdirSync(work, { recursive: true });
  fs.chmodSync(path.join(root, 'home'), 0o755);
  sh('useradd', ['--no-create-home', '--home-dir', home, '--shell', '/bin/bash', '--user-group', agent]);
  // The stub: records each call and exits with its argument.
  fs.writeFileSync(path.join(work, 'stub'), `#!/bin/sh\necho "called $*" >> ${path.join(work, 'stub-calls')}\nexit "$1"\n`, { mode: 0o755 });
  execFileSync('chown', ['-R', `${agent}:`, home]);
  fs.chmodSync(home, 0o755);
  resetVictim();

  const out = sh(NODE, [path.join(REPO, 'bin', 'airlock'), 'system', 'install', '--root', root, '--agent-user', agent]);
  expect(out).toContain('hardened mode installed');
  installDir = path.join(root, 'opt', 'airlock');
  AL = path.join(installDir, 'bin', 'airlock');
  runDir = path.join(root, 'run', 'airlock');
  const enrol = sh(NODE, [AL, 'system', 'enroll', '--account', 'test-human']);
  expect(enrol).toContain('otpauth://totp/');
  const secretFile = path.join(root, 'var', 'lib', 'airlock', 'totp.json');
  secret = base32Decode((JSON.parse(fs.readFileSync(secretFile, 'utf8')) as { secret: string }).secret);
  expect(enrol).toContain((JSON.parse(fs.readFileSync(secretFile, 'utf8')) as { secret: string }).secret);

  // The human's tmux session (attack 2 tries to send keys into it).
  tmuxSock = path.join(fs.mkdtempSync('/tmp/airlock-human-tmux-'), 'sock');
  spawnSync('tmux', ['-S', tmuxSock, 'new-session', '-d', '-s', 'human', 'sleep 600']);
}, 180_000);

afterAll(() => {
  const approvers = () => (spawnSync('pgrep', ['-u', 'airlock', '-f', `${AL} approver`], { encoding: 'utf8' }).stdout ?? '').split('\n').filter(Boolean).map(Number);
  const started = AL ? approvers() : [];
  human?.p.kill();
  if (tmuxSock) {
    spawnSync('tmux', ['-S', tmuxSock, 'kill-server']);
    fs.rmSync(path.dirname(tmuxSock), { recursive: true, force: true });
  }
  if (!root) return;
  // The approver this test started ran as airlock: it must be gone before the user is removed.
  for (let i = 0; i < 50 && started.some((p) => approvers().includes(p)); i++) spawnSync('sleep', ['0.1']);
  for (const p of started.filter((p) => approvers().includes(p))) process.kill(p, 'SIGKILL');
  const r = spawnSync(NODE, [path.join(REPO, 'bin', 'airlock'), 'system', 'uninstall', '--root', root], { encoding: 'utf8' });
  if (agent) spawnSync('userdel', [agent]);
  fs.rmSync(root, { recursive: true, force: true });
  expect(r.status, r.stderr).toBe(0);
  if (!airlockExisted) expect(spawnSync('id', ['-u', 'airlock'], { stdio: 'ignore' }).status).not.toBe(0);
}, 60_000);

describe('hardened mode installed on this machine', () => {
  it('lays out root-owned files, an airlock-owned run dir and a key only airlock reads', () => {
    const st = (p: string) => fs.statSync(p);
    const uid = Number(sh('id', ['-u', 'airlock']).trim());
    expect(st(path.join(root, 'etc', 'airlock', 'system.json')).uid).toBe(0);
    expect(st(path.join(root, 'etc', 'airlock', 'approver.pub')).uid).toBe(0);
    expect(st(path.join(installDir, 'dist', 'airlock.cjs')).uid).toBe(0);
    expect(st(path.join(installDir, 'dist', 'airlock.cjs')).mode & 0o022).toBe(0);
    expect(st(runDir).uid).toBe(uid);
    const key = st(path.join(root, 'var', 'lib', 'airlock', 'signing.key'));
    expect([key.uid, key.mode & 0o777]).toEqual([uid, 0o600]);
    const managed = JSON.parse(fs.readFileSync(path.join(root, 'etc', 'claude-code', 'managed-settings.json'), 'utf8'));
    expect(JSON.stringify(managed.hooks.PreToolUse)).toContain(`${AL} hook claude-code`);
    const gemini = JSON.parse(fs.readFileSync(path.join(root, 'etc', 'gemini-cli', 'settings.json'), 'utf8'));
    expect(JSON.stringify(gemini.hooks.BeforeTool)).toContain(`${AL} hook gemini`);
    const status = spawnSync(NODE, [AL, 'system', 'status'], { encoding: 'utf8' });
    expect(status.stdout).toContain('service    running');
    expect(status.stdout).toContain(`agent user ${agent} is not in the airlock group`);
  });

  it('Codex: managed hooks in the root-owned requirements.toml, hooks pinned on', () => {
    const file = path.join(root, 'etc', 'codex', 'requirements.toml');
    const st = fs.statSync(file);
    expect([st.uid, st.mode & 0o022]).toEqual([0, 0]);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('[features]\nhooks = true');
    expect(text).toContain(`managed_dir = ${JSON.stringify(path.join(installDir, 'bin'))}`);
    expect(text).toMatch(/^command = ".*airlock\/bin\/airlock'? hook codex"$/m);
    expect(text).toContain(AL);
  });

  it('with nobody approving, the flagged command is blocked and nothing runs', async () => {
    const r = await guarded(3);
    expect(r.code).toBe(126);
    expect(r.stderr).toContain('files/delete-project-path');
    expect(victimIntact()).toBe(true);
    expect(stubCalls()).toBe(0);
  });

  it('the managed Claude Code hook command blocks the same call (exit 2), nothing runs', async () => {
    const managed = JSON.parse(fs.readFileSync(path.join(root, 'etc', 'claude-code', 'managed-settings.json'), 'utf8'));
    const command = managed.hooks.PreToolUse[0].hooks[0].command as string;
    const call = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: LINE }, cwd: work, session_id: 's' });
    // A short hook time limit, so the wait for a human ends soon (nobody approves here).
    const r = await asAgent(['/bin/sh', '-c', `AIRLOCK_HOOK_TIMEOUT=10 ${command}`], { input: call });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('airlock: blocked');
    expect(victimIntact()).toBe(true);
    expect(stubCalls()).toBe(0);
  });

  it('the human approver starts as the airlock user through sudo', async () => {
    human = new Human();
    await human.waitFor('Waiting for requests');
    const pid = Number(sh('pgrep', ['-u', 'airlock', '-f', `${AL} approver`]).trim().split('\n')[0]);
    expect(pid).toBeGreaterThan(0);
  });

  it('attack 1, a forged approver: every step fails, the victim stays, the stub is not called', async () => {
    const got = await runAttack('forged', FORGED_APPROVER, []);
    expect(got.map((s) => s.step)).toContain('guarded command with the forged approver');
    for (const s of got) expect(s, `${s.step}: ${s.detail}`).toMatchObject({ ok: false });
    expect(victimIntact()).toBe(true);
    expect(stubCalls()).toBe(0);
    // The request reached the real service and the human saw it (it was withdrawn on timeout).
    await human!.waitFor(`Type ${NAME} to approve`);
  });

  it('attack 2, keystrokes into the approver terminal, tmux send-keys, ptrace: all refused', async () => {
    const approverPid = sh('pgrep', ['-u', 'airlock', '-f', `${AL} approver`]).trim().split('\n')[0]!;
    const tty = fs.readlinkSync(`/proc/${approverPid}/fd/0`);
    expect(tty).toMatch(/^\/dev\/pts\//);
    const got = await runAttack('keys', KEYSTROKES, [tty, approverPid, tmuxSock, NAME]);
    expect(got).toHaveLength(7);
    for (const s of got) expect(s, `${s.step}: ${s.detail}`).toMatchObject({ ok: false });
    expect(victimIntact()).toBe(true);
    expect(stubCalls()).toBe(0);
  });

  it('overrides and files the agent might rewrite (attacks 5, 6, 8, 10, 11): ignored or not writable', async () => {
    const got = await runAttack('overrides', OVERRIDES, [root, installDir, work]);
    expect(got.length).toBe(11);
    for (const s of got) expect(s, `${s.attack} ${s.step}: ${s.detail}`).toMatchObject({ ok: false });
    expect(victimIntact()).toBe(true);
    expect(stubCalls()).toBe(0);
  });

  it('the system layer outranks every layer the agent can write', async () => {
    // The human (root) adds a system rule; the agent's own layers disable it, redefine it as
    // allow and allow-list the command. None of that reaches a system rule.
    const rule = { rules: [{ id: 'site/no-stub-deploy', description: 'stub deploys are forbidden here', severity: 'high', decision: 'deny', match: [{ type: 'command', program: 'stub', words: ['deploy'] }], resource: 'stub', message: 'stub deploy is forbidden on this machine.' }] };
    fs.writeFileSync(path.join(root, 'etc', 'airlock', 'rulesets', 'site.yaml'), JSON.stringify(rule), { mode: 0o644 });
    const weaken = { rules: [{ ...rule.rules[0], decision: 'allow' }], disable: [{ rule: 'site/no-stub-deploy', reason: 'agent' }], allow: [{ command: './stub deploy*', reason: 'agent' }] };
    const userDir = path.join(home, '.config', 'airlock');
    fs.mkdirSync(userDir, { recursive: true });
    fs.writeFileSync(path.join(userDir, 'weaken.yaml'), JSON.stringify(weaken));
    fs.mkdirSync(path.join(work, '.airlock'), { recursive: true });
    fs.writeFileSync(path.join(work, '.airlock', 'weaken.yaml'), JSON.stringify(weaken));
    execFileSync('chown', ['-R', `${agent}:`, userDir, path.join(work, '.airlock')]);
    const r = await asAgent([NODE, AL, 'explain', '--json', '--', './stub deploy']);
    const res = JSON.parse(r.stdout) as { decision: string; findings: { rule: string }[] };
    expect(res.decision).toBe('deny');
    expect(res.findings.map((f) => f.rule)).toContain('site/no-stub-deploy');
    const run = await asAgent([NODE, AL, '-c', './stub deploy']);
    expect(run.code).toBe(126);
    expect(stubCalls()).toBe(0);
    for (const f of [path.join(userDir, 'weaken.yaml'), path.join(work, '.airlock', 'weaken.yaml'), path.join(root, 'etc', 'airlock', 'rulesets', 'site.yaml')]) fs.rmSync(f);
  });

  it('doctor, run as the agent, says hardened mode is active', async () => {
    const r = await asAgent([NODE, AL, 'doctor']);
    expect(r.stdout).toContain('mode: hardened');
  });

  it('even with the resource name typed, a wrong one-time code denies', async () => {
    human!.skip();
    const pending = guarded(40);
    await human!.waitFor(`Type ${NAME} to approve`);
    human!.type(NAME);
    await human!.waitFor('One-time code');
    human!.type(wrongCode());
    const r = await pending;
    expect(r.code).toBe(126);
    expect(r.stderr).toContain('one-time code is wrong');
    expect(victimIntact()).toBe(true);
    expect(stubCalls()).toBe(0);
  });

  it('a wrong resource name with a valid code denies', async () => {
    human!.skip();
    const pending = guarded(40);
    await human!.waitFor(`Type ${NAME} to approve`);
    human!.type('victim');
    await human!.waitFor('One-time code');
    human!.type(totp(secret, Date.now() / 1000));
    const r = await pending;
    expect(r.code).toBe(126);
    expect(r.stderr).toContain('typed name did not match');
    expect(victimIntact()).toBe(true);
    expect(stubCalls()).toBe(0);
  });

  let used = '';
  it('the name and a valid code: the command runs once, with its real exit code', async () => {
    human!.skip();
    const pending = guarded(40);
    await human!.waitFor(`Type ${NAME} to approve`);
    human!.type(NAME);
    await human!.waitFor('One-time code');
    used = totp(secret, Date.now() / 1000);
    human!.type(used);
    const r = await pending;
    expect(r.stderr).not.toContain('blocked');
    expect(r.code).toBe(7);
    expect(victimIntact()).toBe(false);
    expect(stubCalls()).toBe(1);
    await human!.waitFor('✔ approved');
  });

  it('the same code again denies (each code is used once)', async () => {
    resetVictim();
    human!.skip();
    const pending = guarded(40);
    await human!.waitFor(`Type ${NAME} to approve`);
    human!.type(NAME);
    await human!.waitFor('One-time code');
    human!.type(used);
    const r = await pending;
    expect(r.code).toBe(126);
    expect(r.stderr).toMatch(/one-time code (was already used|is wrong)/);
    expect(victimIntact()).toBe(true);
    expect(stubCalls()).toBe(1);
  });

  it('the service, as airlock, wrote the audit records of every request and answer', () => {
    const log = fs.readFileSync(path.join(root, 'var', 'log', 'airlock', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const answers = log.filter((r) => r.kind === 'answer');
    expect(answers.filter((r) => r.approved === true)).toHaveLength(1);
    expect(log.filter((r) => r.kind === 'request').length).toBeGreaterThanOrEqual(6);
    expect(fs.statSync(path.join(root, 'var', 'log', 'airlock', 'audit.jsonl')).uid).toBe(Number(sh('id', ['-u', 'airlock']).trim()));
  });

  // The same-user holes of the default mode, replayed here as the agent user (attacks 3, 4, 7, 9,
  // 12, 13, 14; test/attacks has them in the default mode). The stub is on the agent's PATH.
  describe('default-mode attacks replayed as the agent user', () => {
    const agentPath = () => [`PATH=${work}:/usr/local/bin:/usr/bin:/bin`];
    const managedHook = () => (JSON.parse(fs.readFileSync(path.join(root, 'etc', 'claude-code', 'managed-settings.json'), 'utf8')).hooks.PreToolUse[0].hooks[0].command as string);
    const viaHook = (payload: unknown, env = 'AIRLOCK_HOOK_TIMEOUT=5') => asAgent(['/bin/sh', '-c', `${env} ${managedHook()}`], { input: JSON.stringify(payload), env: agentPath() });
    // The approved run above called the stub once; nothing here may call it again.
    let calls0 = 0;
    beforeAll(() => {
      calls0 = stubCalls();
      human?.skip();
      for (const f of SCRIPTS) {
        fs.copyFileSync(path.join(REPO, 'test', 'attacks', 'scripts', f), path.join(work, f));
        fs.chmodSync(path.join(work, f), 0o755);
        execFileSync('chown', [`${agent}:`, path.join(work, f)]);
      }
      resetVictim();
    });

    it.each(GUARDED)('attack %s: %s', async (_attack, line, input) => {
      const r = await asAgent([NODE, AL, '-c', line], { timeoutSec: 1, input, env: agentPath() });
      expect(r.code, r.stderr).toBe(126);
      expect(r.stderr).toContain('airlock: blocked');
      expect(victimIntact()).toBe(true);
      expect(stubCalls()).toBe(calls0);
    });

    it('attack 9: airlock -i with a non-terminal stdin checks that input first', async () => {
      const r = await asAgent([NODE, AL, '-i'], { timeoutSec: 1, input: 'rm -rf ./victim; stub stdin\n', env: agentPath() });
      expect(r.code, r.stderr).toBe(126);
      expect(victimIntact()).toBe(true);
      expect(stubCalls()).toBe(calls0);
    });

    it.each(SECRETS)('attack 12: %s', async (line, secret) => {
      const before = fs.readFileSync(path.join(root, 'var', 'log', 'airlock', 'audit.jsonl'), 'utf8').length;
      const r = await asAgent([NODE, AL, '-c', line], { timeoutSec: 1, env: agentPath() });
      expect(r.code, r.stderr).toBe(126);
      expect(r.stderr).not.toContain(secret);
      const log = fs.readFileSync(path.join(root, 'var', 'log', 'airlock', 'audit.jsonl'), 'utf8');
      expect(log.length).toBeGreaterThan(before);
      expect(log).not.toContain(secret);
      expect(victimIntact()).toBe(true);
      expect(stubCalls()).toBe(calls0);
    });

    it('attack 12: the managed hook answers "blocked" at its deadline however busy the work is', async () => {
      const r = await viaHook({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: HOOK_LINE }, cwd: work, session_id: 's' }, 'AIRLOCK_HOOK_TIMEOUT=5 AIRLOCK_TEST_HOOK_BUSY_MS=600000');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/could not decide within the claude-code hook time limit/);
      expect(victimIntact()).toBe(true);
      expect(stubCalls()).toBe(calls0);
    });

    it('a weakening rule in the user config is rejected with a hint that points to the system layer', async () => {
      // The user layer written by attack 6 above (OVERRIDES) is still there.
      const r = await asAgent([NODE, AL, 'explain', '--', 'true'], { env: agentPath() });
      expect(r.stderr).toContain('rejected disable of files/delete-project-path');
      expect(r.stderr).toContain(`${path.join(root, 'etc', 'airlock')}/rulesets/*.yaml`);
      expect(r.stderr).not.toContain('put it in ~/.config/airlock');
    });

    it('attack 14: a model-written workdir does not move where a Claude Code command is judged', async () => {
      const scratch = fs.mkdtempSync('/tmp/airlock-scratch-');
      try {
        fs.mkdirSync(path.join(scratch, 'victim'));
        fs.chmodSync(scratch, 0o755);
        // Long enough for the check on a loaded machine; nobody approves, so the wait ends in a deny.
        const r = await viaHook({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: HOOK_LINE, workdir: scratch }, cwd: work, session_id: 's' }, 'AIRLOCK_HOOK_TIMEOUT=15');
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain('victim');
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
      expect(victimIntact()).toBe(true);
      expect(stubCalls()).toBe(calls0);
    });
  });
});
