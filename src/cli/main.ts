// airlock's entry. Invoked with bash's own options (-c, -lc, -i, a script...) it is the agent's
// shell; invoked with a subcommand it is the tool. The shell path avoids loading commander.
import type { Command as Program } from 'commander';

export const SUBCOMMANDS = new Set([
  'explain', 'check', 'hook', 'init', 'approver', 'log', 'rules', 'install', 'uninstall', 'doctor',
  'shims', 'shim', 'serve', 'help', 'version', 'completion', 'man', 'scan', 'system', 'undo',
]);

export async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  const isTool = first !== undefined && (SUBCOMMANDS.has(first) || first === '--help' || first === '-h' || first === '--version' || first === '-V');
  if (!isTool && first !== undefined && !first.startsWith('-')) {
    // `airlock FILE` runs FILE as a bash script; a word that is no file is most likely a typo.
    const { unknownCommand } = await import('./typo');
    const code = unknownCommand(first, [...SUBCOMMANDS].filter((c) => c !== 'shim'));
    if (code !== null) return code;
  }
  if (!isTool) {
    const { runShell } = await import('../run/shell');
    return runShell(argv);
  }
  if (first === 'shim' && argv[1] && !argv[1].startsWith('-')) {
    // Every shimmed program call starts here: skip commander (`shim NAME -- args...`).
    const rest = argv.slice(2);
    const { runShim } = await import('../integrations/shims/run');
    return runShim(argv[1], rest[0] === '--' ? rest.slice(1) : rest);
  }
  if (first === 'hook' && argv.length === 2 && !argv[1]!.startsWith('-')) {
    // Every harness tool call starts here: skip commander (it loads child_process and ~9 ms more).
    const { runHook } = await import('../integrations/harness/hook');
    return runHook(argv[1]!);
  }
  // Not before: as a shell or a shim, the output belongs to the child (and must stay untouched).
  (await import('./closed-output')).quietOnClosedOutput();
  if ((first === 'explain' || first === 'check') && !argv.includes('--help') && !argv.includes('-h')) {
    // Hot path: skip commander (it costs ~9 ms of startup) for the two commands tools call per line.
    const fast = parseCheckArgs(argv.slice(1));
    if (fast) {
      const { explainCommand, checkCommand } = await import('./explain');
      return first === 'explain' ? explainCommand(fast.line, fast.flags) : checkCommand(fast.line, fast.flags);
    }
  }
  // require, not import(): the bundle runs from a V8 code cache where dynamic import() is unavailable.
  const { Command } = require('commander') as typeof import('commander'); // eslint-disable-line @typescript-eslint/no-require-imports
  const program: Program = new Command('airlock');
  program
    .description('A shell command guard for AI coding agents: destructive operations wait for a human who types the resource name on a separate terminal.\n\nAs a shell: airlock -c CMD [name args...] (same contract as bash -c).')
    .version(VERSION, '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  let code = 0;
  const setCode = (c: number) => {
    code = c;
  };
  (await import('./register-engine')).register(program, setCode);
  (await import('./register-gate')).register(program, setCode);
  (await import('./register-integrations')).register(program, setCode);
  (await import('./register-rules')).register(program, setCode);
  (await import('./register-docs')).register(program, setCode, VERSION);
  (await import('./register-scan')).register(program, setCode);
  (await import('../system/cli')).register(program, setCode);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    if (typeof err.exitCode === 'number') return err.exitCode || 2;
    throw e;
  }
  return code;
}

declare const __AIRLOCK_VERSION__: string | undefined;
export const VERSION = typeof __AIRLOCK_VERSION__ === 'string' ? __AIRLOCK_VERSION__ : '0.0.0-dev';

/** `[--json] [--env X] [--ruleset P]... [-C DIR] [--] line...`; null when anything else appears. */
function parseCheckArgs(args: string[]): { line: string; flags: import('./explain').ExplainFlags } | null {
  const flags: import('./explain').ExplainFlags = { ruleset: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--json') flags.json = true;
    else if (a === '--impact') flags.impact = true;
    else if ((a === '--env' || a === '--ruleset' || a === '-C' || a === '--cwd') && i + 1 < args.length) {
      const v = args[++i]!;
      if (a === '--env') flags.env = v;
      else if (a === '--ruleset') flags.ruleset!.push(v);
      else flags.cwd = v;
    } else if (a.startsWith('--env=')) flags.env = a.slice(6);
    else if (a.startsWith('--ruleset=')) flags.ruleset!.push(a.slice(10));
    else if (a.startsWith('-')) return null;
    else break;
  }
  const rest = args.slice(i);
  if (!rest.length) return null;
  return { line: rest.join(' '), flags };
}
