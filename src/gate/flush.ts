// Half-typed input must not carry over to the next request on the approver's screen: what the
// human (or keystrokes pushed into their terminal) typed for one request would otherwise end the
// line of the next one. In cooked mode that input sits in the kernel's terminal queue, which
// only tcflush(TCIFLUSH) discards; Node has no binding for it, so a one-line perl (or python3)
// does it on our stdin. Best effort: without either, the approver still works.
import { spawnSync } from 'child_process';

const TOOLS: [string, string[]][] = [
  ['perl', ['-MPOSIX', '-e', 'POSIX::tcflush(0, POSIX::TCIFLUSH())']],
  ['python3', ['-c', 'import sys, termios; termios.tcflush(0, termios.TCIFLUSH)']],
];
let broken = new Set<string>();

/** Discards input typed but not yet read on fd 0, when fd 0 is a terminal. */
export function flushTypeAhead(input: NodeJS.ReadableStream = process.stdin): void {
  if (!(input as NodeJS.ReadStream).isTTY || input !== process.stdin) return;
  for (const [cmd, args] of TOOLS) {
    if (broken.has(cmd)) continue;
    const r = spawnSync(cmd, args, { stdio: ['inherit', 'ignore', 'ignore'], timeout: 2000 });
    if (r.status === 0) return;
    broken.add(cmd);
  }
}

/** For tests. */
export function resetFlushTools(): void {
  broken = new Set();
}
