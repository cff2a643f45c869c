// Wire format between guarded clients and the approver: newline-delimited JSON over the
// Unix socket in the runtime dir. One request per connection; the connection is the lease:
// when the client goes away, the request is withdrawn.
import { sha256Hex } from '../util/sha256';
import type { Socket } from 'net';
import type { ApprovalRequest } from './types';

/** Longest accepted line; a request carries one command line and its findings. */
export const MAX_LINE = 1 << 20;

export interface RequestMessage {
  type: 'request';
  request: ApprovalRequest;
}

export interface QueuedMessage {
  type: 'queued';
  id: string;
  /** 0 = on screen now. */
  position: number;
}

export interface AnswerMessage {
  type: 'answer';
  id: string;
  approved: boolean;
  message: string;
  terminal?: string;
  /** bindingOf(request): ties the answer to this exact id, command, cwd and pid. */
  binding: string;
}

export type ServerMessage = QueuedMessage | AnswerMessage;

/** sha256 over what an approval is for; an answer that does not carry it is void. */
export function bindingOf(req: Pick<ApprovalRequest, 'id' | 'command' | 'cwd' | 'pid'>): string {
  return sha256Hex(JSON.stringify([req.id, req.command, req.cwd, req.pid]));
}

/** Calls onLine for each complete line; onError when a line exceeds MAX_LINE. */
export function readLines(sock: Socket, onLine: (line: string) => void, onError: (msg: string) => void): void {
  let buf = '';
  sock.setEncoding('utf8');
  sock.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line.trim()) onLine(line);
    }
    if (buf.length > MAX_LINE) {
      buf = '';
      onError('message too long');
    }
  });
}

export function send(sock: Socket, msg: object): void {
  if (!sock.destroyed && sock.writable) sock.write(JSON.stringify(msg) + '\n');
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => Number.isInteger(v);

/** Returns the request when well-formed, else a reason. */
export function validateRequest(v: unknown): ApprovalRequest | string {
  if (!v || typeof v !== 'object') return 'request is not an object';
  const r = v as Record<string, unknown>;
  if (!isStr(r.id) || !/^[A-Za-z0-9_-]{8,128}$/.test(r.id)) return 'bad request id';
  if (!isStr(r.command) || !isStr(r.cwd) || !isStr(r.user) || !isStr(r.requester) || !isStr(r.createdAt)) {
    return 'missing command, cwd, user, requester or createdAt';
  }
  if (!isInt(r.pid) || !isInt(r.ppid)) return 'bad pid/ppid';
  if (!(r.tty === null || isStr(r.tty))) return 'bad tty';
  if (!Array.isArray(r.resources) || r.resources.length === 0 || !r.resources.every((x) => isStr(x) && x.length > 0)) {
    return 'a request needs at least one resource name to type';
  }
  if (!Array.isArray(r.findings) || !r.findings.every((f) => f && typeof f === 'object')) return 'bad findings';
  return r as unknown as ApprovalRequest;
}
