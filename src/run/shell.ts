// airlock as the agent's shell: `airlock -c CMD [name args...]` and every other bash invocation
// form (see argv.ts). The whole text that would run is checked first; allowed => the real shell
// runs with exactly the same arguments, stdio, cwd and environment (plus AIRLOCK_GUARDED=1) and
// its exit status (or death by signal) is mirrored. Blocked => exit 126, the reason on stderr,
// nothing of the text run.
//
// Exit codes of airlock itself: 126 blocked (also: a script/stdin larger than 1 MiB);
// 2 usage error in airlock's own options; otherwise the real shell's status.
// This path is lean on purpose (no commander, no chalk): `airlock -c true` startup matters.
import * as fs from 'fs';
import * as path from 'path';
import { parseShellArgs, shellMode, type ShellArgs } from './argv';
import { readFdBounded } from '../util/read-bounded';
import { childBase, ownArgv0, selfReference } from './shell-child';
import { sha256Hex } from '../util/sha256';
import { changedReads, type FileRead } from './reads';

export const BLOCKED_EXIT = 126;
/** Scripts and stdin larger than this are not run (airlock would have to analyse them first). */
export const MAX_SCRIPT_BYTES = 1024 * 1024;

export async function runShell(argv: string[]): Promise<number> {
  const argv0 = ownArgv0();
  const a = parseShellArgs(argv, argv0);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mode = shellMode(a, (fd) => (require('tty') as typeof import('tty')).isatty(fd));
  // Hardened mode: --shell and $AIRLOCK_SHELL are ignored; the real shell is /bin/bash.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const isHardened = (require('../util/system-mode') as typeof import('../util/system-mode')).hardened() !== null;
  const realShell = isHardened ? '/bin/bash' : (a.shell ?? process.env.AIRLOCK_SHELL ?? '/bin/bash');
  if (mode.kind === 'error') {
    process.stderr.write(`${mode.message}\n`);
    return 2;
  }
  // Under a guard, the real shell is the one the human chose: `airlock --shell ./x -c TEXT` or
  // AIRLOCK_SHELL=./x from a guarded command would check TEXT and then run a program the agent wrote.
  // The outer airlock records the real shell it ran (AIRLOCK_GUARDED_SHELL); a nested one must agree.
  const outerShell = process.env.AIRLOCK_GUARDED_SHELL;
  if (process.env.AIRLOCK_GUARDED && (a.shell !== undefined || (outerShell !== undefined && outerShell !== realShell))) {
    process.stderr.write('airlock: blocked (denied): a nested airlock may not choose another real shell (--shell / AIRLOCK_SHELL); nothing was run. Run the command without --shell.\n');
    return BLOCKED_EXIT;
  }
  const loop = selfReference(realShell);
  if (loop) {
    process.stderr.write(`airlock: the real shell (${realShell}) is airlock itself; set AIRLOCK_SHELL or --shell to bash or zsh\n`);
    return BLOCKED_EXIT;
  }
  const childArgs = [...a.shellOptions, ...a.operands];
  const base = childBase(a, argv0, realShell);
  const { execLike } = await import('./exec');

  switch (mode.kind) {
    case 'passthrough':
      return execLike(realShell, childArgs, base);
    case 'command': {
      const reads = await allowed(mode.text, a, 'airlock -c', realShell);
      if (!reads) return BLOCKED_EXIT;
      if (!unchanged(reads)) return BLOCKED_EXIT;
      return execLike(realShell, childArgs, base);
    }
    case 'script': {
      let text: Buffer | null = null;
      try {
        text = readBounded(fs.openSync(mode.file, 'r'));
      } catch {
        // Unreadable or missing: the real shell reports it and runs nothing.
        return execLike(realShell, childArgs, base);
      }
      if (text === null) return tooLarge(`script ${mode.file}`);
      const reads = await allowed(text.toString('utf8'), a, 'airlock script', realShell);
      if (!reads) return BLOCKED_EXIT;
      // The script itself was read by airlock, not by the check: verify it too.
      if (!unchanged([...reads, { path: path.resolve(mode.file), sha256: sha256Hex(text.toString('utf8')) }])) return BLOCKED_EXIT;
      return execLike(realShell, childArgs, base);
    }
    case 'stdin': {
      let text: Buffer | null;
      try {
        text = readBounded(0);
      } catch (e) {
        process.stderr.write(`airlock: cannot read the script on stdin: ${(e as Error).message}\n`);
        return BLOCKED_EXIT;
      }
      if (text === null) return tooLarge('the script on stdin');
      const reads = await allowed(text.toString('utf8'), a, 'airlock stdin', realShell);
      if (!reads || !unchanged(reads)) return BLOCKED_EXIT;
      return execLike(realShell, childArgs, { ...base, input: text });
    }
    case 'interactive': {
      // An interactive shell whose stdin is not a terminal reads its lines from that stdin with no
      // line editor, so the pre-exec hook never sees them: check all of it first, like `-s`.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (!(require('tty') as typeof import('tty')).isatty(0)) {
        let text: Buffer | null;
        try {
          text = readBounded(0);
        } catch (e) {
          process.stderr.write(`airlock: cannot read the input on stdin: ${(e as Error).message}\n`);
          return BLOCKED_EXIT;
        }
        if (text === null) return tooLarge('the input on stdin');
        const reads = await allowed(text.toString('utf8'), a, 'airlock -i stdin', realShell);
        if (!reads || !unchanged(reads)) return BLOCKED_EXIT;
        return execLike(realShell, childArgs, { ...base, input: text });
      }
      const { interactiveLaunch } = await import('./shell-hooks/interactive');
      const launch = interactiveLaunch(realShell, a, hookEnv(a));
      return execLike(launch.file, launch.args, { env: launch.env });
    }
  }
}

