// `airlock hook <harness>`: the harness sends its pre-tool JSON on stdin; we answer "no opinion"
// or the harness's deny form. Every harness fails OPEN when a hook crashes, hangs or exits
// with an unexpected code, so this process must always answer, and answer "blocked" on any
// doubt: a watchdog prints the deny form before the harness's own timeout.
import * as fs from 'fs';
import * as path from 'path';
import { ADAPTERS, HookInputError, isHarness, pathsIn, WRITE_TOOL, type Action, type Answer, type Harness } from '../../harness/adapters';
import { sessionFinding, toolCallLine } from './tools';
import { protectedForRead, protectedForWrite, type PathVerdict, type RealMemo } from '../../harness/protected';
import { peekHookInput, takeHookInput } from '../../harness/hook-input';
import { hookBudget } from './budget';
import { busyForTest, decideInWorker, hookWorker, type HookReply } from './hook-worker';
import { startWatchdog } from './hook-watchdog';
import { mark } from '../../util/trace';

/** Largest hook input read (a command line is at most 256 KiB; Write payloads carry file content). */
export const MAX_HOOK_INPUT = 16 * 1024 * 1024;

type Env = Record<string, string | undefined>;

export { hookBudget, type HookBudget } from './budget';

function mask(s: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../util/mask') as typeof import('../../util/mask')).maskSecrets(s);
  } catch {
    return s;
  }
}

function writeAll(fd: number, text: string): void {
  if (!text) return;
  const buf = Buffer.from(text);
  let off = 0;
  for (let tries = 0; off < buf.length && tries < 10000; tries++) {
    try {
      off += fs.writeSync(fd, buf, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return;
    }
  }
}

const BUG_HINT = 'Nothing was run. Tell your human; they can run `airlock doctor` to check the installation.';

/** Runs the hook and exits the process with the harness's answer. */
export async function runHook(name: string, env: Env = process.env): Promise<never> {
  // The fast path (src/fast/hook.ts) may have spent part of the budget reading stdin already.
  const started = peekHookInput()?.startedAt ?? Date.now();
  if (!isHarness(name)) {
    // Unknown harness: exit 2 is "block" for most harnesses.
    writeAll(2, `airlock: blocked: unknown harness "${name}" (expected one of ${Object.keys(ADAPTERS).join(', ')}). ${BUG_HINT}\n`);
    process.exit(2);
  }
  const h = ADAPTERS[name];
  const budget = hookBudget(h, env);
  const timeLimitMessage = `airlock: blocked: airlock could not decide within the ${name} hook time limit (${budget.harnessSec}s). ${BUG_HINT}`;
  const leftAtStart = Math.max(0, budget.deadlineMs - (Date.now() - started));
  // The deadline from outside this thread (hook-watchdog.ts); without one, the work moves to a
  // worker thread (hook-worker.ts) and this thread's timer below is the watchdog.
  const dog = startWatchdog(leftAtStart, h.deny(timeLimitMessage));
  let done = false;
  let yielded = false;
  const finish = (a: Answer): never => {
    if (yielded) return undefined as never;
    if (!done) {
      done = true;
      if (dog && !dog.claim()) {
        // The watchdog answered first and ends the process once its answer is written; this
        // thread only makes sure the process does not end before that, nor with another code.
        yielded = true;
        setTimeout(() => process.exit(dog.denyCode), 2000);
        return undefined as never;
      }
      mark('answered');
      writeAll(1, a.stdout);
      writeAll(2, a.stderr);
    }
    process.exit(a.code);
  };
  const deny = (reason: string) => finish(h.deny(mask(reason)));
  const watchdog = setTimeout(() => deny(timeLimitMessage), leftAtStart);
  process.on('uncaughtException', (e) => deny(`airlock: blocked: internal error in the ${name} hook (${e.message}). ${BUG_HINT}`));
  process.on('unhandledRejection', (e) => deny(`airlock: blocked: internal error in the ${name} hook (${(e as Error)?.message ?? String(e)}). ${BUG_HINT}`));

  mark('watchdog-started');
  try {
    const text = await readStdin(MAX_HOOK_INPUT);
    const leftMs = budget.deadlineMs - (Date.now() - started);
    const worker = dog ? null : hookWorker();
    // With the watchdog, the work runs here; else on a worker thread, so that this thread's
    // timer fires however busy the work keeps its thread. From src/ without the inspector
    // (tests of the source), here.
    const reply: HookReply = worker
      ? await decideInWorker(worker, { name, text, env, leftMs })
      : await Promise.resolve()
          .then(() => busyForTest(env))
          .then(() => decideText(name, text, env, leftMs))
          .then(
            (answer): HookReply => ({ ok: true, answer }),
            (e): HookReply => ({ ok: false, input: e instanceof HookInputError, message: (e as Error).message }),
          );
    clearTimeout(watchdog);
    if (reply.ok) return finish(reply.answer);
    if (reply.input) return deny(`airlock: blocked: the ${name} hook input could not be read: ${reply.message}. ${BUG_HINT}`);
    return deny(`airlock: blocked: internal error in the ${name} hook (${reply.message}). ${BUG_HINT}`);
  } catch (e) {
    clearTimeout(watchdog);
    if (e instanceof HookInputError) return deny(`airlock: blocked: the ${name} hook input could not be read: ${e.message}. ${BUG_HINT}`);
    return deny(`airlock: blocked: internal error in the ${name} hook (${(e as Error).message}). ${BUG_HINT}`);
  }
}

/** The answer to one hook input (JSON text): the work the worker thread does. */
export async function decideText(name: string, text: string, env: Env, leftMs: number): Promise<Answer> {
  if (!isHarness(name)) throw new Error(`unknown harness "${name}"`);
  const h = ADAPTERS[name];
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    throw new HookInputError(`stdin is not JSON (${(e as Error).message})`);
  }
  return decide(h, h.extract(input), env, leftMs, sessionOf(input));
}

