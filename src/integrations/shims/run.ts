// `airlock shim <name> -- args...`: the internal entry of a shim script (see shims.ts). Checks
// `name args` (plus the stdin it would read, as a heredoc) with guard(); when allowed writes to
// fd 3 the shell text the shim evals to exec the real program. Blocked: message on stderr, 126.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { shq } from '../install/self';
import { extraRulesets } from '../harness/hook';
import { defaultShimDir, findReal } from './shims';
import { readFdBounded } from '../../util/read-bounded';
import { singleQuote } from '../../util/shell-quote';
import { STDIN } from '../../analyzers/providers.generated';

type Env = Record<string, string | undefined>;

export const MAX_SHIM_STDIN = 16 * 1024 * 1024;
export const BLOCKED_EXIT = 126;

/** Each argument single-quoted, so the line means exactly this argv. */
export function quoteArg(a: string): string {
  return singleQuote(a);
}

/**
 * Whether `name args` would read its stdin (only then is stdin read and checked): the family that
 * declares the program's `stdin` says (its stdin.ts, loaded on first use).
 */
export function readsStdin(name: string, args: string[]): boolean {
  return Object.hasOwn(STDIN, name) ? STDIN[name]!()(name, args) : false;
}

function heredoc(text: string): string {
  let delim = 'AIRLOCK_EOF';
  const lines = new Set(text.split('\n'));
  for (let n = 1; lines.has(delim); n++) delim = `AIRLOCK_EOF_${n}`;
  return ` <<'${delim}'\n${text}${text.endsWith('\n') ? '' : '\n'}${delim}`;
}

function stdinIsTty(): boolean {
  try {
    return require('tty').isatty(0) as boolean; // eslint-disable-line @typescript-eslint/no-require-imports
  } catch {
    return false;
  }
}

function stdinOpen(): boolean {
  try {
    fs.fstatSync(0);
    return true;
  } catch {
    return false;
  }
}

export async function runShim(name: string, args: string[], env: Env = process.env): Promise<number> {
  const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');
  let isPipe = false;
  try {
    isPipe = fs.fstatSync(3).isFIFO();
  } catch {
    isPipe = false;
  }
  if (!isPipe) {
    err('airlock shim: this is the internal entry of the airlock shim scripts (fd 3 must be the shim pipe). Use `airlock shims install`.');
    return 2;
  }
  const realProgram = findReal(name, env);
  if (!realProgram) {
    err(`airlock: ${name}: command not found (no ${name} on PATH after the airlock shim directory)`);
    return 127;
  }
  let line = [name, ...args].map(quoteArg).join(' ');
  let stdinFile: string | null = null;
  if (readsStdin(name, args) && stdinOpen() && !stdinIsTty()) {
    const data = readFdBounded(0, MAX_SHIM_STDIN) ?? 'too-large';
    if (data === 'too-large') {
      err(`airlock: blocked: ${name} was given more than ${MAX_SHIM_STDIN / 1024 / 1024} MiB on stdin, more than airlock checks. Nothing was run. Write it to a file and ask your human to review it.`);
      return BLOCKED_EXIT;
    }
    if (data.length > 0) {
      line += heredoc(data.toString('utf8'));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-stdin-'));
      stdinFile = path.join(dir, 'stdin');
      fs.writeFileSync(stdinFile, data, { mode: 0o600 });
    }
  }
  const cleanup = () => {
    if (stdinFile) fs.rmSync(path.dirname(stdinFile), { recursive: true, force: true });
  };
  let verdict;
  try {
    const { guard } = await import('../../run/guard');
    verdict = await guard(line, { requester: `shim:${name}`, approval: 'separate', cwd: process.cwd(), env, rulesets: extraRulesets(env) });
  } catch (e) {
    cleanup();
    err(`airlock: blocked: internal error while checking ${name} (${(e as Error).message}). Nothing was run.`);
    return BLOCKED_EXIT;
  }
  if (!verdict.allowed) {
    cleanup();
    err(verdict.message || `airlock: blocked: ${name}`);
    return BLOCKED_EXIT;
  }
  const sh: string[] = ['AIRLOCK_GUARDED=1', 'AIRLOCK_SHIM_PID=$$', 'export AIRLOCK_GUARDED AIRLOCK_SHIM_PID'];
  // The temp copy of stdin is opened, then unlinked, by absolute path: a bare `rm` would be the rm shim.
  if (stdinFile) sh.push(`exec 0<${shq(stdinFile)}`, `${fs.existsSync('/bin/rm') ? '/bin/rm' : '/usr/bin/rm'} -rf ${shq(path.dirname(stdinFile))}`);
  sh.push(`exec ${shq(realProgram)} "$@"`);
  try {
    fs.writeSync(3, sh.join('\n') + '\n');
  } catch (e) {
    cleanup();
    err(`airlock shim: cannot answer the shim script (${(e as Error).message}). Nothing was run.`);
    return 2;
  }
  return 0;
}

export { defaultShimDir };
