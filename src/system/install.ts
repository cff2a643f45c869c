// `airlock system install | uninstall | status | enroll`: hardened mode's file layout, the
// `airlock` system user, the service, managed hook settings and kernel settings. Everything
// install changes is written to a manifest first, so uninstall restores exactly that.
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { shellQuote as shq } from '../util/shell-quote';
import { CODEX_MATCHER } from '../harness/codex-trust';
import { etcDirOf, myUid, ownPackageRoot, readSystemConfig, resetHardenedCache, systemConfigFile, systemRoot, type SystemConfig } from '../util/system-mode';
import { formatChecks, kernelChecks, setSysctls, userChecks, type HostCheck, type SysctlChange } from './host';
import { publicKeyFile, replayFile, requestSocket, signingKeyFile, totpFile } from './service';
import { newKeyPair } from './sign';
import { base32Encode, newSecret, otpauthUri } from './totp';

export const SYSTEM_USER = 'airlock';

export class SystemInstallError extends Error {
  override name = 'SystemInstallError';
}

interface FileRecord {
  file: string;
  /** Content before install (null: the file did not exist). */
  before: string | null;
}

export interface Manifest {
  version: 1;
  root: string;
  user: string;
  createdUser: boolean;
  /** Directories install created, outermost first. */
  dirs: string[];
  files: FileRecord[];
  sysctls: SysctlChange[];
  service: { kind: 'systemd'; unit: string } | { kind: 'daemon' };
}

export interface InstallOptions {
  root?: string;
  agentUsers?: string[];
  setSysctls?: boolean;
  /** Start the service (default true). */
  start?: boolean;
  out?: (s: string) => void;
}

const manifestFile = (root: string): string => path.join(etcDirOf(root), 'install-manifest.json');

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function userExists(user: string): boolean {
  return spawnSync('id', ['-u', user], { stdio: 'ignore' }).status === 0;
}

/** mkdir -p that returns the directories it created, outermost first. */
function mkdirp(dir: string, created: string[]): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    fs.mkdirSync(d);
    fs.chmodSync(d, 0o755);
    created.push(d);
  }
}

/** Production dependencies of the package at `root`, as directories under its node_modules. */
export function productionDeps(root: string): string[] {
  const out = new Set<string>();
  const queue: { name: string; from: string }[] = [];
  const push = (pkgDir: string) => {
    const meta = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const name of [...Object.keys(meta.dependencies ?? {}), ...Object.keys(meta.optionalDependencies ?? {})]) queue.push({ name, from: pkgDir });
  };
  push(root);
  while (queue.length) {
    const { name, from } = queue.shift()!;
    // Node's lookup: node_modules of the requiring package, then of each directory above it.
    let found: string | null = null;
    for (let d = from; ; d = path.dirname(d)) {
      const cand = path.join(d, 'node_modules', name);
      if (fs.existsSync(path.join(cand, 'package.json'))) {
        found = cand;
        break;
      }
      if (d === root || path.dirname(d) === d) break;
    }
    if (!found || out.has(found)) continue;
    out.add(found);
    push(found);
  }
  return [...out];
}

/** Copies the parts of this package that run (bin, dist, rulesets, schema, production deps). */
function copyPackage(src: string, dst: string): void {
  for (const part of ['package.json', 'bin', 'dist', 'rulesets', 'schema']) {
    if (fs.existsSync(path.join(src, part))) fs.cpSync(path.join(src, part), path.join(dst, part), { recursive: true, dereference: true });
  }
  for (const dep of productionDeps(src)) {
    const rel = path.relative(src, dep);
    fs.cpSync(dep, path.join(dst, rel), { recursive: true, dereference: true, filter: (f) => path.basename(f) !== '.bin' });
  }
  lockDown(dst);
}

/** root:root and no group/other write, recursively. */
function lockDown(p: string): void {
  const st = fs.lstatSync(p);
  if (st.isSymbolicLink()) return;
  fs.chownSync(p, 0, 0);
  fs.chmodSync(p, st.mode & 0o7755);
  if (st.isDirectory()) for (const e of fs.readdirSync(p)) lockDown(path.join(p, e));
}

function writeFile(file: string, text: string, mode: number, owner: [number, number], rec: FileRecord[] | null): void {
  if (rec && !rec.some((r) => r.file === file)) rec.push({ file, before: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode });
  fs.chmodSync(file, mode);
  fs.chownSync(file, owner[0], owner[1]);
}

type Obj = Record<string, unknown>;

