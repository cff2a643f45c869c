// The guarded side: send one request to the approver and wait for the human. Fails closed:
// every error, timeout or doubtful answer resolves to a denial, never a throw.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { appendAudit } from '../audit/log';
import type { Finding } from '../types';
import { maskSecrets } from '../util/mask';
import { checkRuntimeDir, runtimeDir } from '../util/paths';
import { checkApproverPeer } from './peer';
import { currentTty } from './procinfo';
import { askOverSocket } from './ask';
import { bindingOf } from './protocol';
import type { ApprovalAnswer, ApprovalRequest } from './types';

export const NO_APPROVER_MESSAGE =
  'No human approver is running. Ask your human to run `airlock approver` in a separate terminal, then retry.';

export const DEFAULT_TIMEOUT_MS = 120_000;

export interface RequestOptions {
  /** Overrides AIRLOCK_APPROVAL_TIMEOUT (seconds) and the 120 s default. */
  timeoutMs?: number;
}

/** Builds a request for `command`; resources are the distinct names the human must type. */
export function buildRequest(command: string, cwd: string, findings: Finding[], requester: string): ApprovalRequest {
  const resources: string[] = [];
  const resourceEnvironments: string[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    // A finding without a resource still needs a deliberate answer: its rule id stands in.
    const name = (f.resource || f.rule || '').trim();
    // One typed name per resource and environment: `app` on staging and `app` on production are
    // two approvals, not one.
    const key = `${name}\u0000${f.environment ?? ''}`;
    if (name && !seen.has(key)) {
      seen.add(key);
      resources.push(name);
      resourceEnvironments.push(f.environment ?? '');
    }
  }
  let user = process.env.USER || process.env.LOGNAME || '';
  try {
    user = os.userInfo().username;
  } catch {
    // keep env value
  }
  return {
    id: randomBytes(18).toString('base64url'),
    command,
    cwd,
    findings,
    resources,
    resourceEnvironments,
    pid: process.pid,
    ppid: process.ppid,
    user,
    requester,
    tty: currentTty(),
    createdAt: new Date().toISOString(),
  };
}

export function approvalTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const s = Number(env.AIRLOCK_APPROVAL_TIMEOUT);
  return env.AIRLOCK_APPROVAL_TIMEOUT && Number.isFinite(s) && s > 0 ? s * 1000 : DEFAULT_TIMEOUT_MS;
}

const deny = (message: string): ApprovalAnswer => ({ approved: false, message });

/** Asks the human on `airlock approver`. Resolves (never rejects) to the answer. */
export async function requestApproval(req: ApprovalRequest, opts: RequestOptions = {}): Promise<ApprovalAnswer> {
  const started = Date.now();
  auditRequest(req);
  let answer: ApprovalAnswer;
  try {
    answer = await ask(req, opts.timeoutMs ?? approvalTimeoutMs());
  } catch (e) {
    answer = deny(`airlock could not get an approval: ${(e as Error).message}. The command was not run.`);
  }
  return auditAnswer(req, answer, started);
}

/** Logs a request (shared with same-terminal.ts). */
export function auditRequest(req: ApprovalRequest): void {
  const impact = req.findings.flatMap((f) => ((f as { impact?: unknown[] }).impact ?? []).map((i) => ({ rule: f.rule, ...(i as object) })));
  audit({
    kind: 'request', id: req.id, command: req.command, cwd: req.cwd, requester: req.requester, pid: req.pid, user: req.user, tty: req.tty, resources: req.resources, rules: req.findings.map((f) => f.rule),
    ...(req.session ? { session: req.session } : {}),
    ...(impact.length ? { impact } : {}),
    ...(req.retryOf ? { retryOf: req.retryOf } : {}),
    ...(req.checkpoint ? { checkpoint: req.checkpoint } : {}),
    ...(req.escalated ? { escalated: true } : {}),
  });
}

/** Masks and timestamps an answer, logs it and returns it. */
export function auditAnswer(req: ApprovalRequest, a: ApprovalAnswer, started: number): ApprovalAnswer {
  const answer = { ...a, message: maskSecrets(a.message), afterMs: Date.now() - started };
  audit({ kind: 'answer', id: req.id, approved: answer.approved, message: answer.message, terminal: answer.terminal, afterMs: answer.afterMs });
  return answer;
}

function audit(rec: Record<string, unknown> & { kind: 'request' | 'answer' }): void {
  try {
    appendAudit(rec);
  } catch {
    // The audit log must never decide; a broken log is reported by `airlock log --verify`.
  }
}

/**
 * Whether an approver's socket is there to ask (it may still refuse). With none, the guard skips
 * the impact lookups: they would only delay the refusal, and they run programs (psql) for no one.
 */
export function approverPresent(): boolean {
  try {
    const dir = runtimeDir();
    return checkRuntimeDir(dir) && fs.lstatSync(path.join(dir, 'approver.sock')).isSocket();
  } catch {
    return false;
  }
}

function ask(req: ApprovalRequest, timeoutMs: number): Promise<ApprovalAnswer> {
  const dir = runtimeDir();
  try {
    if (!checkRuntimeDir(dir)) return Promise.resolve(deny(NO_APPROVER_MESSAGE));
  } catch (e) {
    return Promise.resolve(deny(`${(e as Error).message}. Approval is impossible until this is fixed; the command was not run.`));
  }
  const sockPath = path.join(dir, 'approver.sock');
  try {
    if (!fs.lstatSync(sockPath).isSocket()) return Promise.resolve(deny(`${sockPath} is not a socket; refusing to use it.`));
  } catch {
    return Promise.resolve(deny(NO_APPROVER_MESSAGE));
  }

  return askOverSocket({
    sockPath,
    message: { type: 'request', request: req },
    timeoutMs,
    sender: 'approver',
    noneMessage: NO_APPROVER_MESSAGE,
    lostWho: '`airlock approver`',
    closedMessage: '`airlock approver` closed the connection without an answer (was it stopped?); the command was not run.',
    check: () => {
      const bad = checkApproverPeer(sockPath);
      return bad ? `Refusing the process on ${sockPath} as approver: ${bad}. The command was not run.` : null;
    },
    // An approval counts only for this exact request: same id, command, cwd and pid.
    accept: (msg, text, terminal) =>
      msg.id !== req.id || msg.binding !== bindingOf(req)
        ? deny('Received an approval that does not match this request (id, command, cwd or pid); refused.')
        : { approved: true, message: text || 'Approved.', terminal },
  });
}
