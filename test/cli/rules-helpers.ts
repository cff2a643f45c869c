// Shared by test/cli/rules*.test.ts: a private build of airlock (its own package root with the
// real rulesets/, schema/ and node_modules linked in, so concurrent builds of dist/ by other test
// files cannot interfere), and temp HOME / config / state / project dirs per test.
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';

export const ROOT = path.resolve(__dirname, '../..');
const tmpRoots: string[] = [];

export function tmp(prefix = 'airlock-rules-'): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  tmpRoots.push(d);
  return d;
}

export function cleanup(): void {
  for (const d of tmpRoots.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Builds airlock into a private package root; returns the path of its bin/airlock. */
export function buildAirlock(): string {
  if (process.env.AIRLOCK_TEST_BIN) return process.env.AIRLOCK_TEST_BIN;
  const root = tmp('airlock-build-');
  for (const x of ['package.json', 'rulesets', 'schema', 'node_modules']) fs.symlinkSync(path.join(ROOT, x), path.join(root, x));
  fs.mkdirSync(path.join(root, 'dist'));
  fs.mkdirSync(path.join(root, 'bin'));
  buildSync({
    entryPoints: [path.join(ROOT, 'src/cli/entry.ts')], outfile: path.join(root, 'dist/airlock.cjs'), bundle: true, platform: 'node',
    target: 'node20', format: 'cjs', packages: 'external', define: { __AIRLOCK_VERSION__: '"0.0.0-test"' }, logLevel: 'error',
  });
  // Same as scripts/build.mjs: top-level files of rulesets/ only (rulesets/examples/ is not built in).
  const files = fs.readdirSync(path.join(ROOT, 'rulesets'), { withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name)).map((e) => e.name).sort()
    .map((f) => ({ file: path.join('rulesets', f), data: YAML.parse(fs.readFileSync(path.join(ROOT, 'rulesets', f), 'utf8')) ?? {} }));
  fs.writeFileSync(path.join(root, 'dist/rulesets.json'), JSON.stringify({ files }));
  const bin = path.join(root, 'bin/airlock');
  fs.writeFileSync(bin, "#!/usr/bin/env node\nrequire('../dist/airlock.cjs');\n", { mode: 0o755 });
  return bin;
}

export interface World {
  home: string;
  config: string;
  state: string;
  project: string;
  env: Record<string, string>;
}

/** A temp HOME with a config dir, a state dir and a git project dir. */
export function world(): World {
  const home = tmp('airlock-home-');
  const config = path.join(home, '.config', 'airlock');
  const state = path.join(home, '.local', 'state', 'airlock');
  const project = path.join(home, 'src', 'app');
  for (const d of [config, state, path.join(project, '.git')]) fs.mkdirSync(d, { recursive: true });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AIRLOCK_CONFIG_DIR: config, AIRLOCK_STATE_DIR: state, NO_COLOR: '1',
  };
  return { home, config, state, project, env };
}

export function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function airlock(bin: string, w: World, args: string[], extraEnv: Record<string, string> = {}): Run {
  const r = spawnSync(bin, args, { cwd: w.project, env: { ...w.env, ...extraEnv }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

/** `airlock explain --json` of a line: decision, rule ids, findings. */
export function explain(bin: string, w: World, line: string, extra: string[] = [], extraEnv: Record<string, string> = {}) {
  const r = airlock(bin, w, ['explain', '--json', ...extra, '--', line], extraEnv);
  if (r.code !== 0) throw new Error(`explain failed (${r.code}): ${r.stderr}`);
  const j = r.json() as { decision: string; findings: { rule: string; decision: string; environment: string; wall?: string; reason: string }[] };
  return { ...j, rules: j.findings.map((f) => f.rule), stderr: r.stderr };
}