function readStdin(max: number): Promise<string> {
  // What the fast path (src/fast/hook.ts) already read: all of the input, or its start.
  const pre = takeHookInput();
  if (pre?.complete) return Promise.resolve(pre.buf.toString('utf8'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = pre ? [pre.buf] : [];
    let size = pre ? pre.buf.length : 0;
    if (size > max) {
      reject(new HookInputError(`more than ${max} bytes on stdin`));
      return;
    }
    const stdin = process.stdin;
    stdin.on('data', (d: Buffer) => {
      size += d.length;
      if (size > max) {
        stdin.destroy();
        reject(new HookInputError(`more than ${max} bytes on stdin`));
        return;
      }
      chunks.push(d);
    });
    stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stdin.on('error', (e) => reject(new HookInputError(`stdin: ${e.message}`)));
    if (pre) stdin.resume(); // the fast path left it paused
  });
}

function existingDir(p: string | undefined): string | undefined {
  if (!p || !path.isAbsolute(p)) return undefined;
  try {
    return fs.statSync(p).isDirectory() ? p : undefined;
  } catch {
    return undefined;
  }
}

export function extraRulesets(env: Env): string[] | undefined {
  const v = env.AIRLOCK_RULESETS;
  return v ? v.split(path.delimiter).filter(Boolean) : undefined;
}

/** The harness's own session id, when its payload carries one (retries are judged per session). */
export function sessionOf(input: unknown): string | null {
  if (!input || typeof input !== 'object') return null;
  const o = input as Record<string, unknown>;
  const v = o.session_id ?? o.sessionId ?? o.conversation_id ?? o.conversationId;
  return typeof v === 'string' && v ? v : null;
}

