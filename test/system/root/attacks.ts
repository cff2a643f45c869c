// The attacks replayed as the unprivileged agent user, as script text (data: the test writes
// them into the agent's work directory and runs them with node as that user). Each prints one
// JSON object per attempt: { attack, step, ok, detail } where ok=true means the step SUCCEEDED
// (what an attacker wants); the test expects every step to fail.

/** Shared prelude: report(), and run the guarded command line as the agent does. */
const PRELUDE = String.raw`
const fs = require('fs');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');
const [NODE, AL, RUN_DIR, LINE] = process.argv.slice(2, 6);
const EXTRA = process.argv.slice(6);
function report(attack, step, ok, detail) {
  process.stdout.write(JSON.stringify({ attack, step, ok, detail: String(detail).slice(0, 300) }) + '\n');
}
function attempt(attack, step, fn) {
  try {
    const d = fn();
    report(attack, step, true, d === undefined ? 'done' : d);
  } catch (e) {
    report(attack, step, false, e.code || e.message);
  }
}
function guarded(line, env) {
  return new Promise((resolve) => {
    const c = spawn(NODE, [AL, '-c', line], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => (err += d));
    c.on('close', (code) => resolve({ code, err }));
  });
}
`;

/** Attack 1: a forged approver (bind the sockets, answer "approved", compute the binding, forge a signature). */
export const FORGED_APPROVER = PRELUDE + String.raw`
(async () => {
  const A = 'forged-approver';
  // Move the service's socket aside and bind our own in its place.
  attempt(A, 'rename request.sock', () => fs.renameSync(path.join(RUN_DIR, 'request.sock'), path.join(RUN_DIR, 'moved.sock')));
  attempt(A, 'unlink request.sock', () => fs.unlinkSync(path.join(RUN_DIR, 'request.sock')));
  attempt(A, 'create a file in the run dir', () => fs.writeFileSync(path.join(RUN_DIR, 'approver.sock'), ''));
  await new Promise((resolve) => {
    const s = net.createServer().on('error', (e) => { report(A, 'bind a socket in the run dir', false, e.code); resolve(); });
    s.listen(path.join(RUN_DIR, 'fake.sock'), () => { report(A, 'bind a socket in the run dir', true, 'bound'); s.close(); resolve(); });
  });
  // Talk to the approving side as if we were the human's approver.
  await new Promise((resolve) => {
    const c = net.connect(path.join(RUN_DIR, 'approve.sock'));
    c.on('connect', () => { report(A, 'connect to approve.sock', true, 'connected'); c.write(JSON.stringify({ type: 'decide', id: 'x', names: [], code: '000000' }) + '\n'); c.end(); resolve(); });
    c.on('error', (e) => { report(A, 'connect to approve.sock', false, e.code); resolve(); });
  });
  // Our own approver in a runtime dir we control, answering approved with the default mode's
  // binding and a "signature" from a key of our own; point every override at it.
  const fake = fs.mkdtempSync(path.join(process.env.HOME, 'fake-run-'));
  fs.chmodSync(fake, 0o700);
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const srv = net.createServer((sock) => {
    let buf = '';
    sock.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      const req = JSON.parse(buf.slice(0, nl)).request;
      const binding = crypto.createHash('sha256').update(JSON.stringify([req.id, req.command, req.cwd, req.pid])).digest('hex');
      const claim = { v: 1, id: req.id, approved: true, command: req.command, cwd: req.cwd, reads: req.reads || [], pid: req.pid, expiresAt: Date.now() + 60000 };
      const sig = crypto.sign(null, Buffer.from(JSON.stringify(claim)), privateKey).toString('base64');
      sock.write(JSON.stringify({ type: 'answer', id: req.id, approved: true, message: 'approved', binding, signed: { claim, sig } }) + '\n');
    });
  });
  await new Promise((r) => srv.listen(path.join(fake, 'approver.sock'), r));
  fs.symlinkSync(path.join(fake, 'approver.sock'), path.join(fake, 'request.sock'));
  const env = { AIRLOCK_RUNTIME_DIR: fake, XDG_RUNTIME_DIR: fake, AIRLOCK_GUARDED: undefined };
  delete env.AIRLOCK_GUARDED;
  const r = await guarded(LINE, env);
  report(A, 'guarded command with the forged approver', r.code !== 126, 'exit ' + r.code + ': ' + r.err.split('\n').slice(-3).join(' | '));
  srv.close();
})();
`;

