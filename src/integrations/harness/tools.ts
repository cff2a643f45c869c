// Hook actions that are not plain shell lines, put in a form the pipeline judges: an MCP tool
// call becomes the mcptools command line `mcp call TOOL --params JSON SERVER` (src/analyzers/mcp
// turns it into a `tool` fact plus the SQL/GraphQL/HTTP facts of its arguments), and a Codex TTY
// session gets its own finding.
import type { Finding } from '../../types';
import type { Action } from '../../harness/adapters';
import { shellQuote } from '../../util/shell-quote';

const q = shellQuote;

/** `mcp call <tool> --params '<json>' <server>`: what the human sees and the pipeline analyses. */
export function toolCallLine(a: Extract<Action, { kind: 'tool' }>): string {
  return `mcp call ${q(a.name)} --params ${q(JSON.stringify(a.args))} ${q(a.server || 'unknown')}`;
}

/** Why a bare interactive program in a Codex TTY session needs a human. */
export function sessionFinding(line: string): Finding {
  const program = line.trim().split(/\s+/)[0]!.replace(/^.*\//, '');
  return {
    rule: 'codex/interactive-session',
    decision: 'confirm',
    severity: 'high',
    reason:
      `This starts an interactive ${program} session. Codex types into such a session with write_stdin, and no hook sees what it types, ` +
      `so airlock could not check any command run in it. Run each command directly instead (for example \`${program === 'psql' ? "psql -c '...'" : `${program} -c '...'`}\`), ` +
      'or ask your human to approve the session.',
    resource: `${program} session`,
    environment: 'local',
    command: line,
  };
}
