// The approver's socket side: accepts requests, enforces single use of ids, and hands each
// valid request to the approver UI as a Pending that can be answered exactly once.
import { recordAnchor } from '../audit/anchor';
import * as fs from 'fs';
import * as net from 'net';
import { bindingOf, readLines, send, validateRequest } from './protocol';
import type { ApprovalRequest } from './types';

export interface Pending {
  req: ApprovalRequest;
  receivedAt: number;
  /** True once answered or the client went away. */
  readonly done: boolean;
  answer(approved: boolean, message: string): void;
  /** Called when the client disconnects before an answer. */
  onWithdraw(cb: () => void): void;
  /** Tell the client where it stands in the queue (0 = on screen). */
  notifyQueued(position: number): void;
}

/** Ids ever seen by this approver; an id is good for one request only. */
const MAX_SEEN = 100_000;

export class Broker {
  private server: net.Server | null = null;
  private readonly seen = new Set<string>();
  private readonly open = new Set<net.Socket>();
  private sockPath = '';
  private inode = -1;

  constructor(
    private readonly terminal: string,
    private readonly onRequest: (p: Pending) => void,
    private readonly onReject: (why: string) => void = () => {},
  ) {}

  /** Binds `sockPath`; a stale socket (nobody answering) is replaced, a live one is an error. */
  async listen(sockPath: string): Promise<void> {
    if (fs.existsSync(sockPath)) {
      if (await isLive(sockPath)) throw new Error(`another approver is already listening on ${sockPath}`);
      fs.unlinkSync(sockPath);
    }
    const server = net.createServer((sock) => this.accept(sock));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(sockPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    fs.chmodSync(sockPath, 0o600);
    this.server = server;
    this.sockPath = sockPath;
    this.inode = fs.statSync(sockPath).ino;
  }

  /** Stops listening, drops clients (they read that as a denial) and removes our socket. */
  close(): void {
    this.server?.close();
    this.server?.unref();
    // end(), not destroy(): let a final denial reach the client (one that sees the connection
    // close without an answer denies anyway); unref() so a lingering client cannot keep us up.
    for (const s of this.open) s.end().unref();
    try {
      // Only unlink the socket if it is still ours (a new approver may have replaced it).
      if (this.sockPath && fs.statSync(this.sockPath).ino === this.inode) fs.unlinkSync(this.sockPath);
    } catch {
      // already gone
    }
  }

  private accept(sock: net.Socket): void {
    this.open.add(sock);
    let pending: PendingImpl | null = null;
    sock.on('close', () => {
      this.open.delete(sock);
      pending?.withdraw();
    });
    sock.on('error', () => sock.destroy());
    readLines(
      sock,
      (line) => {
        if (pending) return; // one request per connection; anything else is ignored
        let msg: { type?: unknown; request?: unknown };
        try {
          msg = JSON.parse(line);
        } catch {
          return this.refuse(sock, '', 'malformed message');
        }
        const req = msg.type === 'request' ? validateRequest(msg.request) : 'expected a request message';
        if (typeof req === 'string') return this.refuse(sock, '', req);
        if (this.seen.has(req.id)) {
          // Replay of an id (answered or pending): never prompt twice for one id.
          return this.refuse(sock, req, `request id ${req.id} was already used; an approval is single-use`);
        }
        if (this.seen.size >= MAX_SEEN) this.seen.clear();
        this.seen.add(req.id);
        pending = new PendingImpl(req, sock, this.terminal);
        this.onRequest(pending);
      },
      (why) => this.refuse(sock, '', why),
    );
  }

  private refuse(sock: net.Socket, req: ApprovalRequest | '', why: string): void {
    this.onReject(why);
    const id = req ? req.id : '';
    send(sock, { type: 'answer', id, approved: false, message: `airlock approver refused the request: ${why}`, binding: req ? bindingOf(req) : '' });
    sock.end();
  }
}

class PendingImpl implements Pending {
  readonly receivedAt = Date.now();
  private state: 'open' | 'answered' | 'withdrawn' = 'open';
  private withdrawCbs: (() => void)[] = [];

  constructor(
    readonly req: ApprovalRequest,
    private readonly sock: net.Socket,
    private readonly terminal: string,
  ) {}

  get done(): boolean {
    return this.state !== 'open';
  }

  answer(approved: boolean, message: string): void {
    if (this.state !== 'open') return;
    this.state = 'answered';
    send(this.sock, { type: 'answer', id: this.req.id, approved, message, terminal: this.terminal, binding: bindingOf(this.req) });
    this.sock.end();
    // The human's side anchors the audit chain's head with each answer (src/audit/anchor.ts).
    recordAnchor();
  }

  notifyQueued(position: number): void {
    if (this.state === 'open') send(this.sock, { type: 'queued', id: this.req.id, position });
  }

  onWithdraw(cb: () => void): void {
    this.withdrawCbs.push(cb);
  }

  withdraw(): void {
    if (this.state !== 'open') return;
    this.state = 'withdrawn';
    for (const cb of this.withdrawCbs) cb();
  }
}

function isLive(sockPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(sockPath);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
