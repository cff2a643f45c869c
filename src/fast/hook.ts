// `airlock hook <harness>` without the engine: reads the harness JSON synchronously, and when the
// action is a shell line the fast path allows (decide.ts), audits it and answers "no opinion",
// exactly as the full hook would. Otherwise the input read so far is left for the full hook
// (src/integrations/harness/hook.ts reads it from HOOK_INPUT instead of stdin) and it returns false.
import * as fs from 'node:fs';
import { ADAPTERS, type Answer, type HarnessName } from '../harness/adapters';
import { fastAllow } from './decide';
import { auditDecision } from '../audit/log';
import { HOOK_INPUT, type HookInput } from '../harness/hook-input';
import { hookBudget } from '../integrations/harness/budget';
import { mark } from '../util/trace';

/** Largest hook input (src/integrations/harness/hook.ts MAX_HOOK_INPUT). */
const MAX = 16 * 1024 * 1024;

type Env = Record<string, string | undefined>;

/**
 * All of stdin, or what was read before an error, the size bound or the hook's deadline
 * (complete: false; the stream is left paused for the full hook, whose watchdog counts from
 * startedAt). A stream, not a blocking read: a harness that never closes stdin must still get an
 * answer before its own timeout.
 */
function readInput(startedAt: number, deadlineMs: number): Promise<HookInput> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const onData = (d: Buffer) => {
      chunks.push(d);
      total += d.length;
      if (total > MAX) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const finish = (complete: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stdin.off('data', onData).off('end', onEnd).off('error', onError);
      if (!complete) stdin.pause();
      resolve({ buf: Buffer.concat(chunks), complete, startedAt });
    };
    const timer = setTimeout(() => finish(false), Math.max(0, startedAt + deadlineMs - Date.now()));
    stdin.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function existingDir(p: string | undefined): string | undefined {
  if (!p || !p.startsWith('/')) return undefined;
  try {
    return fs.statSync(p).isDirectory() ? p : undefined;
  } catch {
    return undefined;
  }
}

function answer(a: Answer): true {
  for (const [fd, text] of [[1, a.stdout], [2, a.stderr]] as const) {
    const b = Buffer.from(text);
    for (let off = 0, tries = 0; off < b.length && tries < 10000; tries++) {
      try {
        off += fs.writeSync(fd, b, off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') break;
      }
    }
  }
  process.exitCode = a.code;
  return true;
}

/** True when the hook was answered here (process.exitCode set); false: run the full hook. */
export async function fastHook(name: string, env: Env = process.env): Promise<boolean> {
  if (!Object.prototype.hasOwnProperty.call(ADAPTERS, name)) return false;
  const h = ADAPTERS[name as HarnessName];
  const input = await readInput(Date.now(), hookBudget(h, env).deadlineMs);
  mark('stdin-read');
  (globalThis as Record<symbol, unknown>)[HOOK_INPUT] = input;
  if (!input.complete || env.AIRLOCK_RULESETS) return false;
  let action;
  try {
    action = h.extract(JSON.parse(input.buf.toString('utf8')));
  } catch {
    return false;
  }
  if (action.kind === 'none') return answer(h.pass());
  if (action.kind !== 'shell' || action.session === 'tty') return false;
  const cwd = existingDir(action.cwd) ?? process.cwd();
  // As the full hook checks it (src/integrations/harness/hook.ts): nobody sees the command's stdin.
  const ok = await fastAllow(action.command, { cwd, env, stdinTerminal: false });
  mark(ok ? 'fast-decided' : 'fast-declined');
  if (!ok) return false;
  auditDecision(action.command, { decision: 'allow', findings: [], commands: ok.commands, facts: ok.facts, errors: [], elapsedMs: ok.elapsedMs }, `hook:${name}`);
  mark('audited');
  return answer(h.pass());
}
