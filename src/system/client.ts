// The guard's side of hardened mode: send the request to the approval service and accept only
// an answer signed by the service's key (root-owned approver.pub), for exactly this request,
// unexpired. Anything else, including any environment variable pointing elsewhere, denies.
import * as fs from 'fs';
import * as path from 'path';
import { askOverSocket } from '../gate/ask';
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
  return askOverSocket({
    sockPath,
    message: { type: 'request', request: { ...req, reads } },
    timeoutMs,
    sender: 'approval service',
    noneMessage: NO_SERVICE_MESSAGE,
    lostWho: 'the approval service',
    closedMessage: 'The approval service closed the connection without an answer; the command was not run.',
    accept: (msg, text, terminal) => {
      const why = verifyApproval(msg.signed, want, publicPem);
      if (why) return deny(`Received an approval that does not verify against ${publicKeyFile(cfg)} (${why}); refused. The command was not run.`);
      return { approved: true, message: text || 'Approved.', ...(terminal ? { terminal } : {}) };
    },
  });
}
