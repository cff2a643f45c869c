// `airlock approver` in hardened mode. Run by the human, it re-executes itself as the `airlock`
// user through `sudo -u airlock` (sudo asks the human's password on this terminal): only that
// account can connect to the service's approve.sock. It shows the request on screen, reads each
// resource name and then the one-time code from the authenticator app; the service checks both.
import { spawnSync } from 'child_process';
import * as net from 'net';
import * as readline from 'readline';
import { readLines, send } from '../gate/protocol';
import { renderRequest, sanitize, useColor } from '../gate/render';
import type { ApprovalRequest } from '../gate/types';
import { myUid, type SystemConfig } from '../util/system-mode';
import { approverTokenFile, approveSocket } from './service';
import * as fs from 'fs';

export interface SystemApproverIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  errorOutput: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

/** Exit codes as `airlock approver`: 0 stopped, 2 cannot start, 3 refused (no terminal). */
export async function runSystemApprover(cfg: SystemConfig, io: SystemApproverIo): Promise<number> {
  const fail = (code: number, msg: string) => {
    io.errorOutput.write(`airlock approver: ${msg}\n`);
    return code;
  };
  if (!io.input.isTTY || !io.output.isTTY) return fail(3, 'refusing to start without a terminal: a human approves here by typing.');
  if (myUid() !== cfg.uid) {
    // The agent's account cannot pass this step: sudo asks the human's password.
    const self = `${cfg.installDir}/bin/airlock`;
    const r = spawnSync('sudo', ['-u', cfg.user, '--', cfg.node, self, 'approver'], { stdio: 'inherit' });
    if (r.error) return fail(2, `cannot run sudo -u ${cfg.user} (${r.error.message}); hardened mode needs sudo for the approver`);
    return r.status ?? 2;
  }
  let token: string;
  try {
    token = fs.readFileSync(approverTokenFile(cfg), 'utf8').trim();
  } catch (e) {
    return fail(2, `cannot read ${approverTokenFile(cfg)} (${(e as Error).message}); is the approval service running?`);
  }
  const sock = net.connect(approveSocket(cfg));
  const ok = await new Promise<boolean>((resolve) => {
    sock.once('connect', () => resolve(true));
    sock.once('error', () => resolve(false));
  });
  if (!ok) return fail(2, `cannot connect to the approval service at ${approveSocket(cfg)}; is it running (\`sudo airlock system status\`)?`);
  send(sock, { type: 'hello', token });
  return new ApproverScreen(sock, io).run();
}

class ApproverScreen {
  private current: ApprovalRequest | null = null;
  private typed: string[] = [];
  private readonly color: boolean;

  constructor(
    private readonly sock: net.Socket,
    private readonly io: SystemApproverIo,
  ) {
    this.color = useColor(io.output, io.env);
  }

  run(): Promise<number> {
    this.write('airlock approver (hardened mode): type the resource name(s) shown, then the one-time code from your authenticator app.\nCtrl-C denies the request on screen; Ctrl-D quits.\n');
    return new Promise<number>((resolve) => {
      const rl = readline.createInterface({ input: this.io.input, terminal: false, crlfDelay: Infinity });
      const onInt = () => this.denyCurrent('Ctrl-C');
      process.on('SIGINT', onInt);
      const done = (code: number) => {
        process.off('SIGINT', onInt);
        rl.close();
        this.sock.destroy();
        resolve(code);
      };
      rl.on('line', (l) => this.line(l));
      rl.on('close', () => done(0));
      this.sock.on('close', () => {
        this.write('The approval service went away.\n');
        done(2);
      });
      readLines(this.sock, (l) => this.message(l), () => done(2));
    });
  }

  private message(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line);
    } catch {
      return;
    }
    if (msg.type === 'show') {
      const req = msg.request as ApprovalRequest;
      if (this.current?.id === req.id) return;
      // A new screen: whatever was half-typed for the previous one is discarded.
      this.current = req;
      this.typed = [];
      const more = typeof msg.more === 'number' && msg.more > 0 ? `(${msg.more} more waiting)\n` : '';
      this.write('\n' + renderRequest(req, { color: this.color, title: 'airlock: approval requested (hardened)' }) + more);
      this.prompt();
    } else if (msg.type === 'idle') {
      this.current = null;
      this.typed = [];
      this.write('Waiting for requests…\n');
    } else if (msg.type === 'result') {
      this.write(msg.approved === true ? '✔ approved\n' : `✖ denied (${sanitize(String(msg.message ?? ''))})\n`);
    } else if (msg.type === 'note') {
      this.write(`(${sanitize(String(msg.message ?? ''))})\n`);
    }
  }

  private prompt(): void {
    const req = this.current;
    if (!req) return;
    const i = this.typed.length;
    if (i < req.resources.length) {
      const n = req.resources.length;
      this.write(`Type ${sanitize(req.resources[i]!)}${n > 1 ? ` (${i + 1}/${n})` : ''} to approve. Anything else denies.\n> `);
    } else this.write('One-time code from your authenticator app:\n> ');
  }

  private line(text: string): void {
    const req = this.current;
    if (!req) return this.write('(no request pending; input ignored)\n');
    const t = text.replace(/\r$/, '');
    if (this.typed.length < req.resources.length) {
      this.typed.push(t);
      return this.prompt();
    }
    send(this.sock, { type: 'decide', id: req.id, names: this.typed, code: t.trim() });
    this.typed = [];
  }

  private denyCurrent(why: string): void {
    if (!this.current) return;
    send(this.sock, { type: 'deny', id: this.current.id, why });
    this.typed = [];
  }

  private write(s: string): void {
    this.io.output.write(s);
  }
}
