// `airlock system serve`: the approval service of hardened mode, running as the `airlock` user.
// Two sockets in <root>/run/airlock (root-created, owned by `airlock`, 0755, so the agent can
// neither replace nor add to it):
//   request.sock  0666: guards send requests and wait for a signed answer;
//   approve.sock  0600: only processes running as `airlock` (the human's `airlock approver`
//                 re-executed through sudo) may connect; the kernel checks the file's mode, and
//                 the first message must carry a per-start token readable by `airlock` alone.
// The service, not the approver, checks the typed resource names and the one-time code, signs
// approvals with the only private key and writes the audit records of requests and answers.
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { createPrivateKey, randomBytes, timingSafeEqual, type KeyObject } from 'crypto';
import { readLines, send, validateRequest } from '../gate/protocol';
import type { ApprovalRequest } from '../gate/types';
import { hardened, myUid, type SystemConfig } from '../util/system-mode';
import { APPROVAL_TTL_MS, signClaim, type FileRead } from './sign';
import { base32Decode, matchStep } from './totp';

export interface SystemRequest extends ApprovalRequest {
  reads: FileRead[];
}

export const requestSocket = (cfg: SystemConfig): string => path.join(cfg.runDir, 'request.sock');
export const approveSocket = (cfg: SystemConfig): string => path.join(cfg.runDir, 'approve.sock');
export const signingKeyFile = (cfg: SystemConfig): string => path.join(cfg.stateDir, 'signing.key');
export const totpFile = (cfg: SystemConfig): string => path.join(cfg.stateDir, 'totp.json');
export const replayFile = (cfg: SystemConfig): string => path.join(cfg.stateDir, 'totp-used.json');
export const publicKeyFile = (cfg: SystemConfig): string => path.join(cfg.etcDir, 'approver.pub');
/** A fresh secret per service start, readable by `airlock` only: approvers present it (defence in depth behind approve.sock's mode). */
export const approverTokenFile = (cfg: SystemConfig): string => path.join(cfg.stateDir, 'approver.token');

interface Entry {
  req: SystemRequest;
  sock: net.Socket;
  done: boolean;
}

type Decide = { type: 'decide'; id: string; names: string[]; code: string };

function validateReads(v: unknown): FileRead[] | null {
  if (!Array.isArray(v)) return null;
  for (const r of v) if (!r || typeof r !== 'object' || typeof r.path !== 'string' || typeof r.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(r.sha256)) return null;
  return v as FileRead[];
}

/** The one-time code check with its replay store: a time step, once used, never counts again. */
export class CodeChecker {
  constructor(private readonly cfg: SystemConfig) {}

  enrolled(): boolean {
    return fs.existsSync(totpFile(this.cfg));
  }

  /** Null when the code is valid and unused (it is then used up), else why not. */
  use(code: string, now = Date.now() / 1000): string | null {
    let secret: Buffer;
    try {
      secret = base32Decode((JSON.parse(fs.readFileSync(totpFile(this.cfg), 'utf8')) as { secret: string }).secret);
    } catch {
      return 'no authenticator is enrolled (run `sudo airlock system enroll`)';
    }
    const step = matchStep(secret, code, now);
    if (step === null) return 'the one-time code is wrong';
    let last = -1;
    try {
      last = (JSON.parse(fs.readFileSync(replayFile(this.cfg), 'utf8')) as { lastStep: number }).lastStep;
    } catch {
      // no code used yet
    }
    if (step <= last) return 'that one-time code was already used; wait for the next one';
    const tmp = replayFile(this.cfg) + '.tmp';
    fs.writeFileSync(tmp, JSON.stringify({ lastStep: step }), { mode: 0o600 });
    fs.renameSync(tmp, replayFile(this.cfg));
    return null;
  }
}

export class ApprovalService {
  private readonly queue: Entry[] = [];
  private readonly approvers = new Set<net.Socket>();
  private readonly seen = new Set<string>();
  private servers: net.Server[] = [];
  private readonly key: KeyObject;
  private readonly codes: CodeChecker;
  private readonly token = randomBytes(32).toString('hex');

