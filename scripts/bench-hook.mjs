// The per-command paths against the floor and a peer, measured side by side in one run:
//  - the Claude Code hook: airlock's (`airlock hook claude-code`) and cc-safety-net's
//    (`cc-safety-net hook --coding-cli`, the devDependency) on the same 100 cases, interleaved
//    with `node -e 0`; medians, p95 and ratios;
//  - `airlock -c LINE` (harmless lines, run in a scratch directory) against `node -e 0`;
//  - shims: a harmless call through the shim against the program run directly (added ms);
//  - the differential check of the fast paths (disagreements, must be 0);
//  - one pass under load (a CPU hog on every core): no case may pass that passed unloaded as
//    blocked, and airlock's hook p95 must stay within 3x of the unloaded p95.
// Writes the table to docs/bench.md (between the bench:hook markers). Usage:
//   node scripts/bench-hook.mjs [cases=100]   (BENCH_NO_LOAD=1 skips the loaded pass)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { repoLines } from './lib/lines.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bin = join(root, 'bin', 'airlock');
const peer = join(root, 'node_modules', 'cc-safety-net', 'dist', 'bin', 'cc-safety-net.js');
const N = Number(process.argv[2] ?? 100);

const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))];
};
const med = (xs) => quantile(xs, 0.5);
const p95 = (xs) => quantile(xs, 0.95);

// A scratch home: no user layer, no approver (a flagged line is refused at once), its own audit log.
const scratch = mkdtempSync(join(tmpdir(), 'airlock-bench-hook-'));
const work = join(scratch, 'work');
mkdirSync(work);
mkdirSync(join(scratch, 'run'), { mode: 0o700 });
const env = {
  PATH: process.env.PATH,
  HOME: scratch,
  AIRLOCK_STATE_DIR: join(scratch, 'state'),
  AIRLOCK_RUNTIME_DIR: join(scratch, 'run'),
  AIRLOCK_CONFIG_DIR: join(scratch, 'config'),
  LANG: 'C',
};

// The same 100 cases for both hooks: everyday lines and ruleset examples (flagged and not), spread evenly.
const all = repoLines();
const everyday = all.slice(all.length - readFileSync(join(root, 'test/fixtures/shell/everyday-lines.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('# ')).length);
const examples = all.slice(0, all.length - everyday.length);
const pick = (xs, n) => Array.from({ length: Math.min(n, xs.length) }, (_, i) => xs[Math.floor((i * xs.length) / Math.min(n, xs.length))]);
const cases = [...pick(everyday, Math.round(N * 0.6)), ...pick(examples, N - Math.round(N * 0.6))].filter((l) => l.length < 4000);
const input = (command) => JSON.stringify({ session_id: 'bench', transcript_path: join(scratch, 't.jsonl'), cwd: work, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });

function run(argv, stdin, cwd = work) {
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { input: stdin, cwd, env, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], timeout: 120_000 });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: r.status, out: String(r.stdout ?? ''), err: String(r.stderr ?? '') };
}
const airlockBlocked = (r) => r.status !== 0;
const peerBlocked = (r) => r.status !== 0 || /"permissionDecision":"deny"/.test(r.out);

function hookPass() {
  const t = { node: [], airlock: [], peer: [] };
  const blocked = { airlock: [], peer: [] };
  for (const c of cases) {
    const stdin = input(c);
    t.node.push(run([process.execPath, '-e', '0']).ms);
    const a = run([process.execPath, bin, 'hook', 'claude-code'], stdin);
    t.airlock.push(a.ms);
    blocked.airlock.push(airlockBlocked(a));
    const p = run([process.execPath, peer, 'hook', '--coding-cli'], stdin);
    t.peer.push(p.ms);
    blocked.peer.push(peerBlocked(p));
  }
  return { t, blocked };
}

// Warm the page cache and both code caches.
for (const c of cases.slice(0, 3)) {
  run([process.execPath, bin, 'hook', 'claude-code'], input(c));
  run([process.execPath, peer, 'hook', '--coding-cli'], input(c));
}
const load0 = loadavg()[0];
const base = hookPass();

// airlock -c: harmless lines (this runs them, in the scratch directory).
const C_LINES = ['true', 'ls -la', 'echo hello', 'pwd', 'ls -la && echo done', 'echo a | wc -l', 'date', 'uname -a', 'id', 'printf ok'];
const ct = { node: [], c: [] };
for (let i = 0; i < Math.max(30, N / 2); i++) {
  ct.node.push(run([process.execPath, '-e', '0']).ms);
  const r = run([process.execPath, bin, '-c', C_LINES[i % C_LINES.length]]);
  if (r.status !== 0) throw new Error(`airlock -c ${C_LINES[i % C_LINES.length]} exited ${r.status}: ${r.err}`);
  ct.c.push(r.ms);
}

