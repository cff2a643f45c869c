// Subcommands of the rules area (owned by its module; main.ts only calls register).
import type { Command as Program } from 'commander';

export function register(program: Program, setCode: (c: number) => void): void {
  const rules = program.command('rules').description('the rulesets in force: list, show, lint, test');
  const load = () => import('./rules');
  rules
    .command('list')
    .description('every rule in force (id, decision, severity, layer, source), disabled and allow-listed entries with their reasons, rejected weakening attempts')
    .option('--json', 'print one JSON object')
    .option('-C, --cwd <dir>', 'as seen from this directory (its project layer)')
    .action(async (flags) => setCode(await (await load()).listCommand(flags)));
  rules
    .command('show')
    .description('one rule in full')
    .argument('<id>', 'rule id, e.g. airlock/approver')
    .option('--json', 'print JSON')
    .option('-C, --cwd <dir>', 'as seen from this directory')
    .action(async (id: string, flags) => setCode(await (await load()).showCommand(id, flags)));
  rules
    .command('lint')
    .description('check ruleset files against schema/ruleset.schema.json and for semantic problems (default: every loaded file)')
    .argument('[paths...]', 'ruleset files')
    .option('--json', 'print JSON')
    .option('-C, --cwd <dir>', 'as seen from this directory')
    .action(async (paths: string[], flags) => setCode(await (await load()).lintCommand(paths, flags)));
  rules
    .command('test')
    .description('run every example of every loaded rule (or of the rules in PATH); exit 1 at the first failing one')
    .argument('[path]', 'a ruleset file, loaded on top of the policy in force')
    .option('--json', 'print JSON')
    .option('-C, --cwd <dir>', 'as seen from this directory')
    .action(async (file: string | undefined, flags) => setCode(await (await load()).testCommand(file, flags)));
}
