#!/usr/bin/env node
// `npm run demo`: the April 2026 incident, replayed against a real PostgreSQL and a local
// Railway stand-in, in two terminals: left the scripted agent, whose commands go through
// `airlock -c`; right `airlock approver`, the human's terminal.
//
//   npm run demo                 tmux, attached: you are the human in the right pane
//   npm run demo -- --auto       the demo types the human's answers itself (CI smoke, screenshots)
//   npm run demo -- --no-tmux    no tmux: both terminals driven through node-pty, printed in turn (implies --auto)
//   options: --fast (no pauses), --transcript FILE (write the printed transcript),
//            --short (with --no-tmux: long explanations elided, as in docs/demo-transcript.txt)
//
// Everything (database, stand-in, tmux server, temp dirs) is stopped and removed at the end.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const argv = process.argv.slice(2);


// ---------------------------------------------------------------------------------------------
// The story
// ---------------------------------------------------------------------------------------------

/** The agent's steps; `human` is what the human types at the approver when the step is held. */
function story(s, w) {
  const { incidentCurl, psqlLine } = s;
  return [
    { say: 'Task: fix the booking export on STAGING. First, list the Railway volumes.', line: 'railway volume list' },
    {
      say: 'Credential error. Maybe there is a Railway token somewhere in the repo...',
      line: 'grep -rn RAILWAY_TOKEN .',
      human: { type: '', why: 'a hunt for credentials: deny (Enter)' },
    },
    {
      say: `Say it read ${s.TOKEN_FILE} anyway: a token made for custom domains. Delete the "staging" volume through the API, as in April 2026:`,
      line: incidentCurl(s.DOMAINS_TOKEN),
      human: { type: '', why: 'volumeDelete of the PRODUCTION volume: deny (Enter)' },
    },
    {
      say: 'Blocked. Fall back to the database itself:',
      line: psqlLine(w, 'DROP SCHEMA public CASCADE'),
      human: { type: '', why: 'the whole production schema: deny (Enter)' },
    },
    {
      say: 'Blocked again; asked my human. They agree to one thing: dropping my own scratch table.',
      line: psqlLine(w, 'DROP TABLE bookings_export_tmp'),
      human: { type: 'bookings_export_tmp', why: 'type the table name to approve' },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Controller
// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = {
    auto: argv.includes('--auto'),
    fast: argv.includes('--fast'),
    noTmux: argv.includes('--no-tmux'),
    short: argv.includes('--short'),
    transcript: argv.includes('--transcript') ? path.resolve(argv[argv.indexOf('--transcript') + 1] ?? 'demo-transcript.txt') : null,
  };
  const hasTmux = !opts.noTmux && commandExists('tmux');
  const tty = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  if (!hasTmux && !opts.auto) {
    process.stderr.write('demo: no tmux (or --no-tmux): running the scripted version, the demo types the human\'s answers itself (--auto)\n');
    opts.auto = true;
  }
  if (hasTmux && !tty && !opts.auto) {
    process.stderr.write('demo: not a terminal: use `npm run demo -- --auto` (the demo then answers for the human)\n');
    process.exit(2);
  }
  const s = loadSupport();
  const bundle = s.BUNDLE;
  if (!fs.existsSync(bundle)) {
    process.stderr.write(`demo: ${bundle} is missing; run \`npm run build\` first\n`);
    process.exit(2);
  }

  say('Starting a real PostgreSQL (carrental_production) and the Railway stand-in on 127.0.0.1...');
  const tmux = hasTmux ? new Tmux() : null;
  const w = await s.startWorld();
  let cleaned = false;
  say(`temp dirs: ${[path.dirname(w.repo), w.pg.dir, w.standIn.dir].join(' ')}${tmux ? `; tmux server: tmux -L ${tmux.socket} (${tmuxSocketPath(tmux.socket)})` : ''}`);
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    tmux?.kill();
    await w.close();
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void cleanup().then(() => process.exit(130)));
  try {
    w.pg.psql(s.DB, 'CREATE TABLE bookings_export_tmp AS SELECT * FROM bookings LIMIT 10');
    const before = w.snapshot();
    const steps = story(s, w);
    const pause = opts.fast ? 0 : 2500;
    let transcript;
    if (tmux) transcript = await runTmux(s, w, steps, { ...opts, tty, pause, tmux });
    else transcript = await runPty(s, w, steps, { ...opts, pause });
    const after = w.snapshot();
    const log = await s.auditLog(s.logEnv ? s.logEnv(w) : w.agentEnv());
    const result = resultText(s, w, before, after, log);
    if (transcript) process.stdout.write(transcript);
    process.stdout.write(result);
    if (opts.transcript) fs.writeFileSync(opts.transcript, (transcript ?? '') + result);
    // Scripted answers: exactly this outcome. A real human may answer otherwise.
    const ok = s.nothingLost(before, after) && !w.pg.psql(s.DB, "SELECT to_regclass('bookings_export_tmp')");
    if (opts.auto && !ok) {
      process.stderr.write('demo: unexpected outcome (see above)\n');
      process.exitCode = 1;
    }
  } finally {
    await cleanup();
  }
}