// Shims: harmless calls through the shim directory against the real program.
const shimDir = join(scratch, 'shims');
spawnSync(process.execPath, [bin, 'shims', 'install', shimDir], { env, stdio: 'ignore' });
const shimCalls = [['--version'], ['status', '--short'], ['rev-parse', '--show-toplevel'], ['log', '--oneline', '-n', '3']];
// In a repository of its own: the hook cases' directory must stay as it was for the loaded pass
// (a `git init` there changes what loss-based rules decide, which is not load).
const repo = join(scratch, 'repo');
spawnSync('git', ['init', '-q', repo], { stdio: 'ignore' });
const st = { direct: [], shim: [] };
for (let i = 0; i < 40; i++) {
  const a = shimCalls[i % shimCalls.length];
  st.direct.push(run(['git', ...a], undefined, repo).ms);
  st.shim.push(run([join(shimDir, 'git'), ...a], undefined, repo).ms);
}

// The differential check (rule examples, everyday lines, and the corpus dir given to npm run bench).
const lib = require(join(root, 'dist/lib.cjs'));
const diffLines = [...all];
const corpusDir = process.env.BENCH_CORPUS;
if (corpusDir) for (const f of readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl'))) diffLines.push(...readFileSync(join(corpusDir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).cmd).filter((l) => typeof l === 'string'));
process.env.AIRLOCK_CONFIG_DIR = env.AIRLOCK_CONFIG_DIR;
const diff = await lib.differential(diffLines, lib.check, { cwd: work, env: { HOME: scratch, PATH: '/usr/bin:/bin' }, table: lib.loadShimTable(), shimmed: new Set(lib.shimPrograms()) });

// Under load: a CPU hog on every core for one hook pass.
let loaded = null;
if (process.env.BENCH_NO_LOAD !== '1') {
  const hogs = cpus().map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  try {
    loaded = hookPass();
  } finally {
    for (const h of hogs) h.kill('SIGKILL');
  }
}
rmSync(scratch, { recursive: true, force: true });

const f = (x) => x.toFixed(1);
const r2 = (x) => x.toFixed(2);
const rows = [];
const row = (what, xs, floor) => rows.push(`| ${what} | ${f(med(xs))} | ${f(p95(xs))} | ${floor ? `${r2(med(xs) / med(floor))}x` : ''} | ${floor ? `${r2(p95(xs) / p95(floor))}x` : ''} |`);
rows.push('| path | median ms | p95 ms | median / node | p95 / node |', '|---|---|---|---|---|');
row('`node -e 0` (floor, hook pass)', base.t.node);
row('airlock hook claude-code', base.t.airlock, base.t.node);
row('cc-safety-net hook --coding-cli', base.t.peer, base.t.node);
row('`node -e 0` (floor, -c pass)', ct.node);
row('airlock -c LINE (runs bash)', ct.c, ct.node);
const flipped = loaded ? cases.filter((_, i) => base.blocked.airlock[i] && !loaded.blocked.airlock[i]) : [];
const failOpen = loaded ? flipped.length : null;
for (const c of flipped) console.error(`blocked unloaded, passed under load: ${c}`);
const lines = [
  `Run ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, load average ${load0.toFixed(2)} at the start; ${cases.length} hook cases (${base.blocked.airlock.filter(Boolean).length} blocked by airlock, ${base.blocked.peer.filter(Boolean).length} by cc-safety-net), interleaved.`,
  '',
  ...rows,
  '',
  `- hook: airlock / cc-safety-net median ${r2(med(base.t.airlock) / med(base.t.peer))}x, p95 ${r2(p95(base.t.airlock) / p95(base.t.peer))}x (target: below 1, and <= 1.2x node -e 0).`,
  `- shim, harmless git calls (${shimCalls.map((a) => a.join(' ')).join('; ')}): direct median ${f(med(st.direct))} ms, through the shim ${f(med(st.shim))} ms, added ${f(med(st.shim) - med(st.direct))} ms (target <= 10 ms).`,
  `- differential: ${diff.lines} lines, ${diff.fastAllowed} allowed by the fast path, ${diff.shimAllowed} shim calls let through by the sh table; disagreements with the full check: ${diff.disagreements.length} (target 0).`,
];
if (loaded)
  lines.push(
    `- under load (${cpus().length} CPU hogs): airlock hook median ${f(med(loaded.t.airlock))} ms, p95 ${f(p95(loaded.t.airlock))} ms = ${r2(p95(loaded.t.airlock) / p95(base.t.airlock))}x the unloaded p95 (target <= 3x); node -e 0 p95 ${f(p95(loaded.t.node))} ms; cases blocked unloaded but passed under load: ${failOpen} (target 0).`,
  );
const text = lines.join('\n');
console.log(text);
for (const d of diff.disagreements.slice(0, 20)) console.log(`  DISAGREEMENT (${d.path}): ${d.line} -> full check ${d.decision} ${d.rules.join(',')}`);

const doc = join(root, 'docs', 'bench.md');
const md = readFileSync(doc, 'utf8');
const block = `<!-- bench:hook (written by scripts/bench-hook.mjs) -->\n${text}\n<!-- /bench:hook -->`;
writeFileSync(doc, /<!-- bench:hook[\s\S]*?<!-- \/bench:hook -->/.test(md) ? md.replace(/<!-- bench:hook[\s\S]*?<!-- \/bench:hook -->/, block) : md.replace(/\n\nWhat each line measures:/, `\n\nHook, \`-c\` and shims against the floor and cc-safety-net (\`scripts/bench-hook.mjs\`):\n\n${block}\n\nWhat each line measures:`));
if (diff.disagreements.length || failOpen) process.exitCode = 1;
