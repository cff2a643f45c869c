// The decision every integration needs: check the line, log it, and for `confirm` wait for a
// human on the approver terminal. Any error here answers "blocked" (fail closed).
import type { CheckOptions, CheckResult, Finding } from '../types';
import type { ApprovalAnswer } from '../gate/types';
import { check } from '../engine';

export interface GuardOptions extends CheckOptions {
  /** Who asks: "airlock -c", "hook:claude-code", "shim:psql", "bash-hook". */
  requester: string;
  /** 'separate' (default): wait for `airlock approver`. 'same-terminal': prompt on /dev/tty. 'none': never wait. */
  approval?: 'separate' | 'same-terminal' | 'none';
  /** Max time to wait for the human (defaults to the gate's own default). */
  timeoutMs?: number;
}

export interface GuardVerdict {
  allowed: boolean;
  result: CheckResult | null;
  answer: ApprovalAnswer | null;
  /** For the agent, on stderr or in the harness's deny reason. Empty when allowed without a gate. */
  message: string;
}

export async function guard(line: string, opts: GuardOptions): Promise<GuardVerdict> {
  let result: CheckResult | null = null;
  try {
    result = await check(line, opts);
    audit(line, result, opts.requester);
    if (result.decision === 'allow') return { allowed: true, result, answer: null, message: '' };
    if (result.decision === 'deny' || opts.approval === 'none') {
      return { allowed: false, result, answer: null, message: blockMessage(result.findings, null) };
    }
    const answer = await askHuman(line, result, opts);
    return { allowed: answer.approved, result, answer, message: answer.approved ? '' : blockMessage(result.findings, answer) };
  } catch (e) {
    return {
      allowed: false,
      result,
      answer: null,
      message: `airlock: blocked: internal error while checking this command (${(e as Error).message}). Nothing was run. Ask your human to look at it.`,
    };
  }
}

async function askHuman(line: string, result: CheckResult, opts: GuardOptions): Promise<ApprovalAnswer> {
  const gate = await import('../gate/client');
  const findings = result.findings.filter((f) => f.decision !== 'allow');
  const req = gate.buildRequest(line, opts.cwd ?? process.cwd(), findings, opts.requester);
  let answer: ApprovalAnswer;
  if (opts.approval === 'same-terminal') {
    const { promptOnTty } = await import('../gate/same-terminal');
    answer = await promptOnTty(req);
  } else {
    answer = await gate.requestApproval(req, opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {});
  }
  auditAnswer(req.id, answer);
  return answer;
}

function audit(line: string, result: CheckResult, source: string): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const log = require('../audit/log') as typeof import('../audit/log');
    log.auditDecision(line, result, source);
  } catch (e) {
    // An unwritable audit log must not let a command through unnoticed, nor block harmless work.
    process.stderr.write(`airlock: warning: audit log not written: ${(e as Error).message}\n`);
  }
}

function auditAnswer(id: string, answer: ApprovalAnswer): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const log = require('../audit/log') as typeof import('../audit/log');
    log.appendAudit({ kind: 'answer', request: id, approved: answer.approved, message: answer.message, terminal: answer.terminal ?? null, afterMs: answer.afterMs ?? null });
  } catch (e) {
    process.stderr.write(`airlock: warning: audit log not written: ${(e as Error).message}\n`);
  }
}

/** What the agent reads when a command is blocked: what, why, and what to do next. */
export function blockMessage(findings: Finding[], answer: ApprovalAnswer | null): string {
  const { maskSecrets } = require('../util/mask') as typeof import('../util/mask'); // eslint-disable-line @typescript-eslint/no-require-imports
  const blocking = findings.filter((f) => f.decision !== 'allow');
  const lines: string[] = [];
  const denied = blocking.some((f) => f.decision === 'deny');
  lines.push(`airlock: blocked (${denied ? 'denied' : 'needs a human'}); nothing of this command line was run.`);
  for (const f of blocking) {
    lines.push(`- [${f.rule}] ${f.reason}`);
    lines.push(`  resource: ${f.resource}; environment: ${f.environment}${f.wall ? `; wall: ${f.wall}` : ''}`);
    if (f.suggestion) lines.push(`  safer: ${f.suggestion}`);
  }
  if (answer) lines.push(`approval: ${answer.message}`);
  if (denied) lines.push('What to do: do not retry or work around this. Tell your human what you wanted to do and why.');
  else if (!answer?.approved)
    lines.push(
      'What to do: do not retry in another form. Ask your human to run `airlock approver` in a separate terminal and type the resource name shown above, then run the same command again.',
    );
  return maskSecrets(lines.join('\n'));
}
