// airlock install / uninstall / doctor against a temp HOME: idempotent, one backup, other
// settings kept, uninstall reverses exactly, the installed hook command really runs.
import * as fs from 'fs';
import * as path from 'path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_RULES, TIMEOUT, airlock, ensureBuilt, isolatedEnv, run, type Env } from '../harness/helpers';
import { claudeMatcherSelects } from '../../../src/integrations/install/doctor';
import { codexGroupHash, readCodexTrust } from '../../../src/harness/codex-trust';

beforeAll(() => ensureBuilt(), 180_000);

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const readJson = (f: string): Obj => JSON.parse(fs.readFileSync(f, 'utf8')) as Obj;
const backups = (f: string) => fs.readdirSync(path.dirname(f)).filter((n) => n.startsWith(path.basename(f) + '.airlock-backup-'));
const countOurs = (text: string, harness: string) => text.split(`hook ${harness}`).length - 1;

interface JsonCase {
  target: string;
  file: (env: Env) => string;
  original: Obj;
  /** The airlock hook commands in the file. */
  commands: (d: Obj) => string[];
}

const nested = (event: string) => (d: Obj) => ((d.hooks?.[event] ?? []) as Obj[]).flatMap((g) => (g.hooks as Obj[]).map((h) => h.command as string));
const flat = (event: string, key = 'command') => (d: Obj) => ((d.hooks?.[event] ?? []) as Obj[]).map((e) => e[key] as string);

const CASES: JsonCase[] = [
  {
    target: 'claude-code',
    file: (env) => path.join(env.HOME!, '.claude', 'settings.json'),
    original: { model: 'opus', permissions: { allow: ['Bash(npm test)'] }, hooks: { PreToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'lint.sh' }] }], Stop: [{ hooks: [{ type: 'command', command: 'notify.sh' }] }] } },
    commands: nested('PreToolUse'),
  },
  {
    target: 'cursor',
    file: (env) => path.join(env.HOME!, '.cursor', 'hooks.json'),
    original: { version: 1, hooks: { beforeShellExecution: [{ command: './approve-network.sh', timeout: 30, matcher: 'curl|wget' }], afterFileEdit: [{ command: 'fmt.sh' }] } },
    commands: flat('beforeShellExecution'),
  },
  {
    target: 'codex',
    file: (env) => path.join(env.HOME!, '.codex', 'hooks.json'),
    original: { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'mine.sh' }] }] } },
    commands: nested('PreToolUse'),
  },
  {
    target: 'gemini',
    file: (env) => path.join(env.HOME!, '.gemini', 'settings.json'),
    original: { theme: 'dark', hooks: { BeforeTool: [{ matcher: 'write_file|replace', hooks: [{ name: 'security-check', type: 'command', command: 'sec.sh', timeout: 5000 }] }] } },
    commands: nested('BeforeTool'),
  },
  {
    target: 'windsurf',
    file: (env) => path.join(env.HOME!, '.codeium', 'windsurf', 'hooks.json'),
    original: { hooks: { pre_run_command: [{ command: 'mine.sh', show_output: true }] } },
    commands: flat('pre_run_command'),
  },
];

