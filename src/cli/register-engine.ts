// explain / check
import type { Command as Program } from 'commander';
import { explainCommand, checkCommand } from './explain';

const collect = (v: string, acc: string[]) => [...acc, v];

export function register(program: Program, setCode: (c: number) => void): void {
  program
    .command('explain')
    .description('show how airlock parses a command line, the facts it finds, the findings and the decision')
    .argument('<line...>', 'the command line (quote it, after --)')
    .option('--json', 'print one JSON object: {decision, findings[{rule, decision, reason, resource, environment}], ...}')
    .option('--env <name>', 'the session environment (environment wall), default $AIRLOCK_ENV')
    .option('--ruleset <path>', 'load an extra ruleset file (repeatable)', collect, [])
    .option('-C, --cwd <dir>', 'judge as if run in this directory')
    .option('--impact', 'also look up, read-only and bounded, what the confirm findings would destroy (as the approver shows it)')
    .action(async (line: string[], flags) => setCode(await explainCommand(line.join(' '), flags)));
  program
    .command('check')
    .description('check a command line; exit 0 allow, 1 confirm, 2 deny')
    .argument('<line...>', 'the command line (quote it, after --)')
    .option('--json', 'print the explain JSON object')
    .option('--env <name>', 'the session environment (environment wall), default $AIRLOCK_ENV')
    .option('--ruleset <path>', 'load an extra ruleset file (repeatable)', collect, [])
    .option('-C, --cwd <dir>', 'judge as if run in this directory')
    .action(async (line: string[], flags) => setCode(await checkCommand(line.join(' '), flags)));
}
