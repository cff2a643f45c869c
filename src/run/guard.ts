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
  /**
   * Log an allow decision after returning, so it overlaps the command instead of delaying it.
   * Only for callers that stay alive until the command ends (the replacement shell), never for
   * hooks that exit right after answering.
   */
  deferAllowAudit?: boolean;
  /** Max time to wait for the human (defaults to the gate's own default). */
  timeoutMs?: number;
  /**
   * Interactive hooks: called when the line has a parse error; true means the line is merely
   * unfinished (the shell would read more), so it is neither decided nor audited yet.
   */
  incomplete?: (line: string, result: CheckResult) => boolean;
  /** The harness's session id, when the hook payload carries one (else the process chain is used). */
  session?: string | null;
}

export interface GuardVerdict {
  allowed: boolean;
  result: CheckResult | null;
  answer: ApprovalAnswer | null;
  /** For the agent, on stderr or in the harness's deny reason. Empty when allowed without a gate. */
  message: string;
  /** Set (and allowed false) when opts.incomplete said the line is unfinished. */
  incomplete?: boolean;
  /** The checkpoint taken after approval (`airlock undo ID` restores it). */
  checkpoint?: string;
}

/** Extra ruleset files from $AIRLOCK_RULESETS (colon-separated); they can only add or tighten rules. */
export function envRulesets(env: Record<string, string | undefined> = process.env): string[] | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if ((require('../util/system-mode') as typeof import('../util/system-mode')).hardened()) return undefined;
  const v = env.AIRLOCK_RULESETS;
  return v ? v.split(':').filter(Boolean) : undefined;
}

export async function guard(line: string, opts: GuardOptions): Promise<GuardVerdict> {
  let result: CheckResult | null = null;
  try {
    // Hardened mode: --ruleset and $AIRLOCK_RULESETS are ignored (the system layer decides).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rulesets = (require('../util/system-mode') as typeof import('../util/system-mode')).hardened() ? undefined : (opts.rulesets ?? envRulesets());
    result = await check(line, rulesets ? { ...opts, rulesets } : { ...opts, rulesets: undefined });
    if (opts.incomplete && result.codes?.includes('parse') && opts.incomplete(line, result)) {
      return { allowed: false, result, answer: null, message: '', incomplete: true };
    }
    if (result.decision === 'allow') {
      if (opts.deferAllowAudit) {
        // Written on the next turn of the event loop: the caller starts the command first, so the
        // log write overlaps it instead of delaying it (the caller lives until the command ends).
        const r = result;
        setImmediate(() => audit(line, r, opts.requester));
      } else audit(line, result, opts.requester);
      return { allowed: true, result, answer: null, message: '' };
    }
    audit(line, result, opts.requester);
    if (result.decision === 'deny' || opts.approval === 'none') {
      return { allowed: false, result, answer: null, message: blockMessage(result.findings, null) };
    }
    return await informedApproval(line, result, opts);
  } catch (e) {
    return {
      allowed: false,
      result,
      answer: null,
      message: `airlock: blocked: internal error while checking this command (${(e as Error).message}). Nothing was run. Ask your human to look at it.`,
    };
  }
}

/**
 * The human's question, informed: retries of a denied request are marked (or denied without
 * asking), the impact is looked up (bounded), a checkpoint is planned and, once approved, taken
 * just before the caller runs the command.
 */
