// Who is listening on approver.sock? Anything running as this user can bind a socket there,
// including the agent itself (`nc -lU`), so before trusting an answer the client checks that
// the listener looks like a human's approver: it has a terminal and no guarded ancestry.
import * as fs from 'fs';
import { guardedReason, hasProcfs, readProc, ttyOfFd } from './procinfo';
import { recordedListeningInodes } from './approver-pid';

const SO_ACCEPTCON = 0x10000;

/** Inodes of listening Unix sockets bound to `sockPath` (from /proc/net/unix). */
function listeningInodes(sockPath: string): string[] {
  const lines = fs.readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1);
  const out: string[] = [];
  for (const line of lines) {
    // Num RefCount Protocol Flags Type St Inode Path
    const cols = line.trim().split(/\s+/);
    if (cols.length < 8) continue;
    const p = cols.slice(7).join(' ');
    if (p === sockPath && (parseInt(cols[3]!, 16) & SO_ACCEPTCON) !== 0) out.push(cols[6]!);
  }
  return out;
}

/** Pids holding one of the socket inodes open. Only processes we may inspect are seen. */
function holders(inodes: string[]): number[] {
  const wanted = new Set(inodes.map((i) => `socket:[${i}]`));
  const pids: number[] = [];
  for (const ent of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(ent)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${ent}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (wanted.has(fs.readlinkSync(`/proc/${ent}/fd/${fd}`))) {
          pids.push(Number(ent));
          break;
        }
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return pids;
}

/**
 * Null when the process listening on `sockPath` passes, else why not. Without procfs
 * (macOS) this cannot be checked and is skipped: the runtime-dir checks still apply.
 */
export function checkApproverPeer(sockPath: string): string | null {
  if (!hasProcfs()) return null;
  let pids: number[];
  try {
    let inodes = listeningInodes(sockPath);
    // Not in our network namespace: look in the recorded approver's (approver-pid.ts).
    if (inodes.length === 0) inodes = recordedListeningInodes(sockPath);
    if (inodes.length === 0) return `no listening socket found for ${sockPath} in /proc/net/unix`;
    pids = holders(inodes).filter((p) => p !== process.pid);
  } catch (e) {
    return `cannot inspect the approver process: ${(e as Error).message}`;
  }
  if (pids.length === 0) return 'the process listening on the approver socket cannot be inspected';
  for (const pid of pids) {
    const info = readProc(pid);
    if (!info || !info.environ) return `cannot read the environment of approver process ${pid}`;
    const why = guardedReason(info.environ, pid);
    if (why) return `approver process ${pid} runs under the guarded agent: ${why}`;
    if (!ttyOfFd(0, pid)) return `approver process ${pid} has no terminal on stdin`;
  }
  return null;
}
