// `airlock serve`: the resident checker behind the bash/zsh hooks. One per interactive shell,
// started by the hook as a coprocess (`airlock serve --stdio`), so a line costs a pipe round trip
// instead of a Node start. Requests are answered strictly in order (see protocol.ts).
//
// `airlock serve --prompt -- LINE`: the rare confirm case, run by the hook in the foreground so
// the human at this terminal can answer (exit 0 approved, 126 not).
import { spawnSync } from 'child_process';
import * as readline from 'readline';
import { escapeField, parseRequest, type CheckRequest } from './protocol';
import { guard } from './guard';

export const BLOCKED_EXIT = 126;

/** Answers one request line. Never throws: an internal error answers deny (fail closed). */
export async function answer(raw: string): Promise<string> {
  const req = parseRequest(raw);
  if (req === 'ping') return 'pong';
  if (!req) return `deny\t${escapeField('airlock: blocked: the hook sent a malformed request; nothing was run.')}`;
  return decide(req);
}

async function decide(req: CheckRequest): Promise<string> {
  const verdict = await guard(req.line, {
    requester: `${req.shell || 'shell'}-hook`,
    approval: 'none',
    interactiveHook: true,
    ...(/^(bash|zsh)$/.test(req.shell) ? { shell: req.shell } : {}),
    cwd: req.cwd || process.cwd(),
    env: process.env,
    ...(req.sessionEnvironment ? { sessionEnvironment: req.sessionEnvironment } : {}),
    incomplete: (line) => isIncomplete(line),
  });
  if (verdict.incomplete) return 'incomplete';
  if (verdict.allowed) return 'allow';
  const denied = !verdict.result || verdict.result.decision === 'deny';
  return `${denied ? 'deny' : 'confirm'}\t${escapeField(verdict.message)}`;
}

/**
 * True when bash would read more input for this text (trailing backslash, open quote, open
 * if/for/while, trailing | or &&, an unterminated here-document): ask bash's own parser.
 */
export function isIncomplete(line: string): boolean {
  const r = spawnSync('bash', ['-n'], { input: line, encoding: 'utf8', timeout: 2000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } });
  const err = r.stderr ?? '';
  return /unexpected end of file|unexpected EOF|delimited by end-of-file/.test(err);
}

export async function serveStdio(): Promise<number> {
  // The shell's terminal signals are not for us; we end when the shell closes the pipe.
  process.on('SIGINT', () => {});
  process.on('SIGQUIT', () => {});
  process.on('SIGPIPE', () => {});
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  const out = process.stdout;
  out.on('error', () => process.exit(0));
  for await (const line of rl) {
    const reply = await answer(line);
    out.write(reply + '\n');
  }
  return 0;
}

/** Checks `text` for a shell outside the resident server; prints the block message; exit code. */
async function guardHere(text: string, requester: string, approval: 'separate' | 'same-terminal', shell: string): Promise<number> {
  const sessionEnvironment = process.env.AIRLOCK_ENV;
  const verdict = await guard(text, {
    requester,
    approval,
    ...(requester.endsWith('-hook') ? { interactiveHook: true } : {}),
    ...(/^(bash|zsh)$/.test(shell) ? { shell } : {}),
    cwd: process.cwd(),
    env: process.env,
    ...(sessionEnvironment ? { sessionEnvironment } : {}),
  });
  if (verdict.allowed) return 0;
  process.stderr.write(`${verdict.message}\n`);
  return BLOCKED_EXIT;
}

/** Foreground prompt for a confirm in an interactive shell. */
export async function promptHere(line: string, shell: string): Promise<number> {
  // Same-terminal approval is opt-in: whatever types into this terminal (an agent driving it
  // through a PTY or tmux) could answer its own prompt.
  const approval = process.env.AIRLOCK_SAME_TERMINAL === '1' && process.env.AIRLOCK_HOOK_APPROVAL !== 'separate' ? 'same-terminal' : 'separate';
  if (approval === 'same-terminal') process.stderr.write('airlock: warning: same-terminal approval is on (AIRLOCK_SAME_TERMINAL=1): anything that can type into this terminal, an agent included, can approve. Use it only in a shell you alone type into.\n');
  return guardHere(line, `${shell || 'shell'}-hook`, approval, shell);
}

/** BASH_ENV guard: check the -c text or a script file; confirm waits for `airlock approver`. */
export async function checkHere(line: string, file: string | null, shell: string): Promise<number> {
  let text = line;
  if (file) {
    try {
      const fs = require('node:fs') as typeof import('node:fs'); // eslint-disable-line @typescript-eslint/no-require-imports
      const st = fs.statSync(file);
      if (st.size > 1024 * 1024) {
        process.stderr.write(`airlock: blocked: ${file} is larger than 1024 KiB, more than airlock analyses; nothing was run.\n`);
        return BLOCKED_EXIT;
      }
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return 0; // unreadable: bash reports it and runs nothing
    }
  }
  return guardHere(text, shell || 'bash-env', 'separate', shell);
}
