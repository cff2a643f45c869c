// Process facts from /proc: ancestry (is this approver running under a guarded agent?) and
// terminals (a request must not come from the approver's own TTY).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** null when unreadable. */
  cmdline: string[] | null;
  environ: Record<string, string> | null;
}

export const hasProcfs = (): boolean => fs.existsSync('/proc/self/stat');

function readOr<T>(f: () => T, dflt: T): T {
  try {
    return f();
  } catch {
    return dflt;
  }
}

function splitNul(buf: Buffer): string[] {
  const parts = buf.toString('utf8').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function readProc(pid: number): ProcInfo | null {
  if (!hasProcfs()) return readPs(pid);
  const stat = readOr(() => fs.readFileSync(`/proc/${pid}/stat`, 'utf8'), null);
  if (!stat) return null;
  // comm may contain spaces and parens: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  const cmdline = readOr(() => splitNul(fs.readFileSync(`/proc/${pid}/cmdline`)), null);
  const environ = readOr(() => {
    const env: Record<string, string> = {};
    for (const kv of splitNul(fs.readFileSync(`/proc/${pid}/environ`))) {
      const eq = kv.indexOf('=');
      if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    return env;
  }, null);
  return { pid, ppid: Number.isFinite(ppid) ? ppid : 0, cmdline, environ };
}

// No procfs (macOS): ps gives ppid and command, not the environment.
function readPs(pid: number): ProcInfo | null {
  const out = readOr(() => execFileSync('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }), '');
  const m = /^\s*(\d+)\s+(.*)$/.exec(out.trim());
  if (!m) return null;
  return { pid, ppid: Number(m[1]), cmdline: m[2]!.split(/\s+/), environ: null };
}

/** Parent chain from `pid`'s parent up to (not including) pid 0. */
export function ancestors(pid: number = process.pid, max = 128): ProcInfo[] {
  const out: ProcInfo[] = [];
  let cur = readProc(pid);
  while (cur && cur.ppid > 0 && out.length < max) {
    const parent = readProc(cur.ppid);
    if (!parent) break;
    out.push(parent);
    cur = parent;
  }
  return out;
}

/** `airlock -c ...`, `airlock hook ...`, `airlock shim ...` (directly or as `node .../airlock`). */
export function cmdlineIsGuarded(argv: string[]): boolean {
  for (let i = 0; i < argv.length - 1; i++) {
    const base = path.basename(argv[i]!).replace(/\.(c?js|mjs)$/, '');
    if (base === 'airlock' && ['-c', 'hook', 'shim'].includes(argv[i + 1]!)) return true;
  }
  return false;
}

/** Why a process with this env and ancestry must not act as the human's approver, or null. */
export function guardedReason(env: Record<string, string | undefined>, pid: number = process.pid): string | null {
  // Presence alone counts: AIRLOCK_GUARDED=0 is no excuse.
  if (env.AIRLOCK_GUARDED !== undefined) return 'AIRLOCK_GUARDED is set in its environment';
  for (const p of ancestors(pid)) {
    if (p.environ && p.environ.AIRLOCK_GUARDED !== undefined) {
      return `ancestor process ${p.pid} (${(p.cmdline ?? []).join(' ').slice(0, 80)}) is guarded by airlock (AIRLOCK_GUARDED)`;
    }
    if (p.cmdline && cmdlineIsGuarded(p.cmdline)) {
      return `ancestor process ${p.pid} is an airlock guarded shell/hook/shim (${p.cmdline.join(' ').slice(0, 80)})`;
    }
  }
  return null;
}

const TTY_RE = /^\/dev\/(pts\/\d+|tty[A-Za-z0-9]*|console)$/;

/** The terminal device open on fd `fd` of `pid`, or null. */
export function ttyOfFd(fd: number, pid: number | 'self' = 'self'): string | null {
  const link = readOr(() => fs.readlinkSync(`/proc/${pid}/fd/${fd}`), null);
  return link && TTY_RE.test(link) ? link : null;
}

/** Controlling terminal from /proc/<pid>/stat tty_nr, when it is a pseudo-terminal. */
export function controllingTty(pid: number | 'self' = 'self'): string | null {
  const stat = readOr(() => fs.readFileSync(`/proc/${pid}/stat`, 'utf8'), '');
  const nr = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[4]);
  if (!Number.isInteger(nr) || nr <= 0) return null;
  const major = (nr >> 8) & 0xfff;
  const minor = (nr & 0xff) | ((nr >> 12) & 0xfff00);
  // Unix98 pty slaves use majors 136-143.
  return major >= 136 && major <= 143 ? `/dev/pts/${(major - 136) * 256 + minor}` : null;
}

/** This process's terminal: stdin, stdout, stderr or the controlling one; else null. */
export function currentTty(): string | null {
  if (hasProcfs()) return ttyOfFd(0) ?? ttyOfFd(1) ?? ttyOfFd(2) ?? controllingTty();
  const out = readOr(() => execFileSync('tty', { encoding: 'utf8', stdio: ['inherit', 'pipe', 'ignore'] }).trim(), '');
  return out.startsWith('/dev/') ? out : null;
}