async function informedApproval(line: string, result: CheckResult, opts: GuardOptions): Promise<GuardVerdict> {
  const gate = await import('../gate/client');
  const esc = await import('../escalation/index');
  const { sessionId } = await import('../escalation/session');
  const { loadSettings } = await import('../util/settings');
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const settings = loadSettings(env);
  const session = sessionId(opts.session);
  const retry = safely(() => esc.findRetry(session, result.findings, env), null);
  if (retry && settings.escalation.mode === 'deny') {
    const req = gate.buildRequest(line, cwd, result.findings.filter((f) => f.decision !== 'allow'), opts.requester);
    Object.assign(req, { session, retryOf: { at: retry.of.at, command: retry.of.command, match: retry.match }, escalated: true });
    gate.auditRequest(req);
    const message = esc.retryDeniedMessage(retry);
    const answer = gate.auditAnswer(req, { approved: false, message }, Date.now());
    return { allowed: false, result, answer, message };
  }
  const { lookupImpacts } = await import('../impact/index');
  const lookupStarted = Date.now();
  // Looked up only for a human who will see it: the approver (default mode), the approval service
  // (hardened) or this terminal's prompt.
  const someoneAsked = hardenedMode() || opts.approval === 'same-terminal' || gate.approverPresent();
  const findings = (someoneAsked ? await lookupImpacts(result, { cwd, env }) : result.findings).filter((f) => f.decision !== 'allow');
  // A caller's wait (a hook inside its harness's time limit) includes the lookups.
  const timeoutMs = opts.timeoutMs ? Math.max(1000, opts.timeoutMs - (Date.now() - lookupStarted)) : undefined;
  const undo = await import('../undo/index');
  // Planned for the same human only: sizing a git work tree runs git twice, for a note no one reads.
  const plan = someoneAsked ? safely(() => undo.planCheckpoint(result, findings, { cwd, env }), null) : null;
  const req = gate.buildRequest(line, cwd, findings, opts.requester);
  req.session = session;
  req.promptNumber = safely(() => esc.countPrompt(session, env), undefined);
  if (retry) req.retryOf = { at: retry.of.at, command: retry.of.command, match: retry.match };
  if (plan) req.checkpoint = plan.note;
  let answer: ApprovalAnswer;
  const { hardened } = await import('../util/system-mode');
  const system = hardened();
  if (system) {
    // Hardened mode: only the approval service's signed answer counts; no same-terminal prompt.
    const { requestSystemApproval } = await import('../system/client');
    const started = Date.now();
    gate.auditRequest(req);
    const a = await requestSystemApproval(system, req, result.reads ?? [], timeoutMs ?? opts.timeoutMs ?? gate.approvalTimeoutMs());
    answer = gate.auditAnswer(req, a, started);
  } else if (opts.approval === 'same-terminal') {
    const { promptOnTty } = await import('../gate/same-terminal');
    answer = await promptOnTty(req);
  } else {
    answer = await gate.requestApproval(req, timeoutMs ? { timeoutMs } : {});
  }
  // requestApproval / promptOnTty write the request and answer records themselves.
  if (!answer.approved) {
    // Only a human's "no" counts towards retries; no approver running is not a denial.
    if (answer.terminal) safely(() => esc.recordDenial(session, line, findings, req.id, env), undefined);
    return { allowed: false, result, answer, message: blockMessage(findings, answer) };
  }
  const cp = plan ? safely(() => undo.takeCheckpoint(plan, result, { command: line, cwd, requestId: req.id, env }), null) : null;
  if (cp) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('../audit/log') as typeof import('../audit/log')).appendAudit({ kind: 'checkpoint', id: req.id, checkpoint: cp.id, saved: cp.items.map((i) => i.kind), skipped: cp.skipped });
    } catch {
      // the checkpoint exists whether or not the log says so
    }
  }
  return { allowed: true, result, answer, message: '', ...(cp ? { checkpoint: cp.id } : {}) };
}

function hardenedMode(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../util/system-mode') as typeof import('../util/system-mode')).hardened() !== null;
}

function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
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
    for (const i of (f as { impact?: { source: string; summary: string[] }[] }).impact ?? []) for (const l of i.summary) lines.push(`  ${i.source}: ${l}`);
    if (f.suggestion) lines.push(`  safer: ${f.suggestion}`);
  }
  if (answer) lines.push(`approval: ${answer.message}`);
  if (denied) lines.push('What to do: do not retry or work around this. Tell your human what you wanted to do and why.');
  else if (answer?.terminal)
    // A human saw it and said no: asking again unchanged is not the way forward.
    lines.push('What to do: your human denied this. Do not retry it, in this or another form; ask your human how to proceed.');
  else if (!answer?.approved)
    lines.push(
      'What to do: do not retry in another form. Ask your human to run `airlock approver` in a separate terminal and type the resource name shown above, then run the same command again.',
    );
  return maskSecrets(lines.join('\n'));
}
