// The guard's side of hardened mode: send the request to the approval service and accept only
// an answer signed by the service's key (root-owned approver.pub), for exactly this request,
// unexpired. Anything else, including any environment variable pointing elsewhere, denies.
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { readLines, send } from '../gate/protocol';
import type { ApprovalAnswer, ApprovalRequest } from '../gate/types';
import { rootOwned, type SystemConfig } from '../util/system-mode';
import { publicKeyFile, requestSocket } from './service';
import { verifyApproval, type FileRead } from './sign';

const deny = (message: string, terminal?: string): ApprovalAnswer => ({ approved: false, message, ...(terminal ? { terminal } : {}) });

export const NO_SERVICE_MESSAGE =
  'The airlock approval service is not running (hardened mode). Ask your human to start it (`sudo systemctl start airlock` or `sudo airlock system install`) and to approve in `airlock approver`; then retry.';

/** Null when the run dir, the socket and the public key are what `system install` made. */
export function checkSystemFiles(cfg: SystemConfig): string | null {
  try {
    const parent = fs.lstatSync(path.dirname(cfg.runDir));
    if (!parent.isDirectory() || !rootOwned(parent)) return `${path.dirname(cfg.runDir)} is not a root-owned directory`;
    const dir = fs.lstatSync(cfg.runDir);
    if (!dir.isDirectory() || dir.uid !== cfg.uid || (dir.mode & 0o022) !== 0) return `${cfg.runDir} is not a directory owned by ${cfg.user} and writable by it alone`;
    const pub = fs.lstatSync(publicKeyFile(cfg));
    if (!pub.isFile() || !rootOwned(pub)) return `${publicKeyFile(cfg)} is not a root-owned file`;
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

export async function requestSystemApproval(cfg: SystemConfig, req: ApprovalRequest, reads: FileRead[], timeoutMs: number): Promise<ApprovalAnswer> {
  const bad = checkSystemFiles(cfg);
  if (bad) return deny(`airlock hardened mode is damaged (${bad}); the command was not run. Ask your human to run \`sudo airlock system status\`.`);
  const sockPath = requestSocket(cfg);
  try {
    const st = fs.lstatSync(sockPath);
    if (!st.isSocket() || st.uid !== cfg.uid) return deny(`${sockPath} is not the approval service's socket; the command was not run.`);
  } catch {
    return deny(NO_SERVICE_MESSAGE);
  }
  const publicPem = fs.readFileSync(publicKeyFile(cfg), 'utf8');
  const want = { id: req.id, command: req.command, cwd: req.cwd, reads, pid: req.pid };
  return new Promise<ApprovalAnswer>((resolve) => {
    let settled = false;
    const sock = net.connect(sockPath);
    const finish = (a: ApprovalAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(a);
    };
    const timer = setTimeout(() => finish(deny(`Timed out after ${Math.round(timeoutMs / 1000)}s waiting for the human on \`airlock approver\`; the command was not run.`)), timeoutMs);
    sock.on('error', (e: NodeJS.ErrnoException) => finish(deny(e.code === 'ENOENT' || e.code === 'ECONNREFUSED' ? NO_SERVICE_MESSAGE : `Lost the connection to the approval service (${e.code ?? e.message}); the command was not run.`)));
    sock.on('close', () => finish(deny('The approval service closed the connection without an answer; the command was not run.')));
    sock.on('connect', () => send(sock, { type: 'request', request: { ...req, reads } }));
    readLines(
      sock,
      (line) => {
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(line);
        } catch {
          return finish(deny('The approval service sent a malformed answer; refused.'));
        }
        if (msg.type === 'queued') return;
        if (msg.type !== 'answer') return finish(deny('The approval service sent an unexpected message; refused.'));
        const text = typeof msg.message === 'string' ? msg.message : '';
        const terminal = typeof msg.terminal === 'string' ? msg.terminal : undefined;
        if (msg.approved !== true) return finish(deny(text || 'Denied by the human.', terminal));
        const why = verifyApproval(msg.signed, want, publicPem);
        if (why) return finish(deny(`Received an approval that does not verify against ${publicKeyFile(cfg)} (${why}); refused. The command was not run.`));
        finish({ approved: true, message: text || 'Approved.', ...(terminal ? { terminal } : {}) });
      },
      () => finish(deny('The approval service sent an oversized message; refused.')),
    );
  });
}