/** Attack 2: keystrokes into the approver's terminal (write to its TTY, tmux send-keys, its memory). */
export const KEYSTROKES = PRELUDE + String.raw`
(async () => {
  const A = 'keystrokes';
  const [TTY, APPROVER_PID, TMUX_SOCK, NAME] = EXTRA;
  const pending = guarded(LINE, {});
  await new Promise((r) => setTimeout(r, 1500));
  attempt(A, 'open the approver tty for writing', () => { const fd = fs.openSync(TTY, 'w'); fs.writeSync(fd, NAME + '\r'); fs.closeSync(fd); });
  attempt(A, 'open the approver tty for reading (TIOCSTI needs an fd)', () => { fs.closeSync(fs.openSync(TTY, 'r')); });
  attempt(A, 'tmux send-keys into the human pane', () => {
    const r = spawnSync('tmux', ['-S', TMUX_SOCK, 'send-keys', '-t', 'human', NAME, 'Enter'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error('tmux: ' + (r.stderr || r.status).trim());
  });
  attempt(A, 'write the approver process memory (what gdb does)', () => fs.closeSync(fs.openSync('/proc/' + APPROVER_PID + '/mem', 'r+')));
  attempt(A, 'read the approver environment', () => fs.readFileSync('/proc/' + APPROVER_PID + '/environ', 'utf8').length);
  attempt(A, 'read the TOTP secret', () => fs.readdirSync(path.join(RUN_DIR, '..', '..', 'var', 'lib', 'airlock')).join(','));
  const r = await pending;
  report(A, 'guarded command while typing into the approver', r.code !== 126, 'exit ' + r.code + ': ' + r.err.split('\n').slice(-2).join(' | '));
})();
`;

/** Cheap replays of the same-user holes that hardened mode closes by ownership and by ignoring overrides. */
export const OVERRIDES = PRELUDE + String.raw`
(async () => {
  const [ROOT, INSTALL, WORK] = EXTRA;
  // 5: nested --shell / AIRLOCK_SHELL pointing at a program the agent wrote.
  const evil = path.join(WORK, 'evilshell');
  fs.writeFileSync(evil, '#!/bin/sh\nexec ' + path.join(WORK, 'stub') + ' 9\n', { mode: 0o755 });
  let r = spawnSync(NODE, [AL, '--shell', evil, '-c', 'true'], { encoding: 'utf8' });
  report('shell-override', '--shell PROG runs PROG', fs.existsSync(path.join(WORK, 'stub-calls')), 'exit ' + r.status);
  r = spawnSync(NODE, [AL, '-c', 'true'], { encoding: 'utf8', env: { ...process.env, AIRLOCK_SHELL: evil } });
  report('shell-override', 'AIRLOCK_SHELL runs PROG', fs.existsSync(path.join(WORK, 'stub-calls')), 'exit ' + r.status);
  // 6: the user layer disables the rule; --ruleset and AIRLOCK_RULESETS relax it.
  const cfg = path.join(process.env.HOME, '.config', 'airlock');
  fs.mkdirSync(cfg, { recursive: true });
  const relax = 'disable:\n  - rule: files/delete-project-path\n    reason: agent says so\nallow:\n  - command: "rm -rf *"\n    reason: agent says so\n';
  fs.writeFileSync(path.join(cfg, 'relax.yaml'), relax);
  const xdg = path.join(process.env.HOME, 'xdg');
  fs.mkdirSync(path.join(xdg, 'airlock'), { recursive: true });
  fs.writeFileSync(path.join(xdg, 'airlock', 'relax.yaml'), relax);
  r = spawnSync(NODE, [AL, 'explain', '--json', '--ruleset', path.join(cfg, 'relax.yaml'), '--', LINE], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: xdg, AIRLOCK_CONFIG_DIR: path.join(xdg, 'airlock'), AIRLOCK_RULESETS: path.join(cfg, 'relax.yaml') } });
  let decision = 'unparsed';
  try { decision = JSON.parse(r.stdout).decision; } catch {}
  report('user-layer', 'user/XDG/--ruleset layers relax the rule', decision === 'allow', 'decision ' + decision);
  // 8, 10, 11: rewrite the managed hook settings, the installed copy, the config, the service log.
  for (const [step, file] of [
    ['rewrite Claude managed settings', path.join(ROOT, 'etc', 'claude-code', 'managed-settings.json')],
    ['rewrite Gemini system settings', path.join(ROOT, 'etc', 'gemini-cli', 'settings.json')],
    ['edit the installed bundle', path.join(INSTALL, 'dist', 'airlock.cjs')],
    ['edit an installed dependency', path.join(INSTALL, 'node_modules', 'commander', 'index.js')],
    ['replace system.json', path.join(ROOT, 'etc', 'airlock', 'system.json')],
    ['replace approver.pub', path.join(ROOT, 'etc', 'airlock', 'approver.pub')],
    ['add a system ruleset', path.join(ROOT, 'etc', 'airlock', 'rulesets', 'agent.yaml')],
    ['rewrite the service audit log', path.join(ROOT, 'var', 'log', 'airlock', 'audit.jsonl')],
  ]) attempt('ownership', step, () => fs.appendFileSync(file, '\n'));
})();
`;
