// Confirmation for a human sitting at the prompt that ran the command (interactive hooks).
// It talks to /dev/tty, never stdin: stdin may be the command's data or the agent's pipe.
import * as fs from 'fs';
import * as readline from 'readline';
import * as tty from 'tty';
import { approvalTimeoutMs, auditAnswer, auditRequest } from './client';
import { loadSettings } from '../util/settings';
import { controllingTty } from './procinfo';
import { matchTyped, renderRequest, resourcePrompt, useColor } from './render';
import type { ApprovalAnswer, ApprovalRequest } from './types';

export interface TtyPromptOptions {
  timeoutMs?: number;
  /** Countdown after approving a critical finding (settings.holdSeconds by default); 0: none. */
  holdSeconds?: number;
}

export async function promptOnTty(req: ApprovalRequest, opts: TtyPromptOptions = {}): Promise<ApprovalAnswer> {
  const started = Date.now();
  auditRequest(req);
  let answer: ApprovalAnswer;
  try {
    answer = await ask(req, opts.timeoutMs ?? approvalTimeoutMs(), opts.holdSeconds ?? loadSettings().holdSeconds);
  } catch (e) {
    answer = { approved: false, message: `airlock could not ask on the terminal: ${(e as Error).message}. The command was not run.` };
  }
  return auditAnswer(req, answer, started);
}

function ask(req: ApprovalRequest, timeoutMs: number, holdSeconds: number): Promise<ApprovalAnswer> {
  let fd: number;
  try {
    fd = fs.openSync('/dev/tty', 'r+');
  } catch {
    return Promise.resolve({
      approved: false,
      message: 'No terminal to ask a human on (/dev/tty unavailable). Ask your human to run `airlock approver` in a separate terminal, then retry.',
    });
  }
  const terminal = controllingTty() ?? '/dev/tty';
  const input = new tty.ReadStream(fd);
  const color = useColor({ isTTY: true });
  const write = (s: string) => {
    try {
      fs.writeSync(fd, s);
    } catch {
      // terminal went away; the read side ends the prompt
    }
  };

  return new Promise<ApprovalAnswer>((resolve) => {
    let index = 0;
    let settled = false;
    // Same hold as the approver's: a critical approval waits, and any line or Ctrl-C cancels it.
    const held = holdSeconds > 0 && req.findings.some((f) => f.severity === 'critical');
    let holding: NodeJS.Timeout | null = null;
    const rl = readline.createInterface({ input, terminal: false, crlfDelay: Infinity });
    const finish = (approved: boolean, why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (holding) clearInterval(holding);
      process.off('SIGINT', onInt);
      write(approved ? `✔ approved${held ? ' (hold over)' : ''}\n` : `✖ denied (${why})\n`);
      rl.close();
      input.destroy(); // closes fd
      resolve({
        approved,
        terminal,
        message: approved
          ? `Approved by the human on ${terminal}${held ? ` (after a ${holdSeconds}s hold)` : ''}.`
          : `Denied by the human on ${terminal} (${why}). Do not retry this command unchanged; ask your human how to proceed.`,
      });
    };
    const onInt = () => {
      write('\n');
      finish(false, holding ? 'Ctrl-C during the hold' : 'Ctrl-C');
    };
    const hold = () => {
      clearTimeout(timer);
      let left = holdSeconds;
      write(`⏳ approved; it runs in ${left}s. Press Enter or Ctrl-C to cancel.\n`);
      holding = setInterval(() => {
        left--;
        if (left > 0) return void write(`  ${left}s…\n`);
        finish(true, '');
      }, 1000);
    };
    const timer = setTimeout(() => finish(false, `no answer within ${Math.round(timeoutMs / 1000)}s`), timeoutMs);
    process.on('SIGINT', onInt);
    rl.on('line', (line) => {
      if (holding) return finish(false, 'cancelled during the hold');
      const r = matchTyped(req, index, line);
      if (r === 'next') {
        index++;
        write(resourcePrompt(req, index, color));
      } else if (r === 'approved') {
        if (held) hold();
        else finish(true, '');
      }
      else finish(false, line.trim() === '' ? 'empty answer' : 'the typed name did not match');
    });
    rl.on('close', () => finish(false, 'terminal closed'));
    const note = held ? `Hold:      critical: after you approve, it waits ${holdSeconds}s, during which Enter or Ctrl-C cancels\n` : '';
    write('\n' + renderRequest(req, { color, title: 'airlock: this command needs your confirmation' }) + note + resourcePrompt(req, 0, color));
  });
}