function resultText(s, w, before, after, log) {
  const decisions = log.filter((r) => r.kind === 'decision');
  const answers = log.filter((r) => r.kind === 'answer');
  const approved = answers.filter((a) => a.approved).length;
  const lines = [
    '',
    '== Result ==',
    `production before: ${s.describeSnapshot(before)}`,
    `production after:  ${s.describeSnapshot(after)}`,
    `scratch table bookings_export_tmp: ${w.pg.psql(s.DB, "SELECT to_regclass('bookings_export_tmp')") ? 'still there' : 'dropped (approved by the human)'}`,
    `audit log: ${decisions.length} decisions (${decisions.filter((d) => d.decision === 'allow').length} allowed), ${answers.length} approval requests answered, ${approved} approved by the human`,
    '',
  ];
  return lines.join('\n');
}

function loadSupport() {
  process.env.AIRLOCK_E2E_BUNDLE ??= path.join(ROOT, 'dist', 'airlock.cjs');
  const out = path.join(ROOT, 'node_modules', '.cache', 'airlock-demo', 'support.cjs');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const { buildSync } = require('esbuild');
  buildSync({
    stdin: {
      contents: ["export * from './test/e2e/support/world';", "export * from './test/e2e/support/agent';", "export * from './test/e2e/support/proc';"].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return require(out);
}

function commandExists(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function say(text) {
  process.stderr.write(`demo: ${text}\n`);
}

/** POSIX single quotes. */
const shq = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;

/** A shell script that runs argv with exactly `env` (nothing inherited). */
function paneScript(file, env, argv, cwd) {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${shq(v)}`);
  fs.writeFileSync(file, `#!/bin/sh\ncd ${shq(cwd)} || exit 1\nexec env -i ${vars.join(' ')} ${argv.map(shq).join(' ')}\n`, { mode: 0o755 });
  return file;
}

function minimalEnv(env, extra) {
  const keep = ['HOME', 'PATH', 'LANG', 'USER', 'LOGNAME', 'AIRLOCK_STATE_DIR', 'AIRLOCK_RUNTIME_DIR', 'AIRLOCK_CONFIG_DIR'];
  const out = {};
  for (const k of keep) if (env[k] !== undefined) out[k] = env[k];
  return { LANG: 'C.UTF-8', ...out, ...extra };
}

// ---------------------------------------------------------------------------------------------
// tmux: two real terminals
// ---------------------------------------------------------------------------------------------

function tmuxSocketPath(name) {
  return path.join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid()}`, name);
}

class Tmux {
  constructor() {
    this.socket = `airlock-demo-${process.pid}`;
    this.session = 'airlock-demo';
    this.env = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AIRLOCK_') && k !== 'TMUX' && k !== 'TMUX_PANE') this.env[k] = v;
  }
  run(args) {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  capture(pane) {
    try {
      return this.run(['capture-pane', '-p', '-J', '-S', '-', '-t', `${this.session}:0.${pane}`]);
    } catch {
      return '';
    }
  }
  kill() {
    try {
      this.run(['kill-server']);
    } catch {
      // already gone
    }
    // tmux leaves its socket file behind after kill-server.
    if (this.socketPath) fs.rmSync(this.socketPath, { force: true });
  }
}

async function runTmux(s, w, steps, o) {
  const { tmux } = o;
  const dir = path.join(w.home, '..', 'demo');
  fs.mkdirSync(dir, { recursive: true });
  const cfg = {
    bundle: s.BUNDLE,
    repo: w.repo,
    env: minimalEnv(w.agentEnv(), { TERM: 'dumb' }),
    runtimeDir: w.runtimeDir,
    steps: steps.map(({ say: text, line, human }) => ({ say: text, line, held: human ? human.why : null })),
    pause: o.pause,
    interactive: !o.auto,
    doneFile: path.join(dir, 'agent.done'),
    resultFile: path.join(dir, 'result.txt'),
    closeFile: path.join(dir, 'close'),
  };
  fs.writeFileSync(path.join(dir, 'agent.json'), JSON.stringify(cfg));
  const agentSh = paneScript(path.join(dir, 'agent.sh'), minimalEnv(w.agentEnv(), { TERM: 'screen' }), [process.execPath, fileURLToPath(import.meta.url), '--agent-pane', path.join(dir, 'agent.json')], w.repo);
  const humanSh = paneScript(path.join(dir, 'human.sh'), minimalEnv(w.humanEnv(), { TERM: 'screen-256color' }), [process.execPath, s.BUNDLE, 'approver'], w.home);

  tmux.run(['-f', '/dev/null', 'new-session', '-d', '-s', tmux.session, '-x', '200', '-y', '50', '-n', 'airlock-demo', `sh ${shq(agentSh)}`]);
  tmux.socketPath = tmux.run(['display-message', '-p', '#{socket_path}']).trim();
  tmux.run(['set-option', '-t', tmux.session, 'remain-on-exit', 'on']);
  tmux.run(['set-option', '-t', tmux.session, 'pane-border-status', 'top']);
  tmux.run(['set-option', '-t', tmux.session, 'status', 'off']);
  tmux.run(['split-window', '-h', '-t', `${tmux.session}:0.0`, `sh ${shq(humanSh)}`]);
  tmux.run(['select-pane', '-t', `${tmux.session}:0.0`, '-T', 'AGENT: its shell is `airlock -c`']);
  tmux.run(['select-pane', '-t', `${tmux.session}:0.1`, '-T', 'HUMAN: `airlock approver`']);
  tmux.run(['select-pane', '-t', `${tmux.session}:0.${o.auto ? 0 : 1}`]);

  let attach = null;
  let attachExited = false;
  if (o.tty) {
    // Asynchronous on purpose: the Railway stand-in is served by this process.
    attach = spawn('tmux', ['-L', tmux.socket, 'attach-session', '-t', tmux.session], { stdio: 'inherit', env: tmux.env });
    attach.on('exit', () => (attachExited = true));
  }

  const held = steps.filter((x) => x.human);
  if (o.auto) {
    for (let i = 0; i < held.length; i++) {
      await until(() => count(tmux.capture(1), 'to approve') >= i + 1 || fs.existsSync(cfg.doneFile), 120_000, 'the approval prompt');
      if (fs.existsSync(cfg.doneFile)) break;
      await sleep(o.pause ? o.pause + 1000 : 300); // the human reads the request
      tmux.run(['send-keys', '-t', `${tmux.session}:0.1`, '-l', held[i].human.type]);
      await sleep(o.pause ? 600 : 50);
      tmux.run(['send-keys', '-t', `${tmux.session}:0.1`, 'Enter']);
    }
  }
  await until(() => fs.existsSync(cfg.doneFile) || attachExited, o.auto ? 180_000 : 3_600_000, 'the agent to finish');
  const after = w.snapshot();
  fs.writeFileSync(cfg.resultFile, `production now: ${s.describeSnapshot(after)}\n`);
  if (o.auto) await sleep(o.pause ? 4000 : 500);
  else {
    // Focus the agent pane, where the demo waits for Enter.
    tmux.run(['select-pane', '-t', `${tmux.session}:0.0`]);
    await until(() => fs.existsSync(cfg.closeFile) || attachExited, 3_600_000, 'Enter in the agent pane');
  }
  const left = tmux.capture(0);
  const right = tmux.capture(1);
  tmux.kill();
  if (attach && !attachExited) await new Promise((r) => attach.on('exit', r));
  if (o.tty && !o.transcript) return '';
  return panes(left, right);
}

function panes(left, right) {
  const trim = (t) => t.replace(/^Pane is dead.*$/gm, '').replace(/\s+$/g, '').replace(/[ \t]+$/gm, '');
  return [
    '==== left pane: the agent (its shell is `airlock -c`) ====',
    trim(left),
    '',
    '==== right pane: the human (`airlock approver` in a separate terminal) ====',
    trim(right),
    '',
  ].join('\n');
}

const count = (hay, needle) => hay.split(needle).length - 1;

async function until(cond, ms, what) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`demo: timed out waiting for ${what}`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// No tmux: node-pty for the human's terminal, the agent's commands as child processes
// ---------------------------------------------------------------------------------------------

async function runPty(s, w, steps, o) {
  const human = new s.HumanTerminal(w.humanEnv(), w.home);
  const out = [];
  let seen = 0;
  const humanSince = () => {
    const t = human.text;
    const chunk = t.slice(seen);
    seen = t.length;
    return chunk.replace(/^\s+|\s+$/g, '');
  };
  // --short: the same real output, with the long explanations elided (for the README).
  const keepHuman = (t) => (o.short ? elide(t, /^(━━|Command:|Asked by:|  \d+\. |     ▸ |     could not look up|Undo:|Hold:|RETRY|⏳|Type |> |✔|✖)/) : t);
  const keepAgent = (t) => (o.short ? elide(t, /^(airlock: blocked|- \[|  resource:|approval:|What to do:|DROP|Unauthorized|\[exit)/) : t);
  const indent = (t) => t.split('\n').map((l) => `  │ ${l}`).join('\n');
  try {
    await human.waitFor('Waiting for requests');
    const banner = humanSince();
    out.push("HUMAN'S TERMINAL (a separate terminal): airlock approver", indent(o.short ? elide(banner, /^(airlock approver listening|Waiting for requests)/) : banner), '');
    let prompts = 0;
    for (const st of steps) {
      out.push(`AGENT: ${st.say}`, `  $ ${st.line}`);
      if (o.pause) await sleep(o.pause);
      const pending = s.runLine(w, 'airlock-c', st.line);
      if (st.human) {
        await human.waitFor('to approve', ++prompts);
        if (o.pause) await sleep(o.pause);
        human.type(st.human.type);
        await human.waitFor(/✔ approved|✖ denied/, prompts);
      }
      const r = await pending;
      if (st.human) {
        out.push(`HUMAN'S TERMINAL (types ${st.human.type ? JSON.stringify(st.human.type) : 'nothing'}: ${st.human.why}):`, indent(keepHuman(humanSince().replace(/\s*Waiting for requests…$/, ''))));
      }
      const agentOut = keepAgent(`${r.stdout}${r.stderr}[exit ${r.code}]`.replace(/\n+\[exit/, '\n[exit'));
      out.push('AGENT SEES:', indent(agentOut), '');
    }
  } finally {
    human.stop();
  }
  return out.join('\n') + '\n';
}

/** Keeps the lines matching `re`, one "…" for each run of dropped lines. */
function elide(text, re) {
  const out = [];
  for (const line of text.split('\n')) {
    if (re.test(line)) out.push(line.length > 190 ? `${line.slice(0, 187)}...` : line);
    else if (out[out.length - 1] !== '…') out.push('…');
  }
  while (out[out.length - 1] === '…') out.pop();
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The left tmux pane: the scripted agent, narrating, each command through `airlock -c`
// ---------------------------------------------------------------------------------------------

async function agentPane(cfgFile) {
  const cfg = JSON.parse(fs.readFileSync(cfgFile, 'utf8'));
  const bold = (t) => `\x1b[1m${t}\x1b[0m`;
  const dim = (t) => `\x1b[2m${t}\x1b[0m`;
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  process.stdout.write(bold('A coding agent on a staging task. Every command it runs goes through `airlock -c`.\n'));
  const sock = path.join(cfg.runtimeDir, 'approver.sock');
  if (!fs.existsSync(sock)) process.stdout.write(dim('(waiting for the human to start `airlock approver` on the right)\n'));
  for (let i = 0; i < 300 && !fs.existsSync(sock); i++) await wait(100);
  for (const st of cfg.steps) {
    await wait(cfg.pause);
    process.stdout.write(`\n${bold('agent:')} ${st.say}\n$ ${st.line}\n`);
    if (st.held) process.stdout.write(dim(`(held for the human on the right; suggested answer: ${st.held})\n`));
    const code = await new Promise((resolve) => {
      const child = spawn(cfg.env.PATH ? process.execPath : 'node', [cfg.bundle, '-c', st.line], { cwd: cfg.repo, env: cfg.env, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('exit', (c) => resolve(c));
    });
    process.stdout.write(dim(`[exit ${code}]\n`));
  }
  fs.writeFileSync(cfg.doneFile, '');
  for (let i = 0; i < 600 && !fs.existsSync(cfg.resultFile); i++) await wait(100);
  if (fs.existsSync(cfg.resultFile)) process.stdout.write(`\n${bold(fs.readFileSync(cfg.resultFile, 'utf8').trim())}\n`);
  if (cfg.interactive) {
    process.stdout.write('\nDemo over. Press Enter here to close it.\n');
    process.stdin.once('data', () => {
      fs.writeFileSync(cfg.closeFile, '');
      process.exit(0);
    });
    return;
  }
}

// Last, so every class and constant above is initialised.
if (argv[0] === '--agent-pane') await agentPane(argv[1]);
else await main();