  constructor(private readonly cfg: SystemConfig) {
    this.key = createPrivateKey(fs.readFileSync(signingKeyFile(cfg), 'utf8'));
    this.codes = new CodeChecker(cfg);
  }

  async start(): Promise<void> {
    const tmp = approverTokenFile(this.cfg) + '.tmp';
    fs.writeFileSync(tmp, this.token, { mode: 0o600 });
    fs.renameSync(tmp, approverTokenFile(this.cfg));
    this.servers.push(await listen(requestSocket(this.cfg), 0o666, (s) => this.acceptGuard(s)));
    this.servers.push(await listen(approveSocket(this.cfg), 0o600, (s) => this.acceptApprover(s)));
  }

  stop(): void {
    for (const s of this.servers) s.close();
    for (const e of this.queue) this.answerGuard(e, false, 'Denied: the approval service stopped. The command was not run.');
    for (const f of [requestSocket(this.cfg), approveSocket(this.cfg), approverTokenFile(this.cfg)]) fs.rmSync(f, { force: true });
  }

  private head(): Entry | undefined {
    while (this.queue.length && this.queue[0]!.done) this.queue.shift();
    return this.queue[0];
  }

  private acceptGuard(sock: net.Socket): void {
    let entry: Entry | null = null;
    sock.on('error', () => sock.destroy());
    sock.on('close', () => {
      if (entry && !entry.done) {
        entry.done = true;
        audit({ kind: 'answer', id: entry.req.id, approved: false, message: 'withdrawn by the requesting process' });
        this.refresh();
      }
    });
    readLines(
      sock,
      (line) => {
        if (entry) return;
        let msg: { type?: unknown; request?: Record<string, unknown> };
        try {
          msg = JSON.parse(line);
        } catch {
          return refuse(sock, 'malformed message');
        }
        const req = msg.type === 'request' ? validateRequest(msg.request) : 'expected a request';
        if (typeof req === 'string') return refuse(sock, req);
        const reads = validateReads(msg.request?.reads);
        if (!reads) return refuse(sock, 'bad reads');
        if (this.seen.has(req.id)) return refuse(sock, `request id ${req.id} was already used`);
        this.seen.add(req.id);
        entry = { req: { ...req, reads }, sock, done: false };
        audit({ kind: 'request', id: req.id, command: req.command, cwd: req.cwd, requester: req.requester, pid: req.pid, user: req.user, tty: req.tty, resources: req.resources, reads, rules: req.findings.map((f) => f.rule) });
        this.queue.push(entry);
        send(sock, { type: 'queued', id: req.id, position: this.queue.length - 1 });
        if (this.head() === entry) this.refresh();
      },
      (why) => refuse(sock, why),
    );
  }