describe.each(CASES)('airlock install $target', ({ target, file, original, commands }) => {
  it('keeps other settings, is idempotent, backs up once, and uninstall restores the original', async () => {
    const env = isolatedEnv();
    const f = file(env);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    const originalText = JSON.stringify(original);
    fs.writeFileSync(f, originalText);

    const dry = await airlock(['install', target, '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`+++ ${f}`);
    expect(dry.stdout).toMatch(new RegExp(`^\\+.*hook ${target}`, 'm'));
    expect(fs.readFileSync(f, 'utf8')).toBe(originalText);

    const first = await airlock(['install', target], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('backup: ');
    const second = await airlock(['install', target], { env });
    expect(second.stdout).toContain('already installed');
    const text = fs.readFileSync(f, 'utf8');
    expect(countOurs(text, target)).toBe(target === 'windsurf' ? 3 : target === 'cursor' ? 2 : 1);
    const d = readJson(f);
    expect(commands(d).filter((c) => c.includes(`hook ${target}`))).toHaveLength(1);
    // Everything that was there is still there.
    for (const c of commands(original)) expect(commands(d)).toContain(c);
    for (const k of Object.keys(original)) expect(d).toHaveProperty(k);
    const b = backups(f);
    expect(b).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(f), b[0]!), 'utf8')).toBe(originalText);

    const un = await airlock(['uninstall', target], { env });
    expect(un.code).toBe(0);
    expect(readJson(f)).toEqual(original);
    expect((await airlock(['uninstall', target], { env })).stdout).toContain('not installed');
    expect(backups(f)).toHaveLength(1);
  }, TIMEOUT);

  it('from scratch: creates the file; uninstall removes what it created', async () => {
    const env = isolatedEnv();
    const f = file(env);
    expect((await airlock(['install', target], { env })).code).toBe(0);
    expect(commands(readJson(f)).some((c) => c.includes(`hook ${target}`))).toBe(true);
    expect(backups(f)).toHaveLength(0);
    await airlock(['uninstall', target], { env });
    expect(fs.existsSync(f)).toBe(false);
  }, TIMEOUT);
});

