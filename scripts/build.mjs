// Build: one CommonJS bundle of src/ (fast startup), dependencies left in node_modules and
// required lazily; built-in YAML rulesets compiled to dist/rulesets.json.
import { build } from 'esbuild';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The fact types and the ruleset schema's fact part, from the families' declarations.
execFileSync(process.execPath, [join(root, 'scripts/gen-facts.mjs')], { stdio: 'inherit' });
// The registry, the target kinds and the environment-matcher keys, from the families' family.ts.
execFileSync(process.execPath, [join(root, 'scripts/gen-registry.mjs')], { stdio: 'inherit' });
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
mkdirSync(join(root, 'dist'), { recursive: true });
await build({
  entryPoints: [join(root, 'src/cli/entry.ts')],
  outfile: join(root, 'dist/airlock.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  define: { __AIRLOCK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
await build({
  entryPoints: [join(root, 'src/index.ts')],
  outfile: join(root, 'dist/lib.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  define: { __AIRLOCK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
// esbuild's __toESM copies every export of a module into a fresh namespace object at each import
// site (76 sites, ~4 ms of every start-up). The namespaces are read-only views: share one per module.
function shareNamespaces(out) {
  const file = join(root, out);
  const code = readFileSync(file, 'utf8');
  const raw = code.match(/var __toESM = \(mod, isNodeMode, target2?\) =>/)?.[0];
  if (!raw || !code.includes('var __toCommonJS')) return;
  const memo =
    'var __toESMMemo = new WeakMap();\n' +
    'var __toESM = (mod, isNodeMode) => {\n' +
    '  if (mod == null || (typeof mod !== "object" && typeof mod !== "function")) return __toESMRaw(mod, isNodeMode);\n' +
    '  let m = __toESMMemo.get(mod);\n' +
    '  if (!m) __toESMMemo.set(mod, (m = []));\n' +
    '  const i = isNodeMode ? 1 : 0;\n' +
    '  return m[i] ?? (m[i] = __toESMRaw(mod, isNodeMode));\n' +
    '};\n';
  writeFileSync(file, code.replace(raw, raw.replace('__toESM', '__toESMRaw')).replace('var __toCommonJS', memo + 'var __toCommonJS'));
}
for (const out of ['dist/airlock.cjs', 'dist/lib.cjs']) shareNamespaces(out);
// The hook's worker thread (src/integrations/harness/hook-worker.ts): it loads the engine bundle as
// bin/airlock does, through its V8 code cache (a plain require would compile the engine again on
// every hook call that needs the full check), then serves the hook's job (src/cli/entry.ts).
writeFileSync(
  join(root, 'dist/hook-worker.cjs'),
  `'use strict';
const fs = require('fs'), path = require('path'), vm = require('vm'), Module = require('module');
const file = require('worker_threads').workerData.bundle;
let cachedData;
try { cachedData = fs.readFileSync(file + '.cache'); } catch {}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const mod = new Module(file);
mod.filename = file;
mod.paths = Module._nodeModulePaths(path.dirname(file));
const req = (id) => mod.require(id);
req.resolve = (id, o) => Module._resolveFilename(id, mod, false, o);
req.cache = Module._cache;
script.runInThisContext().call(mod.exports, mod.exports, req, mod, file, path.dirname(file));
`,
);
const files = readdirSync(join(root, 'rulesets'))
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort()
  .map((f) => {
    const text = readFileSync(join(root, 'rulesets', f), 'utf8');
    const data = f.endsWith('.json') ? JSON.parse(text) : YAML.parse(text) ?? {};
    // Examples are for tests and `airlock rules` (which read the YAML): not on every command's path.
    for (const rule of data.rules ?? []) delete rule.examples;
    return { file: join('rulesets', f), data };
  });
// buildId first: the fast path's snapshot names it and reads only the file's first bytes to compare
// (npm packs every file with the same fixed mtime, so modification times cannot tell builds apart).
const buildId = (await import('node:crypto')).randomBytes(12).toString('hex');
writeFileSync(join(root, 'dist/rulesets.json'), JSON.stringify({ buildId, files }));
/**
 * In the fast bundle, modules of the heavy families that anything else imports (git judges hooks
 * and aliases through the scripts and code families, self-protection reads program files, the
 * normalizer unwraps inline code) resolve to src/fast/heavy-stub.ts, whose every export throws:
 * the fast path then hands the line to the full check.
 */
function heavyStub() {
  // Modules are named with or without their index (`../analyzers/self` is `self/index.ts`, and
  // `../../analyzers` the registry of every family, which is heavy).
  const heavy = /src\/analyzers(?:$|\/(?!(?:keys|files|git|credentials|self|types|argv|containers|kubernetes|cloud|platforms|datastores)(?:\/|\.ts$|$)))/;
  return {
    name: 'heavy-stub',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (heavy.test(args.importer)) return undefined;
        const target = join(dirname(args.importer), args.path);
        // The bash grammar too: a light analyzer that would parse a word (shell/words.ts) hands
        // the line to the full check.
        return heavy.test(target) || /src\/shell\/parser(?:\.ts)?$/.test(target) ? { path: join(root, 'src/fast/heavy-stub.ts') } : undefined;
      });
    },
  };
}

// The fast path (src/fast): its own small bundle, and its snapshot of the built-in policy's command
// rules and the analyzers' programs, made from the rulesets.json just written.
await build({
  entryPoints: [join(root, 'src/fast/entry.ts')],
  outfile: join(root, 'dist/fast.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
  metafile: true,
  plugins: [heavyStub()],
}).then((r) => {
  // Guard against the fast bundle growing into the engine (it must stay a few dozen KB).
  const inputs = Object.keys(r.metafile.inputs).filter((f) => /src\/(analyzers\/(?!keys|files\/|git\/|credentials\/|self\/|argv\/|containers\/|kubernetes\/|cloud\/|platforms\/|datastores\/)|engine|shell\/parser|policy\/load)/.test(f));
  const by = (f) => Object.entries(r.metafile.inputs).filter(([, v]) => v.imports.some((i) => i.path === f)).map(([k]) => k);
  if (inputs.length) throw new Error(`dist/fast.cjs must not bundle ${inputs.map((f) => `${f} (imported by ${by(f).join(', ')})`).join('; ')}`);
});
shareNamespaces('dist/fast.cjs');
{
  const tmp = join(root, 'dist/.build-snapshot.cjs');
  await build({ entryPoints: [join(root, 'src/fast/build-snapshot.ts')], outfile: tmp, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning' });
  const req = (await import('node:module')).createRequire(import.meta.url);
  const tables = req(tmp);
  tables.writeSnapshot(root);
  // The shims' harmless argument shapes, checked in an empty home and directory (no layers).
  const { mkdtempSync, rmSync: rm } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const scratch = mkdtempSync(join(tmpdir(), 'airlock-build-'));
  const saved = { HOME: process.env.HOME, AIRLOCK_CONFIG_DIR: process.env.AIRLOCK_CONFIG_DIR };
  process.env.HOME = scratch;
  process.env.AIRLOCK_CONFIG_DIR = join(scratch, 'config');
  try {
    const { repoLines } = await import('./lib/lines.mjs');
    await tables.writeShimTable(root, repoLines(), scratch);
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    rm(scratch, { recursive: true, force: true });
    rm(tmp, { force: true });
  }
}
// Warm the V8 code cache that bin/airlock loads the bundle with (see bin/airlock).
import { rmSync } from 'node:fs';
rmSync(join(root, 'dist/airlock.cjs.cache'), { force: true });
try {
  execFileSync(process.execPath, [join(root, 'bin/airlock'), 'explain', '--', 'ls -la'], {
    stdio: 'ignore',
    timeout: 30000,
    env: { ...process.env, AIRLOCK_CODE_CACHE_NAME: '1' },
  });
} catch {
  // A cache is an optimisation; the build does not fail without one.
}
// The fast path's cache, warmed by a harmless hook call in an empty home (no layers; its audit
// record goes to a scratch state directory). The line reaches every family the fast path runs, so
// that their functions are in the cache too (a function missing from it compiles on every call).
const WARM_LINE = 'ls -la && echo ok | wc -l && git status --short && rm -f warm.tmp && kubectl get pods && docker ps -a && aws s3 ls && cargo build && redis-cli PING && heroku apps';
rmSync(join(root, 'dist/fast.cjs.cache'), { force: true });
{
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const scratch = mkdtempSync(join(tmpdir(), 'airlock-build-'));
  try {
    execFileSync(process.execPath, [join(root, 'bin/airlock'), 'hook', 'claude-code'], {
      stdio: ['pipe', 'ignore', 'ignore'],
      input: JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: WARM_LINE }, cwd: scratch }),
      cwd: scratch,
      timeout: 30000,
      env: { ...process.env, HOME: scratch, AIRLOCK_STATE_DIR: join(scratch, 'state'), AIRLOCK_CONFIG_DIR: join(scratch, 'config'), AIRLOCK_CODE_CACHE_NAME: '1' },
    });
  } catch {
    // as above
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
// The man page, generated from the same command definitions as --help and the completions.
writeFileSync(join(root, 'dist/airlock.1'), execFileSync(process.execPath, [join(root, 'bin/airlock'), 'man'], { encoding: 'utf8', timeout: 30000 }));
