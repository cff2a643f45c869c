// npm / pnpm / yarn / bun: `run SCRIPT` (and npm test/start, `pnpm SCRIPT`, `yarn SCRIPT`) reads package.json
// and analyses the script text with its pre/post hooks; `yarn BIN args` / `pnpm BIN args` run a local binary.
import * as path from 'node:path';
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { cliFact } from '../cli-fact';
import { innerFacts } from '../inner-facts';
import { MAX_SCRIPT_DEPTH, scriptDepth } from './depth';

const WITH_VALUE = ['--prefix', '-C', '--dir', '--cwd', '-w', '--workspace', '--filter', '-F', '--script-shell', '--loglevel', '--registry', '--userconfig'];
const NPM_LIFECYCLE = new Set(['test', 't', 'tst', 'start', 'stop', 'restart']);
/** Built-in subcommands: anything else given to pnpm/yarn/bun is a script or a binary. */
const BUILTINS = new Set(['install', 'i', 'add', 'remove', 'rm', 'uninstall', 'update', 'up', 'upgrade', 'outdated', 'list', 'ls', 'why', 'init', 'create',
  'publish', 'pack', 'link', 'unlink', 'audit', 'config', 'set', 'cache', 'store', 'info', 'view', 'login', 'logout', 'help', 'version', 'dlx', 'exec',
  'x', 'build', 'dedupe', 'prune', 'import', 'patch', 'patch-commit', 'rebuild', 'root', 'bin', 'setup', 'env', 'server', 'deploy', 'fetch', 'ci', 'workspace',
  'workspaces', 'node', 'plugin', 'constraints', 'global', 'dev', 'repl', 'upgrade-interactive', 'whoami', 'owner', 'tag', 'dist-tag', 'licenses']);

export async function analyzePackageScript(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  if (scriptDepth(cmd) >= MAX_SCRIPT_DEPTH) return [];
  const tool = cmd.program!;
  const words = cmd.argv.slice(1);
  let dir = '.';
  let k = 0;
  for (; k < words.length; k++) {
    const v = words[k]!.value;
    if (v === null || !v.startsWith('-')) break;
    if (WITH_VALUE.includes(v)) {
      const val = words[++k]?.value;
      if ((v === '--prefix' || v === '-C' || v === '--dir' || v === '--cwd') && val) dir = val;
    } else if (/^--(prefix|dir|cwd)=/.test(v)) dir = v.slice(v.indexOf('=') + 1);
  }
  const sub = words[k]?.value;
  if (sub === undefined || isInstall(tool, sub)) return lifecycle(cmd, ctx, tool, dir, words.slice(k + 1));
  let name: string | null | undefined;
  let scriptOnly = false;
  let rest = words.slice(k + 1);
  if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') {
    while (rest[0]?.value?.startsWith('-')) rest = rest.slice(1);
    name = rest[0]?.value;
    rest = rest.slice(1);
    scriptOnly = true;
  } else if (tool === 'npm') {
    if (sub === null || !NPM_LIFECYCLE.has(sub)) return [];
    name = sub === 't' || sub === 'tst' ? 'test' : sub;
    scriptOnly = true;
  } else {
    if (sub !== null && BUILTINS.has(sub)) return [];
    name = sub;
  }
  if (name === undefined) return [];
  const base = { tool, object: 'script', action: 'run', flags: [], infra: false };
  if (name === null) return [cliFact(cmd, { ...base, name: null, targets: [] })];
  const scripts = readScripts(ctx, dir);
  const text = scripts?.[name];
  if (text === undefined) {
    if (scriptOnly || name.includes('/') || name.startsWith('.')) return [cliFact(cmd, { ...base, name, resolved: false, targets: [] })];
    // yarn prisma migrate reset: a binary from node_modules/.bin
    const line = [name, ...rest.map((w) => w.raw)].join(' ');
    return innerFacts(cmd, line, `${tool} ${name}`, ctx, { script: name, viaScript: tool });
  }
  const args = rest.filter((w, i) => !(i === 0 && w.value === '--')).map((w) => w.raw);
  const facts: Fact[] = [cliFact(cmd, { ...base, name, resolved: true, scriptText: text, targets: [] })];
  for (const [hook, body] of [[`pre${name}`, scripts![`pre${name}`]], [name, [text, ...args].join(' ')], [`post${name}`, scripts![`post${name}`]]] as const) {
    if (body === undefined) continue;
    facts.push(...(await innerFacts(cmd, body, `${tool} run ${hook}`, ctx, { script: hook, viaScript: tool })));
  }
  return facts;
}

function readScripts(ctx: AnalyzeContext, dir: string): Record<string, string> | null {
  const text = ctx.readFile(path.join(dir, 'package.json'));
  if (text === null) return null;
  try {
    const pkg = JSON.parse(text) as { scripts?: Record<string, unknown> };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(pkg.scripts ?? {})) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return null;
  }
}


/** The install subcommands that run the project's own lifecycle scripts (bare `yarn` included). */
function isInstall(tool: string, sub: string | null | undefined): boolean {
  if (sub === undefined) return tool === 'yarn';
  if (sub === null) return false;
  if (tool === 'npm') return /^(install|i|in|ins|inst|insta|instal|isnt|isnta|isntal|isntall|ci|clean-install|install-clean|ic)$/.test(sub);
  return sub === 'install' || sub === 'i';
}

/** npm install / npm ci / yarn / pnpm install / bun install with no package named: the root package's install hooks run. */
async function lifecycle(cmd: Command, ctx: AnalyzeContext, tool: string, dir: string, rest: Command['argv']): Promise<Fact[]> {
  if (rest.some((w) => w.value === null || w.value === '--ignore-scripts' || !(w.value.startsWith('-')))) return [];
  if (/^(true|1)$/i.test(ctx.env.npm_config_ignore_scripts ?? '')) return [];
  const scripts = readScripts(ctx, dir);
  if (!scripts) return [];
  const facts: Fact[] = [];
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare']) {
    const body = scripts[hook];
    if (body === undefined) continue;
    facts.push(...(await innerFacts(cmd, body, `${tool} run ${hook}`, ctx, { script: hook, viaScript: tool })));
  }
  return facts;
}
