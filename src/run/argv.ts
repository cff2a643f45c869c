// bash's invocation syntax, as airlock-the-shell accepts it. Pure: no I/O, so it is cheap and testable.
//
//   airlock [airlock options] [bash options] -c CMD [name [args...]]
//   airlock [airlock options] [bash options] [-s] [args...]        (script on stdin / interactive)
//   airlock [airlock options] [bash options] SCRIPT [args...]
//
// airlock's own options (removed before the real shell sees argv): --env NAME, --shell PATH,
// --ruleset FILE (repeatable). Everything else is kept verbatim, in order, for the real shell.

export interface ShellArgs {
  /** Options for the real shell, verbatim and in order (airlock's own removed, operands excluded). */
  shellOptions: string[];
  /** Operands after the options: for -c [CMD, name, args...]; for a script [FILE, args...]. */
  operands: string[];
  /** -c given: operands[0] is the command string. */
  command: boolean;
  /** -s given. */
  stdin: boolean;
  /** -i given. */
  interactive: boolean;
  /** -l / --login given, or argv0 starts with '-'. */
  login: boolean;
  /** --norc / --noprofile / --rcfile FILE (interactive startup files). */
  norc: boolean;
  noprofile: boolean;
  rcfile: string | null;
  /** airlock's own. */
  env: string | null;
  shell: string | null;
  rulesets: string[];
  /** A usage error (airlock's own options only; bash's errors are left to bash). */
  error: string | null;
}

/** bash long options that take no argument (passed through). */
const LONG_FLAGS = new Set([
  '--login', '--norc', '--noprofile', '--posix', '--noediting', '--restricted', '--verbose', '--debugger',
  '--dump-strings', '--dump-po-strings', '--protected', '--pretty-print', '--help', '--version',
]);
/** bash long options that take the next argument. */
const LONG_WITH_ARG = new Set(['--rcfile', '--init-file']);

export function parseShellArgs(argv: string[], argv0 = ''): ShellArgs {
  const r: ShellArgs = {
    shellOptions: [],
    operands: [],
    command: false,
    stdin: false,
    interactive: false,
    login: basename(argv0).startsWith('-'),
    norc: false,
    noprofile: false,
    rcfile: null,
    env: null,
    shell: null,
    rulesets: [],
    error: null,
  };
  let i = 0;
  const takeOwn = (name: string): string | null => {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    if (eq > 0) return a.slice(eq + 1);
    const v = argv[i + 1];
    if (v === undefined) {
      r.error = `airlock: ${name} needs a value`;
      return null;
    }
    i++;
    return v;
  };
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--env' || a.startsWith('--env=')) {
      r.env = takeOwn('--env');
      continue;
    }
    if (a === '--shell' || a.startsWith('--shell=')) {
      r.shell = takeOwn('--shell');
      continue;
    }
    if (a === '--ruleset' || a.startsWith('--ruleset=')) {
      const v = takeOwn('--ruleset');
      if (v !== null) r.rulesets.push(v);
      continue;
    }
    if (a === '--' || a === '-') {
      // bash: both end option processing; keep it so the real shell agrees.
      r.shellOptions.push(a);
      i++;
      break;
    }
    if (a.startsWith('--')) {
      r.shellOptions.push(a);
      if (a === '--login') r.login = true;
      else if (a === '--norc') r.norc = true;
      else if (a === '--noprofile') r.noprofile = true;
      else if (LONG_WITH_ARG.has(a) && argv[i + 1] !== undefined) {
        r.rcfile = argv[i + 1]!;
        r.shellOptions.push(argv[++i]!);
      } else if (!LONG_FLAGS.has(a)) {
        // Unknown long option: bash reports it; pass it on.
      }
      continue;
    }
    if ((a.startsWith('-') || a.startsWith('+')) && a.length > 1) {
      r.shellOptions.push(a);
      // A cluster like -lc, -ec, -xo pipefail, +O extglob.
      let needsArg = 0;
      for (const ch of a.slice(1)) {
        if (a[0] === '-') {
          if (ch === 'c') r.command = true;
          else if (ch === 's') r.stdin = true;
          else if (ch === 'i') r.interactive = true;
          else if (ch === 'l') r.login = true;
        }
        if (ch === 'o' || ch === 'O') needsArg++;
      }
      for (let k = 0; k < needsArg && i + 1 < argv.length; k++) r.shellOptions.push(argv[++i]!);
      continue;
    }
    break; // first operand
  }
  r.operands = argv.slice(i);
  return r;
}

function basename(p: string): string {
  const s = p.lastIndexOf('/');
  return s >= 0 ? p.slice(s + 1) : p;
}

export type ShellMode =
  | { kind: 'command'; text: string }
  | { kind: 'script'; file: string }
  | { kind: 'stdin' }
  | { kind: 'interactive' }
  | { kind: 'passthrough' }
  | { kind: 'error'; message: string };

/** What the real shell would do with these arguments, given whether stdin/stderr are terminals. */
/** `isTty(fd)` is only asked when the mode depends on it (loading tty costs start-up time). */
export function shellMode(a: ShellArgs, isTty: (fd: number) => boolean): ShellMode {
  if (a.error) return { kind: 'error', message: a.error };
  if (a.shellOptions.some((o) => o === '--help' || o === '--version')) return { kind: 'passthrough' };
  if (a.command) {
    const text = a.operands[0];
    if (text === undefined) return { kind: 'error', message: 'airlock: -c: option requires an argument' };
    return { kind: 'command', text };
  }
  if (!a.stdin && a.operands.length > 0) return { kind: 'script', file: a.operands[0]! };
  if (a.interactive || (isTty(0) && isTty(2))) return { kind: 'interactive' };
  return { kind: 'stdin' };
}