async function decide(h: Harness, action: Action, env: Env, leftMs: number, session: string | null = null): Promise<Answer> {
  if (action.kind === 'none') return h.pass();
  const cwd = existingDir(action.cwd) ?? process.cwd();
  if (action.kind === 'files') return decideFiles(h, action, env, cwd);
  let line: string;
  if (action.kind === 'tool') {
    // A tool that writes files may not write airlock's or a harness's settings, whatever it is.
    const writes = WRITE_TOOL.test(action.name) ? pathsIn(action.args) : [];
    if (writes.length) {
      const denied = deniedFiles(h, { kind: 'files', tool: action.tool, write: writes, read: [], cwd: action.cwd }, env, cwd);
      if (denied) return denied;
    }
    line = toolCallLine(action);
  } else line = action.command;
  mark('decide-start');
  const { guard } = await import('../../run/guard');
  // Leave ~1.5 s after the approval wait to print the answer before the watchdog.
  const timeoutMs = Math.max(1000, leftMs - 1500);
  if (action.kind === 'shell' && action.session === 'tty') {
    // Checked as usual first; then the session itself needs a human, since what Codex later types
    // into it (write_stdin) reaches no hook.
    const first = await guard(line, { requester: `hook:${h.name}`, approval: 'none', cwd, env: env as Record<string, string | undefined>, rulesets: extraRulesets(env) });
    if (!first.allowed) return h.deny(mask(first.message || 'airlock: blocked.'));
    return decideSession(h, line, cwd, timeoutMs);
  }
  const verdict = await guard(line, {
    requester: `hook:${h.name}`,
    approval: 'separate',
    session,
    timeoutMs,
    // The harness runs the command with no terminal on stdin (Codex TTY sessions are handled above).
    stdinTerminal: false,
    cwd,
    env: env as Record<string, string | undefined>,
    rulesets: extraRulesets(env),
  });
  mark('guard-done');
  if (verdict.allowed) return h.pass();
  let message = verdict.message || 'airlock: blocked.';
  if (verdict.answer && !/No human approver is running/.test(verdict.answer.message)) message += `\n(airlock waited at most ${Math.round(timeoutMs / 1000)}s for the approval, inside the ${h.name} hook time limit.)`;
  return h.deny(mask(message));
}

/** A bare interactive program in a Codex TTY: the human approves the session itself. */
async function decideSession(h: Harness, line: string, cwd: string, timeoutMs: number): Promise<Answer> {
  const gate = await import('../../gate/client');
  const { blockMessage } = await import('../../run/guard');
  const finding = sessionFinding(line);
  const answer = await gate.requestApproval(gate.buildRequest(line, cwd, [finding], `hook:${h.name}`), { timeoutMs });
  if (answer.approved) return h.pass();
  return h.deny(mask(blockMessage([finding], answer)));
}

function decideFiles(h: Harness, action: Extract<Action, { kind: 'files' }>, env: Env, cwd: string): Answer {
  return deniedFiles(h, action, env, cwd) ?? h.pass();
}

/** The deny answer when the tool touches protected paths, else null. */
function deniedFiles(h: Harness, action: Extract<Action, { kind: 'files' }>, env: Env, cwd: string): Answer | null {
  const hits: { verdict: PathVerdict; op: 'write' | 'read' }[] = [];
  const memo: RealMemo = new Map();
  for (const p of action.write) {
    const v = protectedForWrite(p, env, cwd, memo);
    if (v) hits.push({ verdict: v, op: 'write' });
  }
  for (const p of action.read) {
    const v = protectedForRead(p, env, cwd, memo);
    if (v) hits.push({ verdict: v, op: 'read' });
  }
  if (hits.length === 0) return null;
  const lines = [`airlock: blocked (denied); ${action.tool} was not run.`];
  for (const { verdict, op } of hits) lines.push(`- ${op === 'write' ? 'changing' : 'reading'} ${verdict.path}: ${verdict.why}.`);
  if (hits.some((x) => x.verdict.kind === 'airlock'))
    lines.push("What to do: agents may not change airlock's configuration, rulesets, audit log or hook settings (that would switch the guard off). Do not retry or work around this; tell your human what you wanted to change and why.");
  if (hits.some((x) => x.verdict.kind === 'credentials'))
    lines.push('What to do: do not read credential files; use only the credentials your human gave you for this task. Ask your human if you need access.');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const log = require('../../audit/log') as typeof import('../../audit/log');
    log.appendAudit({ kind: 'decision', source: `hook:${h.name}`, tool: action.tool, paths: hits.map((x) => `${x.op}:${x.verdict.path}`), decision: 'deny', cwd });
  } catch (e) {
    writeAll(2, `airlock: warning: audit log not written: ${(e as Error).message}\n`);
  }
  return h.deny(mask(lines.join('\n')));
}
