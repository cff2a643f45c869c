// Programs whose argument (or stdin) is itself a command line: shells, eval, ssh, container exec,
// package runners, and inline interpreter code that spawns processes.
import type { Command, Word } from '../types';
import { shellQuote } from '../util/shell-quote';
import { PACKAGE_BINS, PACKAGE_RUNNERS } from '../generated/unwrap.generated';

export const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'busybox', 'fish', 'airlock']);

/** What a shell invocation runs: a -c string, a script file, or its stdin. */
export type ShellInput =
  | { kind: 'string'; text: string | null; rest: Word[] }
  | { kind: 'file'; path: string | null; glob?: boolean }
  | { kind: 'stdin' }
  | { kind: 'none' };

const SHELL_OPTS_WITH_VALUE = ['-o', '+o', '-O', '+O', '--rcfile', '--init-file'];

export function shellInput(cmd: Command): ShellInput {
  let args = cmd.argv.slice(1);
  if (cmd.program === 'busybox') {
    if (!['sh', 'ash', 'bash'].includes(args[0]?.value ?? '')) return { kind: 'none' };
    args = args.slice(1);
  }
  let cFlag = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === null) return cFlag ? { kind: 'string', text: null, rest: [] } : { kind: 'file', path: null };
    if (a === '--' || a === '-') {
      if (cFlag) return { kind: 'string', text: args[i + 1]?.value ?? null, rest: args.slice(i + 2) };
      return args[i + 1] ? { kind: 'file', path: args[i + 1]!.value } : { kind: 'stdin' };
    }
    if (SHELL_OPTS_WITH_VALUE.includes(a)) {
      i++;
      continue;
    }
    if (/^-[A-Za-z]+$/.test(a) || /^\+[A-Za-z]+$/.test(a)) {
      // -n (noexec) only parses: nothing runs.
      if (a.startsWith('-') && a.includes('n') && cmd.program !== 'airlock') return { kind: 'none' };
      if (a.startsWith('-') && a.includes('c')) cFlag = true;
      if (a.startsWith('-') && a.includes('s') && !cFlag) return { kind: 'stdin' };
      // Each o / O in a cluster (`-eo pipefail`, `-euxo pipefail`) takes the next word as its option name.
      i += (a.match(/[oO]/g) ?? []).length;
      continue;
    }
    if (a.startsWith('--')) continue; // --login, --norc, --posix ...
    if (cFlag) return { kind: 'string', text: a, rest: args.slice(i + 1) };
    if (cmd.program === 'airlock' && !a.startsWith('-')) return { kind: 'none' }; // airlock's own subcommands
    return { kind: 'file', path: a, glob: Boolean(args[i]!.glob) };
  }
  // `bash -c` without a string is a usage error: bash runs nothing.
  if (cFlag) return { kind: 'none' };
  return { kind: 'stdin' };
}

/** ssh [opts] host [command...]: the remote command, joined with spaces as ssh does. */
const SSH_WITH_VALUE = new Set('BbcDEeFIiJLlmOopQRSWw'.split('').map((c) => '-' + c));

export function sshRemote(cmd: Command): { host: string | null; text: string | null } | null {
  const args = cmd.argv.slice(1);
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === null) return { host: null, text: null };
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    if (SSH_WITH_VALUE.has(a)) i++;
  }
  const host = args[i];
  if (!host) return null;
  const rest = args.slice(i + 1);
  if (!rest.length) return null;
  if (rest.some((w) => w.value === null)) return { host: host.value, text: null };
  return { host: host.value, text: rest.map((w) => w.value).join(' ') };
}

/** docker/podman exec [opts] CONTAINER cmd...; kubectl exec [opts] POD -- cmd... */
const DOCKER_EXEC_WITH_VALUE = ['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys'];

