// Programs that run another command line: secret injectors (doppler run, op run, aws-vault exec),
// environment runners (poetry/uv/pipenv run, bundle exec, direnv exec, mise exec), tracers and
// sandboxes (strace, firejail, unshare, chroot...), and user switchers whose command is a string
// (su -c, runuser -c, script -c, nix-shell --run). Agents holding credentials reach for these, so
// what they run is judged like any other command.
import type { Command, Word } from '../types';
import { FAMILY_INERT } from '../generated/unwrap.generated';

export type RunnerResult = { kind: 'words'; argv: Word[]; via: string } | { kind: 'string'; text: string | null; via: string } | null;

interface SubRunner {
  /** Subcommands that run a command (`doppler run`). */
  sub: string[];
  /** Options that take a value. */
  withValue?: string[];
  /** Positional arguments before the command (`aws-vault exec PROFILE`, `direnv exec DIR`). */
  positional?: number;
  /** Options whose value is the command line as one string (`doppler run --command "..."`). */
  stringOption?: string[];
  /** The command is a single string argument (`sops exec-env FILE 'cmd'`). */
  stringArg?: boolean;
  /** The command comes only after `--` (`chamber exec svc1 svc2 -- cmd`). */
  dashdashOnly?: boolean;
}

const RUN_OPTS = ['-p', '--project', '--python', '--with', '--directory', '--env-file', '--extra', '--group', '--package', '--index', '-i', '--only-group', '-C', '--cwd', '--config'];

const SUB_RUNNERS: Record<string, SubRunner> = {
  doppler: { sub: ['run'], withValue: ['-p', '--project', '-c', '--config', '--token', '--scope', '--mount', '--mount-format', '--mount-template', '--mount-max-reads', '--fallback', '--name-transformer'], stringOption: ['--command'] },
  op: { sub: ['run'], withValue: ['--env-file', '--account', '--cache'] },
  'aws-vault': { sub: ['exec'], positional: 1, withValue: ['-d', '--duration', '-t', '--mfa-token', '-r', '--region', '--prompt', '--backend'] },
  infisical: { sub: ['run'], withValue: ['--env', '--path', '--projectId', '--token', '--domain', '--tags'], stringOption: ['--command'] },
  chamber: { sub: ['exec'], dashdashOnly: true },
  teller: { sub: ['run'], withValue: ['-c', '--config'] },
  dotenvx: { sub: ['run'], withValue: ['-f', '--env-file', '-e', '--env', '--convention'] },
  poetry: { sub: ['run'], withValue: RUN_OPTS },
  pipenv: { sub: ['run'], withValue: RUN_OPTS },
  pdm: { sub: ['run'], withValue: RUN_OPTS },
  hatch: { sub: ['run'], withValue: RUN_OPTS },
  rye: { sub: ['run'], withValue: RUN_OPTS },
  uv: { sub: ['run'], withValue: RUN_OPTS },
  pixi: { sub: ['run'], withValue: ['-e', '--environment', '--manifest-path'] },
  devbox: { sub: ['run'], withValue: ['-c', '--config'] },
  bundle: { sub: ['exec'], withValue: ['--gemfile'] },
  conda: { sub: ['run'], withValue: ['-n', '--name', '-p', '--prefix', '--cwd'] },
  mamba: { sub: ['run'], withValue: ['-n', '--name', '-p', '--prefix', '--cwd'] },
  micromamba: { sub: ['run'], withValue: ['-n', '--name', '-p', '--prefix', '--cwd'] },
  direnv: { sub: ['exec'], positional: 1 },
  mise: { sub: ['exec', 'x'], withValue: ['-C', '--cd', '-j', '--jobs'], stringOption: ['-c', '--command'] },
  rtx: { sub: ['exec', 'x'], stringOption: ['-c', '--command'] },
  asdf: { sub: ['exec'] },
  sops: { sub: ['exec-env', 'exec-file'], positional: 1, stringArg: true, withValue: ['--user', '--filename'] },
};

/** Option-then-command wrappers (like sudo): options that take a value, positionals before the command. */
const PLAIN: Record<string, { withValue?: string[]; positional?: number; assignments?: boolean; stringOption?: string[] }> = {
  strace: { withValue: ['-o', '-e', '-p', '-s', '-u', '-E', '-a', '-b', '-I', '-O', '-P', '-S', '-X'] },
  ltrace: { withValue: ['-o', '-e', '-p', '-s', '-u', '-n', '-a', '-A', '-D', '-E', '-F', '-l', '-L', '-x'] },
  valgrind: {},
  firejail: {},
  'xvfb-run': { withValue: ['-n', '--server-num', '-e', '--error-file', '-f', '--auth-file', '-p', '--xauth-protocol', '-s', '--server-args', '-w', '--wait'] },
  'systemd-run': { withValue: ['-u', '--unit', '-p', '--property', '-E', '--setenv', '-M', '--machine', '-H', '--host', '--slice', '--description', '--uid', '--gid', '--nice', '--working-directory', '--on-active', '--on-calendar'] },
  unshare: { withValue: ['--map-user', '--map-group', '-S', '--setuid', '-G', '--setgid', '-R', '--root', '-w', '--wd', '--propagation', '--setgroups', '--kill-child'] },
  nsenter: { withValue: ['-t', '--target', '-S', '--setuid', '-G', '--setgid', '-r', '--root', '-w', '--wd'] },
  setpriv: {},
  taskset: { positional: 1 },
  numactl: { withValue: ['-C', '-N', '-m', '-i', '-p', '--cpunodebind', '--membind', '--interleave', '--preferred', '--physcpubind'] },
  chrt: { positional: 1 },
  prlimit: {},
  faketime: { positional: 1, withValue: ['-m', '-f'] },
  chroot: { positional: 1, withValue: ['--userspec', '--groups'] },
  eatmydata: {},
  fakeroot: {},
  nocache: {},
  catchsegv: {},
  'dbus-run-session': {},
  dotenv: { withValue: ['-e', '-c', '-v'] },
  'env-cmd': { withValue: ['-f', '--file', '-e', '--environments', '-r', '--rc-file'] },
  'cross-env': { assignments: true },
  envchain: { positional: 1 },
  runuser: { withValue: ['-u', '--user', '-g', '--group', '-G', '--supp-group', '-s', '--shell', '-w', '--whitelist-environment', '-l', '--login'], stringOption: ['-c', '--command'] },
  su: { positional: 1, withValue: ['-g', '--group', '-G', '--supp-group', '-s', '--shell', '-w', '--whitelist-environment'], stringOption: ['-c', '--command'] },
  sg: { positional: 1, stringOption: ['-c'] },
  script: { withValue: ['-t', '--timing', '-T', '--log-timing', '-I', '--log-in', '-O', '--log-out', '-B', '--log-io', '-m', '--logging-format', '-E', '--echo'], stringOption: ['-c', '--command'] },
  'nix-shell': { withValue: ['-p', '--packages', '-I', '-A', '--attr', '--arg', '--argstr'], stringOption: ['--run', '--command'] },
};

