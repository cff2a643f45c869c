// The bash grammar on its two runtimes, side by side: the native tree-sitter binding (the fast path)
// and the WebAssembly build (web-tree-sitter, the fallback when the native binding cannot load).
//  * load: a fresh process from require to its first parsed tree (median of fresh processes);
//  * parse: steady-state median per line over the repository's command lines;
//  * explain: wall time of `airlock explain` on a line that needs the grammar.
// Usage: node scripts/bench-parser.mjs [runs=7]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 7);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One child per measurement: load cost is what a fresh `airlock` process pays.
const child = `
  const { createRequire } = await import('node:module');
  const lib = createRequire(import.meta.url)(${JSON.stringify(join(root, 'dist/lib.cjs'))});
  const { repoLines } = await import(${JSON.stringify(join(root, 'scripts/lib/lines.mjs'))});
  const t1 = performance.now();
  const kind = await lib.ensureShellParser();
  lib.parseShell('ls -la > out.txt').dispose();
  const load = performance.now() - t1;
  const lines = repoLines();
  const per = [];
  for (let pass = 0; pass < 3; pass++) for (const l of lines) {
    const s = performance.now();
    lib.parseShell(l).dispose();
    if (pass > 0) per.push(performance.now() - s);
  }
  per.sort((a, b) => a - b);
  console.log(JSON.stringify({ kind, load, parse: per[per.length >> 1], p99: per[Math.floor(per.length * 0.99)], lines: lines.length }));
`;
const measure = (env) => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
};
const explain = (env) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bin/airlock'), 'explain', '--', 'ls -la | grep x > /tmp/airlock-bench-out'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`airlock explain exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const sides = { native: {}, wasm: { AIRLOCK_PARSER: 'wasm' } };
const got = { native: [], wasm: [] };
const wall = { native: [], wasm: [] };
for (let i = 0; i < runs; i++) {
  // Interleaved so machine noise hits both sides alike.
  for (const [name, env] of Object.entries(sides)) {
    got[name].push(measure(env));
    wall[name].push(explain(env));
  }
}
const row = (name) => {
  const g = got[name];
  const kind = g[0].kind;
  return `${name.padEnd(7)} (${kind === name ? 'in use' : `unavailable, ran ${kind}`}): load ${median(g.map((x) => x.load)).toFixed(1)} ms; parse median ${median(g.map((x) => x.parse)).toFixed(3)} ms/line, p99 ${median(g.map((x) => x.p99)).toFixed(3)} ms over ${g[0].lines} lines; airlock explain (grammar line) ${median(wall[name]).toFixed(1)} ms`;
};
console.log(`bash parser, median of ${runs} fresh processes each:`);
console.log(`  ${row('native')}`);
console.log(`  ${row('wasm')}`);
