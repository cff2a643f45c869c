// Finding the approver's socket across network namespaces. /proc/net/unix lists only the
// reader's network namespace, so a client inside `unshare -n`, bwrap --unshare-net or a
// container can connect() to approver.sock by path yet not find its listener there. The
// approver records its pid next to the socket; the client then reads /proc/<pid>/net/unix (the
// approver's namespace). The pid only says where to look: peer.ts still checks that this
// process holds the listening socket, has a terminal and is not under the guarded agent.
import * as fs from 'fs';
import * as path from 'path';

const SO_ACCEPTCON = 0x10000;

export function pidFileFor(sockPath: string): string {
  return path.join(path.dirname(sockPath), 'approver.pid');
}

/** Writes this process's pid next to the socket; returns the function that removes it again. */
export function recordApproverPid(sockPath: string): () => void {
  const file = pidFileFor(sockPath);
  const text = `${process.pid}\n`;
  try {
    fs.writeFileSync(file, text, { mode: 0o600 });
  } catch {
    // Without the record only clients in another network namespace are affected (they refuse).
  }
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8') === text) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

/** Listening inodes for `sockPath` in the network namespace of the recorded approver (if any). */
export function recordedListeningInodes(sockPath: string): string[] {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFileFor(sockPath), 'utf8').trim());
  } catch {
    return [];
  }
  if (!Number.isInteger(pid) || pid <= 1) return [];
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/net/unix`, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path
    const cols = line.trim().split(/\s+/);
    if (cols.length < 8) continue;
    if (cols.slice(7).join(' ') === sockPath && (parseInt(cols[3]!, 16) & SO_ACCEPTCON) !== 0) out.push(cols[6]!);
  }
  return out;
}