function readJsonOr(file: string): Obj {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
  } catch {
    return {};
  }
}

function withHookGroup(data: Obj, event: string, group: Obj): Obj {
  const hooks = (data.hooks && typeof data.hooks === 'object' ? { ...(data.hooks as Obj) } : {}) as Obj;
  const list = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : [];
  hooks[event] = [...list.filter((g) => !JSON.stringify(g).includes('airlock system hook')), group];
  return { ...data, hooks };
}

/** The hook command of the root-owned copy: absolute node, absolute launcher, nothing from PATH. */
export function systemHookCommand(cfg: Pick<SystemConfig, 'node' | 'installDir'>, harness: string): string {
  return `${shq(cfg.node)} ${shq(path.join(cfg.installDir, 'bin', 'airlock'))} hook ${harness}`;
}

/** Root-owned managed settings the agent's account cannot edit or outrank. */
export function managedSettings(cfg: SystemConfig): { file: string; data: (before: Obj) => Obj }[] {
  return [
    {
      // Claude Code: managed settings outrank user, project and command-line settings.
      file: path.join(cfg.root, 'etc', 'claude-code', 'managed-settings.json'),
      data: (d) => ({
        ...withHookGroup(d, 'PreToolUse', {
          matcher: '^(Bash|PowerShell|Write|Edit|MultiEdit|NotebookEdit|Read)$|^mcp__',
          hooks: [{ type: 'command', command: systemHookCommand(cfg, 'claude-code'), timeout: 60, onFailure: 'block', _comment: 'airlock system hook' }],
        }),
        disableAllHooks: false,
      }),
    },
    {
      // Gemini CLI: the system settings file overrides user and workspace settings.
      file: path.join(cfg.root, 'etc', 'gemini-cli', 'settings.json'),
      data: (d) =>
        withHookGroup(d, 'BeforeTool', {
          matcher: 'run_shell_command|write_file|replace|read_file|read_many_files|mcp_.*',
          hooks: [{ name: 'airlock', type: 'command', command: systemHookCommand(cfg, 'gemini'), timeout: 60_000, description: 'airlock system hook' }],
        }),
    },
  ];
}

const tomlStr = (s: string): string => JSON.stringify(s); // a JSON string is a valid TOML basic string

/**
 * Codex (0.124+): managed hooks in the system requirements.toml, which user, project and session
 * config cannot override, with `[features] hooks = true` pinned so a user config.toml cannot turn
 * hooks off. Managed hooks need no trust record. Their commands must name absolute paths inside
 * `managed_dir`: the root-owned copy's bin/. Without a TOML parser we only add our block to a file
 * that has no [hooks] or [features] table of its own (two tables of one name are invalid TOML,
 * which would stop Codex); otherwise `system install` prints the block to merge by hand.
 */