  private acceptApprover(sock: net.Socket): void {
    sock.on('error', () => sock.destroy());
    sock.on('close', () => this.approvers.delete(sock));
    let hello = false;
    readLines(
      sock,
      (line) => {
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(line);
        } catch {
          return sock.destroy();
        }
        if (!hello) {
          // The first message must carry the token only the airlock account can read.
          const t = typeof msg.token === 'string' ? Buffer.from(msg.token) : Buffer.alloc(0);
          if (msg.type !== 'hello' || t.length !== this.token.length || !timingSafeEqual(t, Buffer.from(this.token))) return sock.destroy();
          hello = true;
          this.approvers.add(sock);
          if (!this.codes.enrolled()) send(sock, { type: 'note', message: 'No authenticator is enrolled: run `sudo airlock system enroll` first; every request will be denied until then.' });
          return this.showTo(sock);
        }
        if (msg.type === 'decide' && typeof msg.id === 'string' && Array.isArray(msg.names) && typeof msg.code === 'string') this.decide(sock, msg as Decide);
        else if (msg.type === 'deny' && typeof msg.id === 'string') this.deny(sock, msg.id, typeof msg.why === 'string' ? msg.why : 'denied');
      },
      () => sock.destroy(),
    );
  }

  private showTo(sock: net.Socket): void {
    const e = this.head();
    if (e) send(sock, { type: 'show', request: e.req, more: this.queue.filter((q) => !q.done).length - 1 });
    else send(sock, { type: 'idle' });
  }

  private refresh(): void {
    for (const s of this.approvers) this.showTo(s);
    this.queue.forEach((e, i) => !e.done && send(e.sock, { type: 'queued', id: e.req.id, position: i }));
  }

  private decide(from: net.Socket, d: Decide): void {
    const e = this.head();
    if (!e || e.req.id !== d.id) return send(from, { type: 'result', id: d.id, approved: false, message: 'that request is no longer on screen' });
    const names = e.req.resources;
    // The names first: a wrong name does not use up the code.
    const namesOk = d.names.length === names.length && d.names.every((n, i) => n === names[i]);
    const why = namesOk ? this.codes.use(d.code) : 'the typed name did not match';
    if (why) {
      this.answerGuard(e, false, `Denied by the human (${why}). Do not retry this command unchanged; ask your human how to proceed.`);
      send(from, { type: 'result', id: d.id, approved: false, message: why });
    } else {
      this.answerGuard(e, true, 'Approved by the human (resource name and one-time code).');
      send(from, { type: 'result', id: d.id, approved: true, message: 'approved' });
    }
    this.refresh();
  }

  private deny(from: net.Socket, id: string, why: string): void {
    const e = this.head();
    if (!e || e.req.id !== id) return;
    this.answerGuard(e, false, `Denied by the human (${why}). Do not retry this command unchanged; ask your human how to proceed.`);
    send(from, { type: 'result', id, approved: false, message: why });
    this.refresh();
  }

  private answerGuard(e: Entry, approved: boolean, message: string): void {
    if (e.done) return;
    e.done = true;
    const signed = approved
      ? signClaim({ v: 1, id: e.req.id, approved: true, command: e.req.command, cwd: e.req.cwd, reads: e.req.reads, pid: e.req.pid, expiresAt: Date.now() + APPROVAL_TTL_MS }, this.key)
      : undefined;
    audit({ kind: 'answer', id: e.req.id, approved, message });
    send(e.sock, { type: 'answer', id: e.req.id, approved, message, terminal: 'airlock approval service', ...(signed ? { signed } : {}) });
    e.sock.end();
  }
}

function refuse(sock: net.Socket, why: string): void {
  send(sock, { type: 'answer', id: '', approved: false, message: `airlock approval service refused the request: ${why}` });
  sock.end();
}

function audit(rec: Record<string, unknown> & { kind: 'request' | 'answer' }): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('../audit/log') as typeof import('../audit/log')).appendAudit(rec);
  } catch (e) {
    process.stderr.write(`airlock system serve: audit log not written: ${(e as Error).message}\n`);
  }
}

async function listen(file: string, mode: number, onConn: (s: net.Socket) => void): Promise<net.Server> {
  fs.rmSync(file, { force: true });
  const server = net.createServer(onConn);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  });
  fs.chmodSync(file, mode);
  return server;
}

/** Entry of `airlock system serve`; runs until SIGTERM. */
export async function serveCommand(): Promise<number> {
  const cfg = hardened();
  if (!cfg) {
    process.stderr.write('airlock system serve: hardened mode is not installed (run `sudo airlock system install`)\n');
    return 2;
  }
  if (myUid() !== cfg.uid) {
    process.stderr.write(`airlock system serve: must run as the ${cfg.user} user (uid ${cfg.uid}), not uid ${myUid()}\n`);
    return 2;
  }
  const svc = new ApprovalService(cfg);
  await svc.start();
  fs.writeFileSync(path.join(cfg.runDir, 'serve.pid'), String(process.pid), { mode: 0o644 });
  process.stderr.write(`airlock system serve: listening in ${cfg.runDir} (pid ${process.pid})\n`);
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(sig, () => resolve());
  });
  svc.stop();
  return 0;
}
