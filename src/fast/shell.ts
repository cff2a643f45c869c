// `airlock -c LINE` without the engine: when the fast path allows LINE (decide.ts), the real shell
// runs exactly as src/run/shell.ts runs it, and the allow is audited while it runs. Any other
// invocation form, or a line the fast path cannot prove harmless: null (run the full path).
import { parseShellArgs, shellMode } from '../run/argv';
import { childBase, ownArgv0, selfReference } from '../run/shell-child';
import { auditDecision } from '../audit/log';
import { fastAllow } from './decide';

/** The real shell's exit code, or null: run the full path (nothing was started). */
export async function fastShell(argv: string[]): Promise<number | null> {
  const argv0 = ownArgv0();
  const a = parseShellArgs(argv, argv0);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mode = shellMode(a, (fd) => (require('tty') as typeof import('tty')).isatty(fd));
  if (mode.kind !== 'command') return null;
  const env = process.env;
  const realShell = a.shell ?? env.AIRLOCK_SHELL ?? '/bin/bash';
  if (a.rulesets.length || env.AIRLOCK_RULESETS || selfReference(realShell)) return null;
  const sessionEnvironment = a.env ?? env.AIRLOCK_ENV;
  // As src/run/shell.ts checks `airlock -c`: is the command's stdin a terminal someone types into?
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stdinTerminal = (require('tty') as typeof import('tty')).isatty(0);
  const ok = await fastAllow(mode.text, { cwd: process.cwd(), env, stdinTerminal, ...(sessionEnvironment ? { sessionEnvironment } : {}) });
  if (!ok) return null;
  // Loaded here, not at the top: the hook path never spawns (child_process costs ~5 ms to load).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execLike } = require('../run/exec') as typeof import('../run/exec');
  const done = execLike(realShell, [...a.shellOptions, ...a.operands], childBase(a, argv0, realShell));
  // As guard() with deferAllowAudit: the record is written while the command runs.
  setImmediate(() => auditDecision(mode.text, { decision: 'allow', findings: [], commands: ok.commands, facts: ok.facts, errors: [], elapsedMs: ok.elapsedMs }, 'airlock -c'));
  return done;
}
