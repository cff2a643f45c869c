// Program files judged by content (issue 12): the cost of judging a 1 MB Python file and a 1 MB
// JavaScript file (bound: 100 ms each, steady state), and that lines naming no program file load no
// language grammar. Files are generated into a temp directory: ordinary code with a few risky calls
// (a subprocess/child_process spawn, an HTTP call) spread through it, so the pre-scan finds hits and
// the regions around them are parsed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { check, loadedGrammars } = require(join(root, 'dist/lib.cjs'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const SIZE = 1_000_000;
const opts = (cwd) => ({ cwd, env: { HOME: '/home/agent', PATH: '/usr/bin:/bin' } });

// A line naming no program file loads no grammar (this process has loaded none yet).
const plain = ['ls -la', 'git status', 'cat README.md | head -20', 'echo hello > out.txt', 'npm test', 'docker compose up', 'ssh host uptime', 'python3 -m pytest'];
for (const l of plain) await check(l, opts('/tmp'));
const none = loadedGrammars();
console.log(`code: after ${plain.length} lines naming no program file, grammars loaded: ${none.length ? none.join(', ') : 'none'} (target: none)`);
if (none.length) process.exitCode = 1;

function python() {
  let s = 'import os\nimport json\nimport subprocess\nimport requests\n\nAPI = "https://api.github.com"\n\n';
  for (let i = 0; s.length < SIZE - 400; i++) {
    s += `class Item${i}:\n    """An item."""\n\n    def __init__(self, x):\n        self.x = x * ${i}\n\n    def to_json(self):\n        return json.dumps({"v": self.x, "name": "item${i}"})\n\n`;
    if (i % 500 === 0) s += `def rev${i}():\n    return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True).stdout\n\n`;
    if (i % 700 === 0) s += `def repo${i}():\n    return requests.get(API + "/repos/a/b").json()\n\n`;
  }
  return s + 'print(Item1(2).to_json())\n';
}

function javascript() {
  let s = "const path = require('path');\nconst { execSync } = require('child_process');\nconst API = 'https://api.github.com';\n\n";
  for (let i = 0; s.length < SIZE - 400; i++) {
    s += `function item${i}(x) {\n  const y = x * ${i};\n  return JSON.stringify({ v: y, name: 'item${i}', dir: path.join('dist', 'x${i}') });\n}\n\n`;
    if (i % 500 === 0) s += `function rev${i}() {\n  return execSync('git rev-parse HEAD').toString();\n}\n\n`;
    if (i % 700 === 0) s += `async function repo${i}() {\n  return (await fetch(API + '/repos/a/b')).json();\n}\n\n`;
  }
  return s + 'console.log(item1(2));\n';
}

const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-code-'));
try {
  writeFileSync(join(dir, 'big.py'), python());
  writeFileSync(join(dir, 'big.js'), javascript());
  for (const [line, file] of [['python3 big.py', 'big.py'], ['node big.js', 'big.js']]) {
    const first = performance.now();
    const r = await check(line, opts(dir));
    const cold = performance.now() - first;
    const times = [];
    for (let i = 0; i < 15; i++) {
      const s = performance.now();
      await check(`${line} --run ${i}`, opts(dir)); // a new line each time: nothing cached by line
      times.push(performance.now() - s);
    }
    const m = median(times);
    console.log(`code: judging ${file} (${SIZE / 1e6} MB): ${r.decision}; first ${cold.toFixed(0)} ms (loads the grammar), then median ${m.toFixed(1)} ms (target <= 100 ms)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
