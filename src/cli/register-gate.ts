// approver / log: the human's side of the gate and the audit trail.
import type { Command as Program } from 'commander';

export function register(program: Program, setCode: (c: number) => void): void {
  program
    .command('approver')
    .description('the human\'s terminal: shows each blocked command and approves it when you type the resource name (run it in a terminal of your own, never from the agent)')
    .action(async (opts: Record<string, unknown>) => {
      const { approverCommand } = await import('./approver');
      setCode(await approverCommand(opts));
    });
  program
    .command('log')
    .description('show recent audit records (decisions, approval requests, answers); --verify checks the hash chain')
    .option('--json', 'one JSON object per line')
    .option('--decision <d>', 'allow | confirm | deny | approved | denied')
    .option('--rule <id>', 'only records with this rule')
    .option('--since <when>', 'ISO time or a duration like 10m, 2h, 1d')
    .option('--limit <n>', 'at most this many records', (v) => Number(v))
    .option('--verify', 'verify the hash chain; exit 1 when a line was edited, removed or inserted')
    .option('--stats', 'prompts per agent session: asked, approved, denied, retries, denied without asking')
    .action(async (opts: { json?: boolean; decision?: string; rule?: string; since?: string; limit?: number; verify?: boolean; stats?: boolean }) => {
      if (opts.stats) {
        const { statsCommand } = await import('../escalation/stats');
        return setCode(statsCommand(opts));
      }
      const { logCommand } = await import('../audit/command');
      setCode(logCommand(opts));
    });
  program
    .command('undo')
    .description('restore a checkpoint taken before an approved destructive command (files, git, PostgreSQL tables, terraform state); no ID: the newest one')
    .argument('[id]', 'checkpoint id (see --list)')
    .option('--list', 'list checkpoints, newest first')
    .option('--json', 'machine-readable output')
    .action(async (id: string | undefined, opts: { list?: boolean; json?: boolean }) => {
      const { undoCommand } = await import('../undo/index');
      setCode(undoCommand(id, opts));
    });
}