export function containerExec(cmd: Command, style: 'container' | 'kubectl'): { where: string | null; argv: Word[] } | null {
  const args = cmd.argv.slice(1);
  const vals = args.map((w) => w.value);
  if (style === 'kubectl') {
    const dd = vals.indexOf('--');
    if (!vals.includes('exec') || dd < 0) return null;
    const podIdx = vals.findIndex((v, k) => k > vals.indexOf('exec') && v !== null && !v.startsWith('-') && !isOptValue(vals, k));
    return { where: podIdx >= 0 ? vals[podIdx] ?? null : null, argv: args.slice(dd + 1) };
  }
  // container: docker / podman / nerdctl
  let k = 0;
  while (k < vals.length && vals[k]?.startsWith('-')) k++;
  if (vals[k] === 'container') k++;
  if (vals[k] !== 'exec') return null;
  k++;
  for (; k < vals.length; k++) {
    const a = vals[k];
    if (a === undefined) return { where: null, argv: [] };
    // A container named only at run time (`docker exec $(docker ps -q) CMD`): the command is still judged.
    if (a === null || !a.startsWith('-')) break;
    if (DOCKER_EXEC_WITH_VALUE.includes(a)) k++;
  }
  const where = vals[k] ?? null;
  return { where, argv: args.slice(k + 1) };
}

function isOptValue(vals: (string | null)[], k: number): boolean {
  const prev = vals[k - 1];
  return !!prev && /^(-n|--namespace|-c|--container|--context|-f|--filename)$/.test(prev);
}

/** Runners whose every call runs a package's bin (package managers' subcommands are PACKAGE_RUNNERS). */
export const BIN_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);

/** npx / bunx / the package managers' `dlx` / `exec` / `x` (their `nested.packageRunners`): the package's bin with its arguments. */
export function packageRunner(cmd: Command): Word[] | null {
  const args = cmd.argv.slice(1);
  const vals = args.map((w) => w.value);
  let k = 0;
  const subs = cmd.program !== null && Object.hasOwn(PACKAGE_RUNNERS, cmd.program) ? PACKAGE_RUNNERS[cmd.program]! : null;
  if (subs) {
    if (!subs.includes(vals[0] ?? '')) return null;
    k = 1;
  }
  for (; k < vals.length; k++) {
    const a = vals[k];
    if (a === null || a === undefined) return args.slice(k);
    if (a === '--') {
      k++;
      break;
    }
    if (!a.startsWith('-')) break;
    if (a === '-p' || a === '--package' || a === '-c' || a === '--call') k++;
  }
  const inner = args.slice(k);
  if (!inner.length) return null;
  // npx prisma@5 -> prisma; npx @scope/cli -> cli; packages whose bin differs from their name
  // (the families' `nested.packages`).
  const first = inner[0]!;
  if (first.value) {
    let v = first.value.replace(/(.)@[^/]*$/, '$1');
    v = Object.hasOwn(PACKAGE_BINS, v) ? PACKAGE_BINS[v]! : v;
    if (v.startsWith('@') && v.includes('/')) v = v.slice(v.indexOf('/') + 1);
    inner[0] = { raw: first.raw, value: v };
  }
  return inner;
}

export const INTERPRETERS: Record<string, string[]> = {
  python: ['-c'], python2: ['-c'], python3: ['-c'], pypy3: ['-c'], node: ['-e', '--eval', '-p', '--print'], nodejs: ['-e', '--eval', '-p', '--print'],
  deno: ['eval'], bun: ['-e', '--eval'], ruby: ['-e'], perl: ['-e', '-E'], php: ['-r'], lua: ['-e'],
  awk: [], gawk: [], mawk: [], nawk: [], busybox: [],
};

export function interpreterName(program: string): string {
  return program.toLowerCase().replace(/\.exe$/, '').replace(/^(python3|pypy3)\.\d+$/, '$1');
}

/**
 * Inline code of `python -c CODE`, `python -vc CODE`, `python -c'CODE'`, `perl -we CODE`,
 * `node --eval=CODE`, `node -pe CODE`; for awk the program text. undefined: no inline code.
 */
export function inlineCode(cmd: Command): string | null | undefined {
  const name = interpreterName(cmd.program!);
  const args = cmd.argv.slice(1);
  if (/^[gmn]?awk$/.test(name)) return awkProgram(args);
  const flags = INTERPRETERS[name] ?? [];
  const short = flags.filter((f) => /^-[a-zA-Z]$/.test(f)).map((f) => f[1]!);
  for (let k = 0; k < args.length; k++) {
    const v = args[k]!.value;
    if (v === null) return null;
    if (flags.includes(v)) return args[k + 1]?.value ?? null;
    const eq = flags.find((f) => f.startsWith('--') && v.startsWith(f + '='));
    if (eq) return v.slice(eq.length + 1);
    if (/^-[a-zA-Z]+$/.test(v) && short.includes(v[v.length - 1]!)) return args[k + 1]?.value ?? null; // -vc, -we, -pe
    if (short.includes(v[1] ?? '') && v.length > 2 && v.startsWith('-') && !v.startsWith('--')) return v.slice(2); // -c'code'
    if (!v.startsWith('-')) return undefined; // a script file: its own arguments follow
  }
  return undefined;
}

