// What earlier commands of a line change for later ones, shared by the shell walker (walk.ts) and
// the plain-line splitter (trivial.ts, which must not load the grammar): the directory `cd` moves
// to (Command.dirs / cdTo) and whether anything may have written files (Command.afterWrites).
import type { Command } from '../types';
import type { Scope } from './scope';

/**
 * `cd X`: later commands run in X, or, where the cd may have failed (`cd X; rm …`), still where
 * they were; both are kept. `cd X && …` narrows to X alone (visitAndChain).
 */
export function noteCdIn(cmd: Command, scope: Scope): void {
  const args = cmd.argv.slice(1).filter((w) => !(w.value !== null && /^-[LPe@]+$/.test(w.value)));
  const a = args[0];
  const join = (base: string | null, v: string): string | null => {
    if (v.startsWith('/') || v.startsWith('~')) return v;
    if (base === null) return null;
    if (base === '') return v;
    return base.replace(/\/+$/, '') + '/' + v;
  };
  let next: (string | null)[];
  if (cmd.program === 'popd' || (a && a.value === '-')) next = [null];
  else if (!a) {
    const home = scope.get('HOME');
    next = [home && home.startsWith('/') ? home : null];
  } else if (a.value === null || a.glob) next = [null];
  else next = scope.dirs.map((d) => join(d, a.value!));
  cmd.cdTo = next.length === 1 ? next[0]! : null;
  for (const n of next) if (!scope.dirs.includes(n)) scope.dirs.push(n);
}

/** Programs that create or move no file (a directory mkdir makes is empty). */
const CREATES_NOTHING = new Set(['cd', 'pushd', 'popd', 'true', 'false', ':', 'pwd', 'test', '[', 'echo', 'printf', 'ls', 'which', 'type', 'rm', 'rmdir', 'unlink', 'mkdir', 'cat', 'grep', 'head', 'tail', 'wc', 'stat', 'du', 'df', 'file', 'sleep', 'date', 'whoami', 'id', 'uname', 'env', 'printenv']);

/** Marks whether anything before this command in the parse could have written files. */
export function noteWrites(cmd: Command, ctx: { wrote: boolean }): void {
  cmd.afterWrites = ctx.wrote;
  const writes = cmd.redirects.some((r) => (r.op.startsWith('>') || r.op.startsWith('&>')) && r.op !== '>&' && r.target?.value !== '/dev/null');
  // `env X=1 cmd`: the program is cmd, whatever it does: unknown.
  if (writes || cmd.program === null || !CREATES_NOTHING.has(cmd.program) || (cmd.program === 'env' && cmd.argv.length > 1)) ctx.wrote = true;
}
