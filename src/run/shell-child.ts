// How the replacement shell starts the real one (shared with the fast path, src/fast/shell.ts).
import * as fs from 'fs';
import * as path from 'path';
import type { ShellArgs } from './argv';

/** argv0 as if the real shell had been run by name ($0 and error prefixes read "bash"); a login
 * shell named by argv0 ("-airlock") gives the real shell a "-" argv0 too. */
export function childBase(a: ShellArgs, argv0: string, realShell: string): { env: NodeJS.ProcessEnv; argv0: string } {
  // argv0 as if the real shell had been run by name ($0 and error prefixes read "bash"); a login
  // shell named by argv0 ("-airlock") gives the real shell a "-" argv0 too. Its children know
  // they run under a guarded shell (AIRLOCK_GUARDED_SHELL), so a nested airlock refuses another.
  return { env: { ...process.env, AIRLOCK_GUARDED_SHELL: realShell }, argv0: `${a.login && argv0.startsWith('-') ? '-' : ''}${path.basename(realShell)}` };
}

/** How airlock was named: a login shell's "-airlock", else the launcher's file name. */
export function ownArgv0(): string {
  return process.argv0.startsWith('-') ? process.argv0 : path.basename(process.argv[1] ?? '');
}

export function selfReference(shell: string): boolean {
  try {
    const real = fs.realpathSync(shell);
    const self = process.argv[1] ? fs.realpathSync(process.argv[1]) : '';
    return real === self || real.endsWith('/dist/airlock.cjs') || path.basename(real) === 'airlock';
  } catch {
    return false;
  }
}
