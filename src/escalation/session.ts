// Which agent session a request comes from. A harness hook passes its own session id; otherwise
// the agent process is found up the parent chain (the first ancestor that is not a shell or
// airlock itself), named by pid and start time so a reused pid is a different session.
import * as fs from 'fs';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'env', 'airlock', 'timeout', 'sudo', 'nice', 'nohup', 'script']);

interface Proc {
  comm: string;
  ppid: number;
  start: string;
}

export function readProc(pid: number): Proc | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const rest = stat.slice(close + 2).split(' ');
    return { comm, ppid: Number(rest[1]), start: rest[19] ?? '0' };
  } catch {
    return null;
  }
}

/** `proc:<pid>:<starttime>` of the agent process above `pid`'s parent, or `ppid:<n>` where /proc is missing. */
export function processSession(pid = process.pid, read: (pid: number) => Proc | null = readProc): string {
  let cur = read(pid);
  if (!cur) return `ppid:${process.ppid}`;
  let p = cur.ppid;
  for (let depth = 0; depth < 16 && p > 1; depth++) {
    const info = read(p);
    if (!info) break;
    // node running airlock's own bundle is airlock; any other program is the agent.
    if (!SHELLS.has(info.comm)) return `proc:${p}:${info.start}`;
    cur = info;
    p = info.ppid;
  }
  return `proc:${cur.ppid}`;
}

/** A harness session id (hook payloads carry one), or the process chain's. */
export function sessionId(harnessSession?: string | null): string {
  if (harnessSession && /^[\w.:-]{1,128}$/.test(harnessSession)) return `harness:${harnessSession}`;
  return processSession();
}
