// One request over a Unix socket to whoever answers it (the per-user approver, src/gate/client.ts,
// or hardened mode's approval service, src/system/client.ts): connect, send, skip "queued" progress
// lines, read one answer, give up at the deadline. Every failure is a denial that says who failed;
// what makes an approval valid (a binding, a signature) is the caller's `accept`.
import * as net from 'net';
import { readLines, send } from './protocol';
import type { ApprovalAnswer } from './types';

export interface Asked {
  sockPath: string;
  /** The request message to send. */
  message: Record<string, unknown>;
  timeoutMs: number;
  /** Who answers, as the agent is told: the sender in "The approver sent ...". */
  sender: string;
  /** Nobody listens on the socket. */
  noneMessage: string;
  /** "Lost the connection to WHO (code)". */
  lostWho: string;
  /** The other side hung up without an answer. */
  closedMessage: string;
  /** Once connected, before sending: a reason to refuse the other side, or null. */
  check?: () => string | null;
  /** An approval as sent (`approved: true`): the answer it counts as. */
  accept(msg: Record<string, unknown>, text: string, terminal: string | undefined): ApprovalAnswer;
}

const deny = (message: string, terminal?: string): ApprovalAnswer => ({ approved: false, message, ...(terminal ? { terminal } : {}) });

/** Resolves (never rejects) to the answer, or to a denial saying what went wrong. */
export function askOverSocket(a: Asked): Promise<ApprovalAnswer> {
  return new Promise<ApprovalAnswer>((resolve) => {
    let settled = false;
    const sock = net.connect(a.sockPath);
    const finish = (ans: ApprovalAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(ans);
    };
    const timer = setTimeout(() => finish(deny(`Timed out after ${Math.round(a.timeoutMs / 1000)}s waiting for the human on \`airlock approver\`; the command was not run.`)), a.timeoutMs);
    sock.on('error', (e: NodeJS.ErrnoException) => finish(deny(e.code === 'ENOENT' || e.code === 'ECONNREFUSED' ? a.noneMessage : `Lost the connection to ${a.lostWho} (${e.code ?? e.message}); the command was not run.`)));
    sock.on('close', () => finish(deny(a.closedMessage)));
    sock.on('connect', () => {
      const bad = a.check?.();
      if (bad) return finish(deny(bad));
      send(sock, a.message);
    });
    readLines(
      sock,
      (line) => {
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(line);
        } catch {
          return finish(deny(`The ${a.sender} sent a malformed answer; refused.`));
        }
        if (msg.type === 'queued') return;
        if (msg.type !== 'answer') return finish(deny(`The ${a.sender} sent an unexpected message; refused.`));
        const text = typeof msg.message === 'string' ? msg.message : '';
        const terminal = typeof msg.terminal === 'string' ? msg.terminal : undefined;
        // A human's "no" carries their terminal, so the agent is told not to ask again unchanged.
        if (msg.approved !== true) return finish(deny(text || 'Denied by the human.', terminal));
        finish(a.accept(msg, text, terminal));
      },
      () => finish(deny(`The ${a.sender} sent an oversized message; refused.`)),
    );
  });
}