/** awk [-F fs] [-v x=y] [-f file | 'program'] files... */
function awkProgram(args: Word[]): string | null | undefined {
  for (let k = 0; k < args.length; k++) {
    const v = args[k]!.value;
    if (v === null) return null;
    if (v === '--') return args[k + 1]?.value ?? undefined;
    if (v === '-F' || v === '-v' || v === '-f') {
      if (v === '-f') return undefined;
      k++;
      continue;
    }
    if (v.startsWith('-')) continue;
    return v;
  }
  return undefined;
}

/** Commands an awk program runs: system("..."), "cmd" | getline, print | "cmd". */
export function awkSpawns(code: string): { lines: string[]; dynamic: boolean } {
  const lines: string[] = [];
  let dynamic = false;
  const str = (s: string) => s.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{3}|.)/g, (_m, e: string) => (e[0] === 'x' ? String.fromCharCode(parseInt(e.slice(1), 16)) : /^[0-7]{3}$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e === 'n' ? '\n' : e === 't' ? '\t' : e));
  for (const m of code.matchAll(/\bsystem\s*\(\s*("((?:[^"\\]|\\.)*)"\s*\)|[^)]*\))/g)) {
    if (m[2] !== undefined) lines.push(str(m[2]));
    else dynamic = true;
  }
  for (const m of code.matchAll(/"((?:[^"\\]|\\.)*)"\s*\|\s*getline/g)) lines.push(str(m[1]!));
  for (const m of code.matchAll(/\|\s*"((?:[^"\\]|\\.)*)"/g)) lines.push(str(m[1]!));
  // Pipes to or from a command held in a variable: not knowable. String literals are blanked first.
  const bare = code.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\|\|/g, ' ');
  if (/[^"\s]\s*\|\s*getline/.test(bare)) dynamic = true;
  if (/print[f]?\b[^;}]*\|\s*[a-zA-Z_$(]/.test(bare)) dynamic = true;
  return { lines, dynamic };
}

/**
 * Shell commands an inline program would spawn: string arguments of os.system / subprocess /
 * child_process / system / backticks, and list literals ['terraform', 'destroy'].
 */
export function spawnedFromCode(code: string): { lines: string[]; spawns: boolean } {
  const lines: string[] = [];
  // Perl and Ruby call without parentheses too: `system "rm -rf x"`, `exec 'rm', '-rf', $d`.
  const spawns = /\b(os\.system|os\.popen|os\.exec\w*|subprocess|child_process|execSync|spawnSync|exec\(|spawn\(|system\(|popen|Popen|Deno\.Command|Bun\.spawn|IO\.popen|`)|(?:^|[\s;{(!]|&&|\|\|)(?:system|exec)\s+['"\[]/.test(code);
  if (!spawns) return { lines, spawns };
  // An argument list without brackets: system 'rm', '-rf', '/x' -> "rm -rf /x".
  for (const m of code.matchAll(/\b(?:system|exec)\s*\(?\s*((?:'[^']*'|"[^"]*")(?:\s*,\s*(?:'[^']*'|"[^"]*"))+)/g)) {
    lines.push([...m[1]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((x) => shellQuote(x[1] ?? x[2] ?? '')).join(' '));
  }
  const str = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
  // List literals first: ['rm', '-rf', '/x'] -> "rm -rf /x".
  for (const m of code.matchAll(/\[\s*((?:(?:'[^']*'|"[^"]*")\s*,\s*)*(?:'[^']*'|"[^"]*"))\s*,?\s*\]/g)) {
    const items = [...m[1]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((x) => x[1] ?? x[2] ?? '');
    lines.push(items.map(shellQuote).join(' '));
  }
  const rest = code.replace(/\[\s*((?:(?:'[^']*'|"[^"]*")\s*,\s*)*(?:'[^']*'|"[^"]*"))\s*,?\s*\]/g, '[]');
  for (const m of rest.matchAll(str)) {
    const s = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
    if (/\s/.test(s) || /^[a-z][\w.-]*$/.test(s)) lines.push(s);
  }
  return { lines, spawns };
}

