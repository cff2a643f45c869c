#!/usr/bin/env node
// `npm run harnesses`: the real agent harnesses drive airlock end to end (test/harnesses).
//  1. installs each pinned CLI (test/harnesses/pins.json) into a cache outside node_modules
//     (~/.cache/airlock-harnesses, or AIRLOCK_HARNESS_CACHE), only the missing ones, in parallel;
//  2. runs the rig once per harness, several harnesses at a time (each run has its own model server,
//     PostgreSQL and Railway stand-in), inside a network namespace with only `lo` when root (so no
//     request can leave loopback), else on the host network with every model URL on 127.0.0.1;
//  3. prints each scenario's outcome per harness as a table, and exits 1 if any scenario failed.
// Options: --all (every pinned harness, also those CI skips), --only a,b, --install-only,
// --jobs N (harnesses at a time; default 3), --grep PATTERN (only scenarios whose name matches),
// --keep-logs.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pins = JSON.parse(fs.readFileSync(path.join(repo, 'test', 'harnesses', 'pins.json'), 'utf8'));
const cache = process.env.AIRLOCK_HARNESS_CACHE ?? path.join(os.homedir(), '.cache', 'airlock-harnesses');

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? '') : null;
};
const all = args.includes('--all');
const only = opt('--only');
const jobs = Math.max(1, Number(opt('--jobs') ?? 3));
let names = only ? only.split(',').filter(Boolean) : Object.keys(pins).filter((n) => all || pins[n].ci);
for (const n of names) if (!pins[n]) {
  console.error(`harnesses: unknown harness ${n} (pinned: ${Object.keys(pins).join(', ')})`);
  process.exit(2);
}

const dirOf = (n) => path.join(cache, `${n}@${pins[n].version}`);
const binOf = (n) => path.join(dirOf(n), 'node_modules', '.bin', pins[n].bin);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function runTo(cmd, argv, opts, logFile) {
  return new Promise((resolve) => {
    const out = fs.openSync(logFile, 'w');
    const p = spawn(cmd, argv, { ...opts, stdio: ['ignore', out, out] });
    p.on('close', (code) => {
      fs.closeSync(out);
      resolve(code ?? 1);
    });
    p.on('error', () => resolve(127));
  });
}

// 1. install
async function install(n) {
  const dir = dirOf(n);
  if (fs.existsSync(binOf(n))) return { n, ms: 0, cached: true, ok: true };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  const started = Date.now();
  const log = `${dir}.install.log`;
  const code = await runTo('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `${pins[n].pkg}@${pins[n].version}`], { cwd: dir }, log);
  const ok = code === 0 && fs.existsSync(binOf(n));
  if (!ok) process.stderr.write(fs.readFileSync(log, 'utf8').slice(-3000));
  return { n, ms: Date.now() - started, cached: false, ok };
}

const t0 = Date.now();
const installs = await Promise.all(names.map(install));
for (const i of installs) console.log(`install ${i.n}@${pins[i.n].version}: ${i.cached ? 'cached' : i.ok ? secs(i.ms) : 'FAILED'}`);
console.log(`install total: ${secs(Date.now() - t0)} (cache ${cache})`);
if (installs.some((i) => !i.ok)) process.exit(1);
if (args.includes('--install-only')) process.exit(0);

// 2. run
if (!fs.existsSync(path.join(repo, 'dist', 'airlock.cjs'))) {
  const b = spawnSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
const isRoot = process.getuid?.() === 0;
const netns = isRoot && spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up']).status === 0;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-harnesses-'));
const vitest = path.join(repo, 'node_modules', '.bin', 'vitest');

async function runOne(n) {
  const report = path.join(work, `${n}.json`);
  const outcomes = path.join(work, `${n}.outcomes.jsonl`);
  const log = path.join(work, `${n}.log`);
  const env = { ...process.env, AIRLOCK_HARNESSES: n, AIRLOCK_HARNESS_OUTCOMES: outcomes, AIRLOCK_HARNESS_CACHE: cache };
  const run = ['run', '--config', 'test/harnesses/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...(opt('--grep') ? ['-t', opt('--grep')] : [])];
  const started = Date.now();
  const code = netns
    ? await runTo('unshare', ['-n', 'sh', '-c', 'ip link set lo up && AIRLOCK_HARNESS_NETNS=1 exec "$0" "$@"', vitest, ...run], { cwd: repo, env }, log)
    : await runTo(vitest, run, { cwd: repo, env }, log);
  const ms = Date.now() - started;
  console.log(`ran ${n}@${pins[n].version}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${secs(ms)}`);
  return { n, code, ms, report, outcomes, log };
}

console.log(`running ${names.join(', ')} (${jobs} at a time, ${netns ? 'own network namespace, lo only' : 'host network, model URLs on 127.0.0.1'})`);
const queue = [...names];
const done = [];
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    while (queue.length) done.push(await runOne(queue.shift()));
  }),
);

// 3. the table: one row per scenario, one column per harness
const rows = new Map();
const cell = (scenario) => {
  if (!rows.has(scenario)) rows.set(scenario, {});
  return rows.get(scenario);
};
let failed = false;
const whole = {};
for (const r of [...done].sort((a, b) => names.indexOf(a.n) - names.indexOf(b.n))) {
  let tests = [];
  try {
    tests = JSON.parse(fs.readFileSync(r.report, 'utf8')).testResults.flatMap((f) => f.assertionResults);
  } catch {
    tests = [];
  }
  const said = new Map();
  if (fs.existsSync(r.outcomes)) for (const l of fs.readFileSync(r.outcomes, 'utf8').split('\n').filter(Boolean)) {
    const o = JSON.parse(l);
    said.set(o.test, o.outcome);
  }
  if (!tests.length) cell('(the run)')[r.n] = `FAILED before any scenario (exit ${r.code})`;
  for (const t of tests.filter((x) => x.status !== 'skipped' && x.status !== 'pending')) {
    const scenario = t.title;
    const ok = t.status === 'passed';
    if (!ok && t.status !== 'skipped') failed = true;
    const outcome = said.get(scenario);
    cell(scenario)[r.n] = `${ok ? 'ok' : t.status === 'skipped' ? 'skipped' : 'FAIL'}${outcome ? `: ${outcome}` : ''} (${secs(t.duration ?? 0)})`;
  }
  whole[r.n] = `${r.code === 0 ? 'ok' : 'FAIL'} (${secs(r.ms)})`;
  if (r.code !== 0) {
    failed = true;
    console.log(`\n--- ${r.n}: last lines of ${r.log}\n${fs.readFileSync(r.log, 'utf8').split('\n').slice(-80).join('\n')}`);
  }
}
const cols = names.filter((n) => done.some((r) => r.n === n));
console.log(`\nreal harnesses (${cols.map((n) => `${n} ${pins[n].version}`).join(', ')}), scenario by scenario:`);
console.log(`| scenario | ${cols.join(' | ')} |`);
console.log(`|---|${cols.map(() => '---').join('|')}|`);
rows.set('(whole run, with PostgreSQL and the stand-ins)', whole);
for (const [scenario, byHarness] of rows) console.log(`| ${scenario} | ${cols.map((n) => byHarness[n] ?? 'n/a').join(' | ')} |`);
console.log(`\ntotal: ${secs(Date.now() - t0)}; logs: ${work}`);
if (!failed && !args.includes('--keep-logs')) fs.rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