function hookEnv(a: ShellArgs): Record<string, string> {
  const e: Record<string, string> = {};
  if (a.env) e.AIRLOCK_ENV = a.env;
  if (a.rulesets.length) e.AIRLOCK_RULESETS = [...a.rulesets.map((r) => path.resolve(r)), ...(process.env.AIRLOCK_RULESETS ? [process.env.AIRLOCK_RULESETS] : [])].join(':');
  return e;
}

/** What the check read must still be there, byte for byte, when the real shell starts (attack: swap after approval). */
function unchanged(reads: FileRead[]): boolean {
  const changed = changedReads(reads);
  if (changed.length === 0) return true;
  process.stderr.write(
    `airlock: blocked (denied); nothing was run: ${changed.join(', ')} changed after airlock checked ${changed.length > 1 ? 'them' : 'it'}, so what would run is not what was checked. Do not change files while a command waits; run it again.\n`,
  );
  return false;
}

/** Resolves to the files the check read when allowed, false when blocked. */
async function allowed(text: string, a: ShellArgs, requester: string, shell: string): Promise<FileRead[] | false> {
  const { guard } = await import('./guard');
  const sessionEnvironment = a.env ?? process.env.AIRLOCK_ENV;
  const verdict = await guard(text, {
    requester,
    shell,
    deferAllowAudit: true,
    approval: 'separate',
    cwd: process.cwd(),
    env: process.env,
    // A shell or interpreter with no program reads this process's stdin: fine on a terminal only.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    stdinTerminal: requester === 'airlock -c' ? (require('tty') as typeof import('tty')).isatty(0) : false,
    ...(sessionEnvironment ? { sessionEnvironment } : {}),
    ...(a.rulesets.length ? { rulesets: a.rulesets.map((r) => path.resolve(r)) } : {}),
  });
  if (!verdict.allowed) process.stderr.write(`${verdict.message}\n`);
  return verdict.allowed ? (verdict.result?.reads ?? []) : false;
}

function tooLarge(what: string): number {
  process.stderr.write(
    `airlock: blocked: ${what} is larger than ${MAX_SCRIPT_BYTES / 1024} KiB, more than airlock analyses; nothing was run. Split it up or ask your human to run it.\n`,
  );
  return BLOCKED_EXIT;
}

/** Reads all of fd (then closes it unless it is stdin); null when it exceeds MAX_SCRIPT_BYTES. */
function readBounded(fd: number): Buffer | null {
  try {
    return readFdBounded(fd, MAX_SCRIPT_BYTES);
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
}
