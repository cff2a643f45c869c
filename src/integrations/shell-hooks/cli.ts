// `airlock init bash|zsh` and `airlock serve` (registered from src/cli/register-integrations.ts).
import type { Command as Program } from 'commander';

export function registerShellHooks(program: Program, setCode: (c: number) => void): void {
  program
    .command('init')
    .description('print the pre-exec hook for an interactive shell; add to your rc file: eval "$(airlock init bash)" (or zsh)')
    .argument('<shell>', 'bash or zsh')
    .option('--non-interactive', 'bash: print the BASH_ENV guard for non-interactive bash -c / scripts instead')
    .action(async (shell: string, o: { nonInteractive?: boolean }) => {
      if (shell === 'bash') {
        const { bashHook } = await import('../../run/shell-hooks/bash');
        process.stdout.write(bashHook({ nonInteractive: Boolean(o.nonInteractive) }));
      } else if (shell === 'zsh') {
        if (o.nonInteractive) {
          process.stderr.write('airlock: zsh has no BASH_ENV equivalent that sees the -c text; use airlock as the shell (SHELL=airlock, AIRLOCK_SHELL=zsh)\n');
          return setCode(2);
        }
        const { zshHook } = await import('../../run/shell-hooks/zsh');
        process.stdout.write(zshHook());
      } else {
        process.stderr.write(`airlock: init: unsupported shell "${shell}" (bash or zsh)\n`);
        return setCode(2);
      }
      setCode(0);
    });

  program
    .command('serve')
    .description('the resident checker behind the shell hooks (started by them; line protocol on stdin/stdout)')
    .option('--stdio', 'serve requests on stdin/stdout (default)')
    .option('--prompt', 'check LINE and, for confirm, ask the human on this terminal (exit 0 approved, 126 blocked)')
    .option('--check', 'check LINE (or --file) and wait for the approver on confirm (exit 0 allowed, 126 blocked)')
    .option('--file <path>', 'with --check: check this file\'s text')
    .option('--shell <name>', 'the shell asking (for the audit log)', 'shell')
    .argument('[line...]', 'the command line, after --')
    .action(async (line: string[], o: { prompt?: boolean; check?: boolean; file?: string; shell: string }) => {
      const server = await import('../../run/server');
      if (o.prompt) return setCode(await server.promptHere(line.join(' '), o.shell));
      if (o.check) return setCode(await server.checkHere(line.join(' '), o.file ?? null, o.shell));
      setCode(await server.serveStdio());
    });
}
