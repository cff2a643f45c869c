// completion, man: generated from the commander definitions registered before them.
import type { Command as Program } from 'commander';

export function register(program: Program, setCode: (c: number) => void, version: string): void {
  program
    .command('completion')
    .description('print the shell completion script (bash, zsh or fish)')
    .argument('<shell>', 'bash | zsh | fish')
    .action(async (shell: string) => {
      const d = await import('./command-docs');
      const spec = d.describeProgram(program);
      const gen = { bash: d.bashCompletion, zsh: d.zshCompletion, fish: d.fishCompletion }[shell];
      if (!gen) {
        process.stderr.write(`airlock completion: unsupported shell "${shell}" (bash, zsh or fish)\n`);
        return setCode(2);
      }
      process.stdout.write(gen(spec));
      setCode(0);
    });
  program
    .command('man')
    .description('print the man page (roff); e.g. airlock man | man -l -')
    .action(async () => {
      const d = await import('./command-docs');
      process.stdout.write(d.manPage(d.describeProgram(program), version));
      setCode(0);
    });
}
