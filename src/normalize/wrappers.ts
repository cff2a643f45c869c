// Programs that run another program given in their argv: strip them and their options,
// keeping the inner argv. Option tables list the options that take a value.
import type { Command, Word } from '../types';

interface WrapperSpec {
  /** Options that consume the next argument (short or long). */
  withValue: string[];
  /** Leading positional arguments before the inner command (timeout's DURATION). */
  positional?: number;
  /** Accept NAME=VALUE assignments before the command (env, sudo). */
  assignments?: boolean;
  /** Options after which there is no inner command (command -v, sudo -l). */
  noExec?: string[];
}

const SPECS: Record<string, WrapperSpec> = {
  sudo: { withValue: ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '-R', '--user', '--group', '--host', '--prompt', '--close-from', '--chdir', '--role', '--type', '--other-user', '--command-timeout', '--chroot'], assignments: true, noExec: ['-l', '--list', '-v', '--validate', '-k', '-K', '-V', '-e', '--edit'] },
  doas: { withValue: ['-u', '-C'], noExec: ['-L'] },
  env: { withValue: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string', '-P'], assignments: true },
  timeout: { withValue: ['-s', '--signal', '-k', '--kill-after'], positional: 1 },
  nice: { withValue: ['-n', '--adjustment'] },
  ionice: { withValue: ['-c', '--class', '-n', '--classdata', '-p', '-P', '-u'] },
  nohup: { withValue: [] },
  time: { withValue: ['-f', '--format', '-o', '--output'] },
  command: { withValue: [], noExec: ['-v', '-V'] },
  builtin: { withValue: [] },
  exec: { withValue: ['-a'] },
  stdbuf: { withValue: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  setsid: { withValue: [] },
  unbuffer: { withValue: [] },
  caffeinate: { withValue: ['-t', '-w'] },
  chronic: { withValue: [] },
  torsocks: { withValue: [] },
  proxychains: { withValue: ['-f'] },
  proxychains4: { withValue: ['-f'] },
  flock: { withValue: ['-w', '--timeout', '-E', '--conflict-exit-code'], positional: 1 },
  'run-one': { withValue: [] },
  'with-contenv': { withValue: [] },
  // GNU parallel's `sem` (parallel --semaphore): runs its command, queued behind a semaphore.
  sem: { withValue: ['-j', '--jobs', '--id', '--semaphorename', '--semaphoretimeout', '--st', '-P'] },
};

export function isSimpleWrapper(program: string): boolean {
  return Object.prototype.hasOwnProperty.call(SPECS, program);
}

/** Inner argv of a simple wrapper, or null when the wrapper runs nothing (sudo -l, command -v). */
export interface Unwrapped {
  argv: Word[];
  /** NAME=VALUE given to env/sudo for the inner command. */
  env: Record<string, string | null>;
  /** Variables removed with env -u / --unset. */
  unsets: string[];
}

export function unwrapSimple(cmd: Command): Unwrapped | null {
  const program = cmd.program!.toLowerCase().replace(/\.exe$/, '');
  const spec = SPECS[program]!;
  const args = cmd.argv.slice(1);
  const env: Record<string, string | null> = {};
  const unsets: string[] = [];
  let i = 0;
  let positional = spec.positional ?? 0;
  for (; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === null) return { argv: args.slice(i), env, unsets }; // unknown option or program: let the caller judge
    if (a === '--') {
      i++;
      break;
    }
    if (spec.noExec?.includes(a)) return null;
    if (a === '-' && program === 'env') continue; // `env -` is `env -i`
    if (a.startsWith('-') && a.length > 1 && positional === (spec.positional ?? 0)) {
      if (program === 'env' && (a === '-S' || a === '--split-string' || a.startsWith('--split-string='))) {
        // env -S 'cmd args': the string is split into words.
        const s = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1]?.value;
        if (s === null || s === undefined) return { argv: [{ raw: '$?', value: null }], env, unsets };
        const words = s.split(/\s+/).filter(Boolean).map((v) => ({ raw: v, value: v }));
        // The split words are env's own arguments again (assignments, options, then the command).
        const again = unwrapSimple({ ...cmd, argv: [cmd.argv[0]!, ...words, ...args.slice(a.includes('=') ? i + 1 : i + 2)] });
        return again ? { argv: again.argv, env: { ...env, ...again.env }, unsets: [...unsets, ...again.unsets] } : null;
      }
      if (program === 'nice' && /^-\d+$/.test(a)) continue;
      if (program === 'env' && (a === '-u' || a === '--unset')) unsets.push(args[i + 1]?.value ?? '?');
      if (program === 'env' && a.startsWith('--unset=')) unsets.push(a.slice(8));
      if (spec.withValue.includes(a)) i++;
      continue;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
      const eq = a.indexOf('=');
      env[a.slice(0, eq)] = a.slice(eq + 1);
      continue;
    }
    if (positional > 0) {
      positional--;
      continue;
    }
    break;
  }
  return { argv: args.slice(i), env, unsets };
}

/** find ... -exec CMD {} ; / -execdir / -ok / -okdir: each CMD up to ; or +. */
export function unwrapFindExec(cmd: Command): Word[][] {
  const out: Word[][] = [];
  const args = cmd.argv;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir') {
      const inner: Word[] = [];
      let j = i + 1;
      for (; j < args.length; j++) {
        const v = args[j]!.value;
        if (v === ';' || v === '+') break;
        inner.push(args[j]!);
      }
      if (inner.length) out.push(inner);
      i = j;
    }
  }
  return out;
}

/** watch [opts] CMD...: the arguments are joined and run by sh -c. */
const WATCH_WITH_VALUE = ['-n', '--interval', '-d', '-q', '--equexit', '-g', '--chgexit'];

export function watchArgv(cmd: Command): Word[] | null {
  const args = cmd.argv.slice(1);
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === null) return null;
    if (a === '--') return args.slice(i + 1);
    if (!a.startsWith('-')) break;
    if (WATCH_WITH_VALUE.includes(a)) i++;
  }
  return args.slice(i);
}

export function watchCommandString(cmd: Command): string | null {
  const args = cmd.argv.slice(1);
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === null) return null;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    if (WATCH_WITH_VALUE.includes(a)) i++;
  }
  const rest = args.slice(i);
  if (rest.some((w) => w.value === null)) return null;
  return rest.map((w) => w.value).join(' ');
}
