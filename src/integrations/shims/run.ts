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

type Env = Record<string, string | undefined>;

export const MAX_SHIM_STDIN = 16 * 1024 * 1024;
export const BLOCKED_EXIT = 126;

/** Each argument single-quoted, so the line means exactly this argv. */
export function quoteArg(a: string): string {
  return singleQuote(a);
}

/** Short options of psql that take a value (so `-dcustomers` is not `-c`). */
const PSQL_VALUE_OPTS = 'cdfhLoPpRTUv';

function psqlReadsStdin(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a.startsWith('--')) {
      if (/^--(command|list|version|help)(=|$)/.test(a)) return false;
      if (a === '--file=-') return true;
      if (a.startsWith('--file=')) return false;
      if (a === '--file') return args[i + 1] === '-';
      continue;
    }
    if (!a.startsWith('-') || a === '-') continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'l' || c === 'V' || c === '?') return false;
      if (PSQL_VALUE_OPTS.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[i + 1];
        if (c === 'c') return false;
        if (c === 'f') return value === '-';
        if (j + 1 >= a.length) i++;
        break;
      }
    }
  }
  return true;
}

/** Whether `name args` would read its stdin (only then is stdin read and checked). */
export function readsStdin(name: string, args: string[]): boolean {
  const has = (re: RegExp) => args.some((a) => re.test(a));
  switch (name) {
    case 'psql':
    case 'pgcli':
      return psqlReadsStdin(args);
    case 'mysql':
    case 'mariadb':
      return !has(/^(-e.*|--execute(=.*)?|--version|-V|--help|-\?)$/);
    case 'mongosh':
    case 'mongo':
      return !has(/^--(eval|file|version|help)(=|$)|\.js$/) && !has(/^-f$/);
    case 'sqlite3':
      return args.filter((a) => !a.startsWith('-')).length < 2;
    case 'redis-cli':
      return has(/^-x$/) || args.filter((a) => !a.startsWith('-')).length === 0;
    case 'kubectl':
    case 'oc':
      return args.some((a, i) => a === '-f-' || a === '--filename=-' || ((a === '-f' || a === '--filename') && args[i + 1] === '-'));
    case 'curl':
      return args.some((a, i) => a.includes('@-') || ((a === '-T' || a === '--upload-file') && args[i + 1] === '-'));
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
      return !has(/^(--ignore-stdin|-I)$/);
    default:
      return false;
  }
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