export function codexRequirements(cfg: SystemConfig): { file: string; block: string; merge: (before: string) => string | null } {
  const block = [
    '# >>> airlock system hook (written by `airlock system install`; removed by `airlock system uninstall`)',
    '[features]',
    'hooks = true',
    '',
    '[hooks]',
    `managed_dir = ${tomlStr(path.join(cfg.installDir, 'bin'))}`,
    '',
    '[[hooks.PreToolUse]]',
    `matcher = ${tomlStr(`^(${CODEX_MATCHER})$`)}`,
    '',
    '[[hooks.PreToolUse.hooks]]',
    'type = "command"',
    `command = ${tomlStr(systemHookCommand(cfg, 'codex'))}`,
    'timeout = 60',
    'statusMessage = "airlock: checking"',
    '# <<< airlock system hook',
    '',
  ].join('\n');
  return {
    file: path.join(cfg.root, 'etc', 'codex', 'requirements.toml'),
    block,
    merge: (before) => {
      const rest = before.replace(/# >>> airlock system hook[\s\S]*?# <<< airlock system hook\n?/g, '');
      if (/^\s*\[\[?\s*(hooks|features)\b/m.test(rest) || /^\s*(hooks|features)\s*[.=]/m.test(rest)) return null;
      const kept = rest.replace(/\s+$/, '');
      return kept ? `${kept}\n\n${block}` : block;
    },
  };
}

const SYSTEM_RULESET = `# airlock system layer (hardened mode). Root-owned and loaded last: its rules, disables and
# allow-list entries outrank every other layer, and no other layer may disable or weaken them.
# Same format as any ruleset (docs/rulesets.md).
rules: []
`;

function systemdRunning(root: string): boolean {
  return root === '/' && fs.existsSync('/run/systemd/system') && spawnSync('systemctl', ['--version'], { stdio: 'ignore' }).status === 0;
}

function unitText(cfg: SystemConfig): string {
  return `[Unit]
Description=airlock approval service (hardened mode)
After=local-fs.target

[Service]
User=${cfg.user}
Group=${cfg.user}
ExecStart=${cfg.node} ${path.join(cfg.installDir, 'bin', 'airlock')} system serve
Restart=on-failure
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=${cfg.runDir} ${cfg.stateDir} ${cfg.logDir}
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
`;
}

async function waitFor(file: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fs.existsSync(file)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** Starts `airlock system serve` as the airlock user: a systemd unit where systemd runs, else a daemon. */
async function startService(cfg: SystemConfig, rec: FileRecord[]): Promise<Manifest['service']> {
  if (systemdRunning(cfg.root)) {
    const unit = '/etc/systemd/system/airlock.service';
    writeFile(unit, unitText(cfg), 0o644, [0, 0], rec);
    run('systemctl', ['daemon-reload']);
    run('systemctl', ['enable', '--now', 'airlock.service']);
    await waitFor(requestSocket(cfg), 10_000);
    return { kind: 'systemd', unit };
  }
  const logFd = fs.openSync(path.join(cfg.logDir, 'serve.log'), 'a', 0o640);
  fs.fchownSync(logFd, cfg.uid, cfg.gid);
  const child = spawn(cfg.node, [path.join(cfg.installDir, 'bin', 'airlock'), 'system', 'serve'], {
    uid: cfg.uid,
    gid: cfg.gid,
    detached: true,
    cwd: '/',
    stdio: ['ignore', logFd, logFd],
    env: { PATH: '/usr/bin:/bin', HOME: cfg.stateDir, LANG: 'C.UTF-8' },
  });
  child.unref();
  fs.closeSync(logFd);
  if (!(await waitFor(requestSocket(cfg), 15_000))) throw new SystemInstallError(`the approval service did not start; see ${path.join(cfg.logDir, 'serve.log')}`);
  return { kind: 'daemon' };
}

function stopService(cfg: SystemConfig, m: Manifest): void {
  if (m.service.kind === 'systemd') {
    spawnSync('systemctl', ['disable', '--now', 'airlock.service'], { stdio: 'ignore' });
    return;
  }
  try {
    const pid = Number(fs.readFileSync(path.join(cfg.runDir, 'serve.pid'), 'utf8'));
    if (pid > 1) {
      process.kill(pid, 'SIGTERM');
      // Wait (bounded) for it to go, so the airlock user can be removed.
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        spawnSync('sleep', ['0.05']);
      }
    }
  } catch {
    // not running
  }
}

export interface InstallReport {
  cfg: SystemConfig;
  checks: HostCheck[];
  manifest: Manifest;
}

export async function systemInstall(opts: InstallOptions = {}): Promise<InstallReport> {
  const out = opts.out ?? ((s: string) => process.stdout.write(s + '\n'));
  if (myUid() !== 0) throw new SystemInstallError('airlock system install must run as root (sudo airlock system install)');
  const root = path.resolve(opts.root ?? '/');
  if (fs.existsSync(systemConfigFile(root))) throw new SystemInstallError(`hardened mode is already installed in ${root} (airlock system uninstall first)`);
  const agentUsers = opts.agentUsers ?? (process.env.SUDO_USER && process.env.SUDO_USER !== 'root' ? [process.env.SUDO_USER] : []);

  const files: FileRecord[] = [];
  const dirs: string[] = [];
  const manifest: Manifest = { version: 1, root, user: SYSTEM_USER, createdUser: false, dirs, files, sysctls: [], service: { kind: 'daemon' } };
  const saveManifest = () => writeFile(manifestFile(root), JSON.stringify(manifest, null, 2) + '\n', 0o644, [0, 0], null);

  if (!userExists(SYSTEM_USER)) {
    const shell = fs.existsSync('/usr/sbin/nologin') ? '/usr/sbin/nologin' : '/bin/false';
    run('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', shell, SYSTEM_USER]);
    manifest.createdUser = true;
  }
  const uid = Number(run('id', ['-u', SYSTEM_USER]));
  const gid = Number(run('id', ['-g', SYSTEM_USER]));
  const cfg: SystemConfig = {
    version: 1,
    root,
    installDir: path.join(root, 'opt', 'airlock'),
    node: process.execPath,
    user: SYSTEM_USER,
    uid,
    gid,
    agentUsers,
    runDir: path.join(root, 'run', 'airlock'),
    stateDir: path.join(root, 'var', 'lib', 'airlock'),
    logDir: path.join(root, 'var', 'log', 'airlock'),
    etcDir: etcDirOf(root),
  };
  mkdirp(path.join(cfg.etcDir, 'rulesets'), dirs);
  saveManifest();
  try {
    for (const d of [cfg.installDir, cfg.stateDir, cfg.logDir, cfg.runDir]) mkdirp(d, dirs);
    fs.chownSync(cfg.stateDir, uid, gid);
    fs.chmodSync(cfg.stateDir, 0o700);
    fs.chownSync(cfg.logDir, uid, gid);
    fs.chmodSync(cfg.logDir, 0o750);
    fs.chownSync(cfg.runDir, uid, gid);
    fs.chmodSync(cfg.runDir, 0o755);
    copyPackage(ownPackageRoot(), cfg.installDir);
    writeFile(path.join(cfg.installDir, 'system-root'), root + '\n', 0o644, [0, 0], null);

    const keys = newKeyPair();
    writeFile(signingKeyFile(cfg), keys.privatePem, 0o600, [uid, gid], null);
    writeFile(publicKeyFile(cfg), keys.publicPem, 0o644, [0, 0], null);
    writeFile(path.join(cfg.etcDir, 'rulesets', 'system.yaml'), SYSTEM_RULESET, 0o644, [0, 0], null);
    for (const m of managedSettings(cfg)) {
      const before = fs.existsSync(m.file) ? readJsonOr(m.file) : {};
      mkdirp(path.dirname(m.file), dirs);
      writeFile(m.file, JSON.stringify(m.data(before), null, 2) + '\n', 0o644, [0, 0], files);
    }
    {
      const codex = codexRequirements(cfg);
      const text = codex.merge(fs.existsSync(codex.file) ? fs.readFileSync(codex.file, 'utf8') : '');
      if (text === null) out(`airlock: ${codex.file} has [hooks] or [features] tables of its own; merge this into it by hand:\n${codex.block}`);
      else {
        mkdirp(path.dirname(codex.file), dirs);
        writeFile(codex.file, text, 0o644, [0, 0], files);
      }
    }
    writeFile(systemConfigFile(root), JSON.stringify(cfg, null, 2) + '\n', 0o644, [0, 0], null);
    saveManifest();
    resetHardenedCache();

    const checks = [...kernelChecks(), ...agentUsers.flatMap((u) => userChecks(u, SYSTEM_USER))];
    if (opts.setSysctls) {
      const r = setSysctls(root);
      manifest.sysctls = r.changed;
      if (r.changed.length) files.push({ file: r.confFile, before: null });
      for (const e of r.errors) out(`airlock: ${e}`);
      saveManifest();
    }
    if (opts.start !== false) {
      manifest.service = await startService(cfg, files);
      saveManifest();
    }
    out(`airlock hardened mode installed in ${root}:`);
    out(`  copy        ${cfg.installDir} (root-owned)`);
    out(`  config      ${cfg.etcDir} (system.json, approver.pub, rulesets/)`);
    out(`  service     ${manifest.service.kind === 'systemd' ? 'systemd unit airlock.service' : 'daemon'} as user ${SYSTEM_USER}, sockets in ${cfg.runDir}`);
    out(`  hooks       ${[...managedSettings(cfg).map((m) => m.file), codexRequirements(cfg).file].join(', ')}`);
    out('host checks:\n' + formatChecks(checks));
    if (!opts.setSysctls && checks.some((c) => !c.ok && c.sysctl)) out('  (airlock system install --set-sysctls sets the kernel settings above)');
    out('next: `sudo airlock system enroll` to pair your authenticator app, then `airlock approver` in a terminal of your own.');
    return { cfg, checks, manifest };
  } catch (e) {
    saveManifest();
    throw e;
  }
}

export function systemUninstall(opts: { root?: string; out?: (s: string) => void } = {}): void {
  const out = opts.out ?? ((s: string) => process.stdout.write(s + '\n'));
  if (myUid() !== 0) throw new SystemInstallError('airlock system uninstall must run as root');
  const root = path.resolve(opts.root ?? systemRoot());
  const mf = manifestFile(root);
  if (!fs.existsSync(mf)) throw new SystemInstallError(`no hardened-mode install found in ${root} (${mf} is missing)`);
  const m = JSON.parse(fs.readFileSync(mf, 'utf8')) as Manifest;
  let cfg: SystemConfig | null = null;
  try {
    cfg = readSystemConfig(root);
  } catch {
    // a damaged config: remove what the manifest lists anyway
  }
  if (cfg) stopService(cfg, m);
  for (const f of [...m.files].reverse()) {
    if (f.before === null) fs.rmSync(f.file, { force: true });
    else fs.writeFileSync(f.file, f.before);
  }
  for (const s of m.sysctls) {
    try {
      fs.writeFileSync(s.file, s.before + '\n');
    } catch (e) {
      out(`airlock: cannot restore ${s.key}=${s.before}: ${(e as Error).message}`);
    }
  }
  if (m.service.kind === 'systemd') spawnSync('systemctl', ['daemon-reload'], { stdio: 'ignore' });
  for (const d of [...m.dirs].reverse()) fs.rmSync(d, { recursive: true, force: true });
  // Directories that existed before install keep what else they hold; airlock's own go.
  if (cfg) for (const d of [cfg.installDir, cfg.stateDir, cfg.logDir, cfg.runDir, cfg.etcDir]) fs.rmSync(d, { recursive: true, force: true });
  if (m.createdUser && userExists(m.user)) {
    const r = spawnSync('userdel', [m.user], { encoding: 'utf8' });
    if (r.status !== 0) out(`airlock: userdel ${m.user} failed: ${r.stderr.trim()}`);
  }
  resetHardenedCache();
  out(`airlock hardened mode removed from ${root}.`);
}

/** Connects to the request socket: is the service answering? */
function serviceAnswers(cfg: SystemConfig): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(requestSocket(cfg));
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function systemStatus(opts: { root?: string } = {}): Promise<{ text: string; ok: boolean }> {
  const root = path.resolve(opts.root ?? systemRoot());
  const cfg = readSystemConfig(root);
  if (!cfg) return { text: `hardened mode: not installed in ${root} (default mode: same-user approver)`, ok: false };
  const running = await serviceAnswers(cfg);
  let enrolled: boolean | null = null;
  try {
    enrolled = fs.existsSync(totpFile(cfg));
  } catch {
    // not ours to read
  }
  const checks = [...kernelChecks(), ...cfg.agentUsers.flatMap((u) => userChecks(u, cfg.user))];
  const lines = [
    `hardened mode: installed in ${root}`,
    `  copy       ${cfg.installDir}`,
    `  service    ${running ? 'running' : 'NOT RUNNING'} (${requestSocket(cfg)})`,
    `  second factor ${enrolled === null ? 'unknown (run as root to see)' : enrolled ? 'enrolled' : 'NOT ENROLLED (sudo airlock system enroll)'}`,
    `  agent users ${cfg.agentUsers.join(', ') || '(none given)'}`,
    'host checks:',
    formatChecks(checks),
  ];
  return { text: lines.join('\n'), ok: running && enrolled !== false && checks.every((c) => c.ok) };
}

/** Pairs an authenticator app: a new TOTP secret readable by `airlock` only, shown as a QR code. */
export async function systemEnroll(opts: { root?: string; account?: string; out?: (s: string) => void } = {}): Promise<void> {
  const out = opts.out ?? ((s: string) => process.stdout.write(s + '\n'));
  const cfg = readSystemConfig(path.resolve(opts.root ?? systemRoot()));
  if (!cfg) throw new SystemInstallError('hardened mode is not installed (sudo airlock system install)');
  if (myUid() !== 0 && myUid() !== cfg.uid) throw new SystemInstallError('airlock system enroll must run as root (sudo airlock system enroll)');
  const secret = newSecret();
  const account = opts.account ?? (process.env.SUDO_USER || 'human');
  const owner: [number, number] = [cfg.uid, cfg.gid];
  writeFile(totpFile(cfg), JSON.stringify({ secret: base32Encode(secret), account, enrolledAt: new Date().toISOString() }) + '\n', 0o600, owner, null);
  fs.rmSync(replayFile(cfg), { force: true });
  const uri = otpauthUri(secret, account);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const QR = require('qrcode') as typeof import('qrcode');
  const qr = await QR.toString(uri, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
  out('Scan this with your authenticator app (or enter the secret by hand):\n');
  out(qr);
  out(`secret: ${base32Encode(secret)}`);
  out(`uri:    ${uri}`);
  out('The secret is readable by the airlock user only. Approvals now need the resource name and the current code.');
}
