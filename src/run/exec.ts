// Run the real shell as if exec'd: stdio inherited, same cwd and environment (plus
// AIRLOCK_GUARDED=1), the same exit status, and death by the same signal.
//
// Signals. A terminal sends SIGINT/SIGQUIT/SIGWINCH/SIGHUP to the whole foreground process
// group, which already includes the child (it stays in our group so job control is unchanged);
// forwarding those again would deliver them twice (a second ^C can abort what the first only
// interrupted). So terminal-class signals are forwarded only when we are NOT the terminal's
// foreground group (they can then only have been sent to our pid). SIGTERM/SIGUSR1/SIGUSR2 never
// come from a terminal and are always forwarded.
import { spawn, type ChildProcess, type StdioOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';

const TERMINAL_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGWINCH'];
const DIRECT_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGUSR1', 'SIGUSR2'];

export interface ExecOptions {
  argv0?: string;
  env: NodeJS.ProcessEnv;
  /** Bytes to write on the child's stdin (stdin mode); otherwise stdin is inherited. */
  input?: Buffer;
}

/** Spawns `file args`, mirrors its end on this process. Resolves with an exit code when it exited. */
export function execLike(file: string, args: string[], opts: ExecOptions): Promise<number> {
  return new Promise((resolve) => {
    const stdio: StdioOptions = [opts.input ? 'pipe' : 'inherit', 'inherit', 'inherit'];
    // Handlers go in before the child exists: on a loaded machine the child can start, print and
    // be signalled before this process runs again, and an unhandled SIGTERM would kill us and
    // orphan it. Signals that arrive first are passed on once the child is there.
    let child: ChildProcess | null = null;
    const early: NodeJS.Signals[] = [];
    const handlers = new Map<NodeJS.Signals, () => void>();
    const forward = (sig: NodeJS.Signals, onlyIfNotForeground: boolean) => () => {
      if (onlyIfNotForeground && inTerminalForeground()) return;
      if (!child) {
        early.push(sig);
        return;
      }
      try {
        child.kill(sig);
      } catch {
        // already gone
      }
    };
    for (const s of TERMINAL_SIGNALS) handlers.set(s, forward(s, true));
    for (const s of DIRECT_SIGNALS) handlers.set(s, forward(s, false));
    for (const [s, h] of handlers) process.on(s, h);
    const cleanup = () => {
      for (const [s, h] of handlers) process.off(s, h);
    };
    child = spawn(file, args, {
      stdio,
      env: { ...opts.env, AIRLOCK_GUARDED: '1' },
      ...(opts.argv0 ? { argv0: opts.argv0 } : {}),
    });
    for (const sig of early.splice(0)) child.kill(sig);

    if (opts.input && child.stdin) {
      child.stdin.on('error', () => {}); // EPIPE: the script stopped reading; bash decides.
      child.stdin.end(opts.input);
    }
    child.on('error', (e: NodeJS.ErrnoException) => {
      cleanup();
      process.stderr.write(`airlock: cannot run ${file}: ${e.message}\n`);
      resolve(e.code === 'ENOENT' ? 127 : 126);
    });
    child.on('exit', (code, signal) => {
      cleanup();
      if (signal) {
        dieBySignal(signal);
        resolve(128 + (os.constants.signals[signal] ?? 0)); // only if the signal did not kill us
        return;
      }
      resolve(code ?? 1);
    });
  });
}

/** Re-raise `signal` on ourselves with the default action so our parent sees the same wait status. */
export function dieBySignal(signal: NodeJS.Signals): void {
  // Node ignores SIGPIPE and may have handlers installed: add then remove a listener so libuv
  // restores the default disposition, then send the signal.
  const noop = () => {};
  try {
    process.removeAllListeners(signal);
    if (signal !== 'SIGKILL' && signal !== 'SIGSTOP') {
      process.on(signal, noop);
      process.off(signal, noop);
    }
    process.kill(process.pid, signal);
  } catch {
    return;
  }
  // Delivery is asynchronous to this thread only in theory; give it a moment, then fall back.
  const until = Date.now() + 200;
  while (Date.now() < until) {
    /* wait for the signal */
  }
}

/** True when our process group is the foreground group of our controlling terminal (Linux /proc). */
export function inTerminalForeground(): boolean {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": state ppid pgrp session tty_nr tpgid
    const pgrp = Number(fields[2]);
    const ttyNr = Number(fields[4]);
    const tpgid = Number(fields[5]);
    return ttyNr !== 0 && tpgid > 0 && tpgid === pgrp;
  } catch {
    // No /proc (macOS): assume a terminal delivered it to the group when stdin is a terminal.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('tty') as typeof import('tty')).isatty(0); // loaded only here: it costs start-up time
  }
}