describe('installed hooks run', () => {
  it('the command written to ~/.claude/settings.json is a working airlock hook', async () => {
    const env = isolatedEnv({ AIRLOCK_RULESETS: TEST_RULES });
    await airlock(['install', 'claude-code'], { env });
    const d = readJson(path.join(env.HOME, '.claude', 'settings.json'));
    const group = (d.hooks.PreToolUse as Obj[]).find((g) => /hook claude-code/.test(g.hooks[0].command))!;
    // Claude Code's matcher semantics: Bash, file tools and MCP tools, not Glob or BashOutput.
    for (const t of ['Bash', 'Write', 'Read', 'mcp__pg__query']) expect(claudeMatcherSelects(group.matcher, t), t).toBe(true);
    for (const t of ['Glob', 'BashOutput', 'TodoWrite']) expect(claudeMatcherSelects(group.matcher, t), t).toBe(false);
    expect(group.hooks[0].timeout).toBe(60);
    // A crashed or hung airlock blocks instead of letting the command through (2.1.295+).
    expect(group.hooks[0].onFailure).toBe('block');
    const cmd = group.hooks[0].command as string;
    const input = (command: string) => JSON.stringify({ session_id: 's', cwd: env.HOME, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
    const denied = await run('/bin/sh', ['-c', cmd], { env, input: input('airlock-test-nuke --all') });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain('test/nuke');
    const fine = await run('/bin/sh', ['-c', cmd], { env, input: input('ls') });
    expect(fine).toMatchObject({ code: 0, stdout: '' });
  }, TIMEOUT);

  it('cursor: failClosed and a timeout are set', async () => {
    const env = isolatedEnv();
    await airlock(['install', 'cursor'], { env });
    const d = readJson(path.join(env.HOME, '.cursor', 'hooks.json'));
    expect(d.version).toBe(1);
    expect(d.hooks.beforeShellExecution[0]).toMatchObject({ failClosed: true, timeout: 60 });
  }, TIMEOUT);
});

describe('airlock install codex: config.toml (feature flag and hook trust)', () => {
  it('adds hooks = true under an existing [features] table, trusts the hook, and uninstall restores the file', async () => {
    const env = isolatedEnv();
    const toml = path.join(env.HOME, '.codex', 'config.toml');
    fs.mkdirSync(path.dirname(toml), { recursive: true });
    const original = 'model = "gpt-5-codex"\n\n[features]\nweb_search = true\n\n[profiles.x]\nmodel = "o3"\n';
    fs.writeFileSync(toml, original);
    await airlock(['install', 'codex'], { env });
    await airlock(['install', 'codex'], { env });
    const text = fs.readFileSync(toml, 'utf8');
    expect(text).toMatch(/\[features\]\nhooks = true/);
    expect(text).not.toMatch(/codex_hooks/);
    // The trust record names hooks.json, the group and handler index, and the group's hash.
    const hooksFile = path.join(env.HOME, '.codex', 'hooks.json');
    const group = readJson(hooksFile).hooks.PreToolUse[0] as Obj;
    expect(readCodexTrust(text)).toEqual(new Map([[`${hooksFile}:pre_tool_use:0:0`, codexGroupHash(group)]]));
    expect(text.match(/\[hooks\.state\./g)).toHaveLength(1);
    await airlock(['uninstall', 'codex'], { env });
    expect(fs.readFileSync(toml, 'utf8')).toBe(original);
  }, TIMEOUT);

  it('replaces the deprecated codex_hooks line airlock wrote before', async () => {
    const env = isolatedEnv();
    const toml = path.join(env.HOME, '.codex', 'config.toml');
    fs.mkdirSync(path.dirname(toml), { recursive: true });
    fs.writeFileSync(toml, '[features]\ncodex_hooks = true  # added by airlock install\n');
    await airlock(['install', 'codex'], { env });
    const text = fs.readFileSync(toml, 'utf8');
    expect(text).toMatch(/^\[features\]\nhooks = true/);
    expect(text).not.toMatch(/codex_hooks/);
  }, TIMEOUT);

  it('re-trusts after a hook is added before airlock\'s (the index moves); doctor says will NOT fire until then', async () => {
    const env = isolatedEnv();
    await airlock(['install', 'codex'], { env });
    const hooksFile = path.join(env.HOME, '.codex', 'hooks.json');
    const d = readJson(hooksFile);
    d.hooks.PreToolUse.unshift({ matcher: 'Bash', hooks: [{ type: 'command', command: 'mine.sh' }] });
    fs.writeFileSync(hooksFile, JSON.stringify(d, null, 2));
    const stale = await airlock(['doctor'], { env });
    expect(stale.stdout).toMatch(/codex\s+installed in .*will NOT fire/);
    expect(stale.stdout).toContain(`no [hooks.state."${hooksFile}:pre_tool_use:1:0"]`);
    await airlock(['install', 'codex'], { env });
    const trust = readCodexTrust(fs.readFileSync(path.join(env.HOME, '.codex', 'config.toml'), 'utf8'));
    expect([...trust.keys()]).toEqual([`${hooksFile}:pre_tool_use:1:0`]);
    expect((await airlock(['doctor'], { env })).stdout).toMatch(/codex\s+installed in .*; will fire/);
  }, TIMEOUT);

  it('honours CODEX_HOME', async () => {
    const env = isolatedEnv();
    env.CODEX_HOME = path.join(env.HOME, 'codex-home');
    await airlock(['install', 'codex'], { env });
    expect(fs.existsSync(path.join(env.CODEX_HOME, 'hooks.json'))).toBe(true);
    expect(fs.readFileSync(path.join(env.CODEX_HOME, 'config.toml'), 'utf8')).toContain(`[hooks.state."${path.join(env.CODEX_HOME, 'hooks.json')}:pre_tool_use:0:0"]`);
  }, TIMEOUT);

  it('creates [features] when missing and removes the file it created', async () => {
    const env = isolatedEnv();
    await airlock(['install', 'codex'], { env });
    const toml = path.join(env.HOME, '.codex', 'config.toml');
    expect(fs.readFileSync(toml, 'utf8')).toMatch(/^\[features\]\nhooks = true/);
    await airlock(['uninstall', 'codex'], { env });
    expect(fs.existsSync(toml)).toBe(false);
  }, TIMEOUT);
});

describe('airlock install copilot', () => {
  it('writes ~/.copilot/hooks/airlock.json (loaded in every folder) and removes it on uninstall', async () => {
    const env = isolatedEnv();
    await airlock(['install', 'copilot'], { env });
    await airlock(['install', 'copilot'], { env });
    const f = path.join(env.HOME, '.copilot', 'hooks', 'airlock.json');
    const d = readJson(f);
    expect(d.version).toBe(1);
    expect(d.hooks.preToolUse).toHaveLength(1);
    expect(d.hooks.preToolUse[0]).toMatchObject({ type: 'command', timeoutSec: 30 });
    expect(d.hooks.preToolUse[0].bash).toMatch(/hook copilot$/);
    await airlock(['uninstall', 'copilot'], { env });
    expect(fs.existsSync(f)).toBe(false);
  }, TIMEOUT);

  it('honours COPILOT_HOME', async () => {
    const env = isolatedEnv();
    env.COPILOT_HOME = path.join(env.HOME, 'cp');
    await airlock(['install', 'copilot'], { env });
    expect(fs.existsSync(path.join(env.COPILOT_HOME, 'hooks', 'airlock.json'))).toBe(true);
  }, TIMEOUT);
});

describe('airlock install cline', () => {
  it('writes an executable PreToolUse script, refuses to overwrite a foreign one', async () => {
    const env = isolatedEnv();
    const f = path.join(env.HOME, 'Documents', 'Cline', 'Hooks', 'PreToolUse');
    await airlock(['install', 'cline'], { env });
    expect(fs.statSync(f).mode & 0o111).toBeTruthy();
    const r = await run(f, [], { env: { ...env, AIRLOCK_RULESETS: TEST_RULES }, input: JSON.stringify({ hookName: 'PreToolUse', workspaceRoots: [env.HOME], preToolUse: { toolName: 'execute_command', parameters: { command: 'airlock-test-nuke' } } }) });
    expect(JSON.parse(r.stdout)).toMatchObject({ cancel: true });
    await airlock(['uninstall', 'cline'], { env });
    expect(fs.existsSync(f)).toBe(false);
    fs.writeFileSync(f, '#!/bin/sh\necho mine\n');
    const refused = await airlock(['install', 'cline'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not airlock');
  }, TIMEOUT);
});

describe.each(['bash', 'zsh'])('airlock install %s', (shell) => {
  it('adds one marked eval line; uninstall restores the file byte for byte', async () => {
    const env = isolatedEnv();
    const rc = path.join(env.HOME, shell === 'bash' ? '.bashrc' : '.zshrc');
    const original = `# my ${shell}rc\nalias ll='ls -l'\nexport EDITOR=vim`;
    fs.writeFileSync(rc, original);
    await airlock(['install', shell], { env });
    await airlock(['install', shell], { env });
    const text = fs.readFileSync(rc, 'utf8');
    expect(text.startsWith(original)).toBe(true);
    expect(text.match(new RegExp(`init ${shell}\\)"`, 'g'))).toHaveLength(1);
    expect(text).toMatch(new RegExp(`^eval "\\$\\(.*airlock.* init ${shell}\\)"$`, 'm'));
    expect(backups(rc)).toHaveLength(1);
    await airlock(['uninstall', shell], { env });
    expect(fs.readFileSync(rc, 'utf8')).toBe(original);
  }, TIMEOUT);
});

describe('airlock install shims', () => {
  it('installs the shims in the default dir, --rc adds the PATH line; uninstall removes both', async () => {
    const env = isolatedEnv();
    const bashrc = path.join(env.HOME, '.bashrc');
    fs.writeFileSync(bashrc, 'export A=1\n');
    const r = await airlock(['install', 'shims', '--rc'], { env });
    expect(r.code).toBe(0);
    const dir = path.join(env.HOME, '.local', 'share', 'airlock', 'shims');
    expect(fs.readdirSync(dir)).toContain('terraform');
    expect(fs.readFileSync(bashrc, 'utf8')).toContain(`export PATH="${dir}:$PATH"`);
    expect((await airlock(['install', 'shims', '--rc'], { env })).stdout).toContain('already installed');
    await airlock(['uninstall', 'shims'], { env });
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readFileSync(bashrc, 'utf8')).toBe('export A=1\n');
  }, TIMEOUT);

  it('--dry-run lists the shims it would write and changes nothing', async () => {
    const env = isolatedEnv();
    const r = await airlock(['install', 'shims', '--dry-run'], { env });
    expect(r.stdout).toMatch(/would write \d+ shims/);
    expect(fs.existsSync(path.join(env.HOME, '.local', 'share', 'airlock'))).toBe(false);
  }, TIMEOUT);
});

describe('airlock install: errors', () => {
  it('an unknown target exits 2 and lists the targets', async () => {
    const r = await airlock(['install', 'emacs'], { env: isolatedEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('claude-code');
  }, TIMEOUT);

  it('a settings file that is not JSON is left alone', async () => {
    const env = isolatedEnv();
    const f = path.join(env.HOME, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, '{ "model": "opus", }');
    const r = await airlock(['install', 'claude-code'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not valid JSON');
    expect(fs.readFileSync(f, 'utf8')).toBe('{ "model": "opus", }');
  }, TIMEOUT);
});

describe('airlock doctor', () => {
  it('nothing installed: says so, exit 1', async () => {
    const env = isolatedEnv();
    const r = await airlock(['doctor'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Nothing is installed');
    expect(r.stdout).toMatch(/claude-code\s+not installed/);
    const j = JSON.parse((await airlock(['doctor', '--json'], { env })).stdout) as Obj;
    expect(j.node.ok).toBe(true);
    expect(j.targets.every((t: Obj) => t.installed === false)).toBe(true);
  }, TIMEOUT);

  it('reports installed targets, where, whether they fire, and each problem with a fix', async () => {
    const env = isolatedEnv();
    await airlock(['install', 'claude-code'], { env });
    await airlock(['install', 'shims'], { env });
    let j = JSON.parse((await airlock(['doctor', '--json'], { env })).stdout) as Obj;
    const claude = j.targets.find((t: Obj) => t.target === 'claude-code');
    expect(claude).toMatchObject({ installed: true, fires: true, where: [path.join(env.HOME, '.claude', 'settings.json')] });
    const shims = j.targets.find((t: Obj) => t.target === 'shims');
    expect(shims.installed).toBe(true);
    expect(shims.fires).toBe(false);
    expect(shims.problems[0].fix).toContain('export PATH=');
    expect(j.runtimeDir.status).toBe('missing');
    expect(j.approverRunning).toBe(false);

    // Shim dir first on PATH: fires.
    const dir = path.join(env.HOME, '.local', 'share', 'airlock', 'shims');
    j = JSON.parse((await airlock(['doctor', '--json'], { env: { ...env, PATH: `${dir}:${env.PATH}` } })).stdout) as Obj;
    expect(j.targets.find((t: Obj) => t.target === 'shims').fires).toBe(true);

    // A hook naming a node that no longer exists would silently not fire.
    const f = path.join(env.HOME, '.claude', 'settings.json');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/"command": "[^ ]+ /, '"command": "/nonexistent/node '));
    const text = await airlock(['doctor'], { env: { ...env, PATH: `${dir}:${env.PATH}` } });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/claude-code\s+installed in .*will NOT fire/);
    expect(text.stdout).toContain('/nonexistent/node');
    expect(text.stdout).toContain('fix:');

    // disableAllHooks switches every hook off.
    const d = readJson(f);
    d.disableAllHooks = true;
    fs.writeFileSync(f, JSON.stringify(d));
    j = JSON.parse((await airlock(['doctor', '--json'], { env })).stdout) as Obj;
    expect(j.targets.find((t: Obj) => t.target === 'claude-code').problems.map((p: Obj) => p.problem).join('\n')).toContain('disableAllHooks');
  }, TIMEOUT);

  it('flags an unsafe approver socket dir', async () => {
    const env = isolatedEnv();
    fs.mkdirSync(env.AIRLOCK_RUNTIME_DIR, { mode: 0o777 });
    fs.chmodSync(env.AIRLOCK_RUNTIME_DIR, 0o777);
    const j = JSON.parse((await airlock(['doctor', '--json'], { env })).stdout) as Obj;
    expect(j.runtimeDir.status).toBe('bad');
    expect(j.problems[0].fix).toBeTruthy();
  }, TIMEOUT);
});
