// Shell-path benchmarks: `airlock -c true` startup vs `node -e 0` (interleaved, same run), and the
// added latency per line in hook mode through one resident `airlock serve --stdio`.
// Usage: node scripts/bench-shell.mjs [runs=30] [lines=1000]   (AIRLOCK_BENCH_BIN overrides bin/airlock)
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.AIRLOCK_BENCH_BIN ?? join(root, 'bin/airlock');
const runs = Number(process.argv[2] ?? 30);
const lines = Number(process.argv[3] ?? 1000);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const time = (cmd, args) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};

time(bin, ['-c', 'true']); // warm the page cache
const nodeMs = [];
const airMs = [];
for (let i = 0; i < runs; i++) {
  nodeMs.push(time(process.execPath, ['-e', '0']));
  airMs.push(time(bin, ['-c', 'true']));
}
const n = median(nodeMs);
const a = median(airMs);
console.log(`startup: node -e 0 median ${n.toFixed(1)} ms; airlock -c true median ${a.toFixed(1)} ms; ratio ${(a / n).toFixed(2)} (target <= 1.5) [${runs} runs each, interleaved]`);

const server = spawn(process.execPath, [bin, 'serve', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const rl = createInterface({ input: server.stdout });
const replies = rl[Symbol.asyncIterator]();
const ask = async (line) => {
  const t = process.hrtime.bigint();
  server.stdin.write(`check\t${process.cwd()}\t${line}\t\tbench\n`);
  const r = await replies.next();
  return [Number(process.hrtime.bigint() - t) / 1e6, r.value];
};
const sample = ['ls -la', 'git status', 'npm test', 'cat package.json | head -5', 'cd src && grep -rn TODO .', 'echo "$HOME" > /tmp/x', 'kubectl get pods -n default', 'psql -c "select 1"'];
await ask('true'); // first answer loads the parser
const rtt = [];
for (let i = 0; i < lines; i++) rtt.push((await ask(sample[i % sample.length]))[0]);
server.stdin.end();
const s = [...rtt].sort((x, y) => x - y);
console.log(`hook: median ${median(rtt).toFixed(2)} ms per line, p95 ${s[Math.floor(s.length * 0.95)].toFixed(2)} ms [${lines} lines through one resident server]`);
