// Host checks for hardened mode: what must hold on the machine for the agent's account not to
// reach into the human's approver (ptrace, TIOCSTI) or simply become someone else (root, sudo,
// the airlock group).
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface HostCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** The sysctl that fixes it, when one does. */
  sysctl?: { key: string; want: string };
}

export type ProcRead = (file: string) => string | null;

const readProc: ProcRead = (file) => {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

export const SYSCTLS = [
  { key: 'kernel.yama.ptrace_scope', file: '/proc/sys/kernel/yama/ptrace_scope', want: '1' },
  { key: 'dev.tty.legacy_tiocsti', file: '/proc/sys/dev/tty/legacy_tiocsti', want: '0' },
] as const;

/** Kernel settings: Yama ptrace_scope >= 1; legacy_tiocsti = 0 where the kernel has it (6.2+). */
export function kernelChecks(read: ProcRead = readProc): HostCheck[] {
  const out: HostCheck[] = [];
  const ptrace = read(SYSCTLS[0].file);
  if (ptrace === null) out.push({ name: 'ptrace_scope', ok: false, detail: 'Yama is not available: any process of the agent may ptrace the human\'s processes of the same user', sysctl: { key: SYSCTLS[0].key, want: '1' } });
  else out.push({ name: 'ptrace_scope', ok: Number(ptrace) >= 1, detail: `kernel.yama.ptrace_scope = ${ptrace}${Number(ptrace) >= 1 ? '' : ' (0 lets a process attach to any other of its user, e.g. gdb into the approver)'}`, sysctl: { key: SYSCTLS[0].key, want: '1' } });
  const tiocsti = read(SYSCTLS[1].file);
  if (tiocsti === null) out.push({ name: 'legacy_tiocsti', ok: true, detail: 'dev.tty.legacy_tiocsti: not in this kernel (TIOCSTI needs the terminal open; the approver terminal is not the agent\'s)' });
  else out.push({ name: 'legacy_tiocsti', ok: tiocsti === '0', detail: `dev.tty.legacy_tiocsti = ${tiocsti}${tiocsti === '0' ? '' : ' (1 lets a process with a terminal open push keystrokes into it)'}`, sysctl: { key: SYSCTLS[1].key, want: '0' } });
  return out;
}

export interface UserFacts {
  uid: number | null;
  groups: string[];
  /** null: cannot tell. */
  sudoWithoutPassword: boolean | null;
}

export function userFacts(user: string): UserFacts {
  let uid: number | null = null;
  let groups: string[] = [];
  try {
    uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    groups = execFileSync('id', ['-Gn', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\s+/);
  } catch {
    // no such user
  }
  return { uid, groups, sudoWithoutPassword: sudoNoPassword(user) };
}

/** Does `user` have sudo rules that need no password? Asks sudo itself (as root: `sudo -l -U`). */
function sudoNoPassword(user: string): boolean | null {
  const r = spawnSync('sudo', ['-n', '-l', '-U', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5000 });
  if (r.error || r.status === null) return null;
  if (/is not allowed to run sudo|not allowed to run/i.test(r.stdout + r.stderr)) return false;
  if (r.status !== 0) return null;
  return /NOPASSWD/.test(r.stdout);
}

export function userChecks(user: string, airlockGroup: string, facts: UserFacts = userFacts(user)): HostCheck[] {
  if (facts.uid === null) return [{ name: 'agent-user', ok: false, detail: `agent user ${user} does not exist` }];
  return [
    { name: 'agent-not-root', ok: facts.uid !== 0, detail: facts.uid === 0 ? `agent user ${user} is root: nothing on this machine can hold it` : `agent user ${user} is uid ${facts.uid}` },
    { name: 'agent-not-in-airlock-group', ok: !facts.groups.includes(airlockGroup), detail: facts.groups.includes(airlockGroup) ? `agent user ${user} is in the ${airlockGroup} group` : `agent user ${user} is not in the ${airlockGroup} group` },
    {
      name: 'agent-sudo-needs-password',
      ok: facts.sudoWithoutPassword === false,
      detail:
        facts.sudoWithoutPassword === null
          ? `cannot tell whether ${user} may use sudo without a password (run this as root with sudo installed)`
          : facts.sudoWithoutPassword
            ? `agent user ${user} may run sudo without a password: it can become airlock or root`
            : `agent user ${user} needs a password for sudo (or has no sudo rights)`,
    },
  ];
}

export function formatChecks(checks: HostCheck[]): string {
  return checks.map((c) => `  ${c.ok ? 'ok     ' : 'PROBLEM'} ${c.detail}`).join('\n');
}

export interface SysctlChange {
  key: string;
  file: string;
  before: string;
  after: string;
}

/** Sets the kernel settings now and in <root>/etc/sysctl.d/60-airlock.conf; returns what changed. */
export function setSysctls(
  root: string,
  read: ProcRead = readProc,
  write: (file: string, value: string) => void = (f, v) => fs.writeFileSync(f, v),
): { changed: SysctlChange[]; errors: string[]; confFile: string } {
  const changed: SysctlChange[] = [];
  const errors: string[] = [];
  const lines: string[] = [];
  for (const s of SYSCTLS) {
    const before = read(s.file);
    if (before === null) continue;
    lines.push(`${s.key} = ${s.want}`);
    const good = s.key === 'kernel.yama.ptrace_scope' ? Number(before) >= 1 : before === s.want;
    if (good) continue;
    try {
      write(s.file, s.want + '\n');
      changed.push({ key: s.key, file: s.file, before, after: s.want });
    } catch (e) {
      errors.push(`cannot set ${s.key}: ${(e as Error).message}`);
    }
  }
  const confFile = path.join(root, 'etc', 'sysctl.d', '60-airlock.conf');
  if (lines.length) {
    fs.mkdirSync(path.dirname(confFile), { recursive: true });
    fs.writeFileSync(confFile, '# airlock hardened mode (airlock system install --set-sysctls)\n' + lines.join('\n') + '\n', { mode: 0o644 });
  }
  return { changed, errors, confFile };
}