export function isRunner(program: string): boolean {
  return Object.prototype.hasOwnProperty.call(SUB_RUNNERS, program) || Object.prototype.hasOwnProperty.call(PLAIN, program);
}

export function unwrapRunner(cmd: Command, program: string): RunnerResult {
  const args = cmd.argv.slice(1);
  const sub = SUB_RUNNERS[program];
  if (sub) {
    const verb = args.findIndex((w) => w.value === null || !w.value.startsWith('-'));
    if (verb < 0 || args[verb]!.value === null) return verb < 0 ? null : { kind: 'words', argv: [{ raw: '$?', value: null }], via: `${program} ?` };
    if (!sub.sub.includes(args[verb]!.value!)) return null;
    if (sub.dashdashOnly) {
      const dd = args.findIndex((w, k) => k > verb && w.value === '--');
      return dd < 0 ? null : commandAt(args.slice(dd + 1), `${program} ${args[verb]!.value}`, false);
    }
    return afterOptions(args.slice(verb + 1), `${program} ${args[verb]!.value}`, sub.withValue ?? [], sub.positional ?? 0, sub.stringOption ?? [], sub.stringArg ?? false, false);
  }
  const plain = PLAIN[program];
  if (!plain) return null;
  return afterOptions(args, program, plain.withValue ?? [], plain.positional ?? 0, plain.stringOption ?? [], false, plain.assignments ?? false);
}

function afterOptions(args: Word[], via: string, withValue: string[], positional: number, stringOption: string[], stringArg: boolean, assignments: boolean): RunnerResult {
  let left = positional;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === null) return left > 0 ? { kind: 'words', argv: [{ raw: '$?', value: null }], via } : commandAt(args.slice(i), via, stringArg);
    if (a === '--') return commandAt(args.slice(i + 1), via, stringArg);
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (stringOption.includes(name)) {
      const text = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[i + 1]?.value ?? null;
      return { kind: 'string', text, via: `${via} ${name}` };
    }
    // -qc 'cmd' (script), -lc 'cmd' (su): a short cluster ending in a string option letter.
    const cluster = /^-[A-Za-z]+$/.test(a) ? stringOption.find((o) => /^-[A-Za-z]$/.test(o) && a.endsWith(o[1]!)) : undefined;
    if (cluster) return { kind: 'string', text: args[i + 1]?.value ?? null, via: `${via} ${cluster}` };
    if (a.startsWith('-')) {
      // (`-` alone is su's "login shell", an option too.)
      if (withValue.includes(name) && !(eq > 0 && a.startsWith('--'))) i++;
      continue;
    }
    if (assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) continue;
    if (left > 0) {
      left--;
      continue;
    }
    return commandAt(args.slice(i), via, stringArg);
  }
  return null;
}

function commandAt(rest: Word[], via: string, stringArg: boolean): RunnerResult {
  if (!rest.length) return null;
  if (stringArg) return { kind: 'string', text: rest[0]!.value, via };
  return { kind: 'words', argv: rest, via };
}

/**
 * Programs that never run their operands: for them `--` only ends the options (`grep -- -x`,
 * `git checkout -- file`). These are the ones no family wakes for; the families' own are their
 * `nested.inert` declarations (FAMILY_INERT). Any other program followed by `-- <command>` is treated as a runner
 * we do not know by name (a secret injector, a sandbox): the command after `--` is judged too.
 */
const INERT = new Set([
  'echo', 'printf', 'man', 'info', 'help', 'which', 'type', 'whereis', 'whatis', 'apropos', 'uniq', 'wc', 'tr', 'ls',
  'file', 'stat', 'test', '[', 'true', 'false', 'mkdir', 'rmdir', 'touch', 'ln', 'unzip', 'diff', 'patch', 'set', 'getopt',
  'getopts', 'shift', 'basename', 'dirname', 'realpath', 'readlink', 'sha256sum', 'md5sum', 'fd', 'ssh',
]);

export function afterDashDash(cmd: Command, program: string): Word[] | null {
  if (INERT.has(program) || FAMILY_INERT.has(program)) return null;
  const dd = cmd.argv.findIndex((w, k) => k > 0 && w.value === '--');
  if (dd < 0 || dd === cmd.argv.length - 1) return null;
  return cmd.argv.slice(dd + 1);
}
