// `airlock approver`: the human's side. It listens on the runtime-dir socket, shows one
// request at a time (FIFO) and approves only when the human types the resource name(s).
// Input is read line by line in cooked mode, so the terminal does the echo and ^C is SIGINT.
import chalk from 'chalk';
import * as path from 'path';
import * as readline from 'readline';
import { ensureRuntimeDir } from '../util/paths';
import { currentTty, guardedReason } from './procinfo';
import { matchTyped, renderRequest, resourcePrompt, sanitize, useColor } from './render';
import { flushTypeAhead } from './flush';
import { Broker, type Pending } from './server';
import { recordApproverPid } from './approver-pid';
import { loadSettings } from '../util/settings';

type Env = Record<string, string | undefined>;

export interface ApproverOptions {
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream & { isTTY?: boolean };
  errorOutput?: NodeJS.WritableStream;
  env?: Env;
}

/** Exit codes: 0 stopped by the human, 2 cannot start, 3 refused (guarded / no terminal). */
export async function runApprover(opts: ApproverOptions = {}): Promise<number> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const errOut = opts.errorOutput ?? process.stderr;
  const env = opts.env ?? process.env;
  const fail = (code: number, msg: string) => {
    errOut.write(`airlock approver: ${msg}\n`);
    return code;
  };

  if (!input.isTTY || !output.isTTY) {
    return fail(3, 'refusing to start without a terminal: stdin and stdout must be a TTY. A human approves requests here by typing; run `airlock approver` yourself in a separate terminal window.');
  }
  const guarded = guardedReason(env);
  if (guarded) {
    return fail(3, `refusing to start under an airlock-guarded process: ${guarded}. The approver must be started by the human in a terminal the agent does not control.`);
  }
  let sockPath: string;
  try {
    sockPath = path.join(ensureRuntimeDir(env), 'approver.sock');
  } catch (e) {
    return fail(2, (e as Error).message);
  }

  const terminal = currentTty() ?? 'an unknown terminal';
  const ui = new ApproverUi(input, output, terminal, useColor(output, env), loadSettings(env).holdSeconds);
  const broker = new Broker(terminal, (p) => ui.enqueue(p), (why) => ui.note(`rejected a malformed or replayed request: ${why}`));
  try {
    await broker.listen(sockPath);
  } catch (e) {
    return fail(2, (e as Error).message);
  }
  const forgetPid = recordApproverPid(sockPath);
  ui.banner(sockPath);
  try {
    return await ui.run();
  } finally {
    forgetPid();
    broker.close();
  }
}

class ApproverUi {
  private readonly queue: Pending[] = [];
  private current: { p: Pending; index: number } | null = null;
  /** A Ctrl-C was just used; another one with nothing pending quits. */
  private armed = false;
  private readonly c: chalk.Chalk;
  private done: (code: number) => void = () => {};
  /** A critical approval counting down; any input or Ctrl-C cancels it. */
  private holding: { p: Pending; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    private readonly terminal: string,
    private readonly color: boolean,
    private readonly holdSeconds = 0,
  ) {
    this.c = new chalk.Instance({ level: color ? 1 : 0 });
  }

  banner(sockPath: string): void {
    this.write(
      this.c.bold('airlock approver') +
        ` listening on ${sockPath} (terminal ${this.terminal}).\n` +
        'Approve a request by typing the resource name shown, then Enter. Anything else denies.\n' +
        'Ctrl-C denies the request on screen; Ctrl-C twice with nothing pending quits.\n',
    );
    this.idle();
  }

  run(): Promise<number> {
    return new Promise<number>((resolve) => {
      const rl = readline.createInterface({ input: this.input, terminal: false, crlfDelay: Infinity });
      const onInt = () => this.interrupt();
      const onTerm = () => this.done(0);
      rl.on('line', (line) => this.line(line));
      rl.on('close', () => this.done(0)); // EOF (Ctrl-D) or terminal gone
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      process.on('SIGHUP', onTerm);
      this.done = (code) => {
        this.done = () => {};
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        process.off('SIGHUP', onTerm);
        if (this.holding) clearInterval(this.holding.timer);
        const open = [...(this.holding ? [this.holding.p] : []), ...(this.current ? [this.current.p] : []), ...this.queue];
        this.holding = null;
        for (const p of open) p.answer(false, 'Denied: the human stopped `airlock approver` before answering. The command was not run.');
        this.current = null;
        this.queue.length = 0;
        rl.close();
        this.write('airlock approver stopped.\n');
        resolve(code);
      };
    });
  }

  note(msg: string): void {
    this.write(this.c.dim(`(${sanitize(msg)})`) + '\n');
  }

  enqueue(p: Pending): void {
    if (p.req.tty && p.req.tty === this.terminal) {
      p.answer(false, `Refused: the request came from the approver's own terminal (${this.terminal}). The agent must run in a different terminal from \`airlock approver\`.`);
      this.note(`refused a request from this approver's own terminal: ${p.req.command.slice(0, 60)}`);
      return;
    }
    p.onWithdraw(() => this.withdrawn(p));
    this.queue.push(p);
    if (this.current) {
      p.notifyQueued(this.queue.length);
      this.write(this.c.dim(`\n(another request arrived; ${this.queue.length} waiting after this one)`) + '\n> ');
    } else {
      this.showNext();
    }
  }

  private showNext(flushed = false): void {
    this.current = null;
    if (this.holding) return; // the next request waits until the hold ends
    // A new screen: whatever was half-typed for the previous one is discarded.
    if (!flushed) flushTypeAhead(this.input);
    let p: Pending | undefined;
    while ((p = this.queue.shift()) && p.done);
    if (!p) return this.idle();
    this.armed = false;
    this.current = { p, index: 0 };
    p.notifyQueued(0);
    this.queue.forEach((q, i) => q.notifyQueued(i + 1));
    const more = this.queue.length ? this.c.dim(`(${this.queue.length} more waiting)\n`) : '';
    const held = this.holdSeconds > 0 && p.req.findings.some((f) => f.severity === 'critical');
    const hold = held ? `${this.c.bold('Hold:')}      critical: after you approve, it waits ${this.holdSeconds}s, during which Enter or Ctrl-C cancels\n` : '';
    this.write('\n' + renderRequest(p.req, { color: this.color }) + hold + more + resourcePrompt(p.req, 0, this.color));
  }

  private idle(): void {
    this.write(this.c.dim('Waiting for requests…') + '\n');
  }

  private line(text: string): void {
    this.armed = false;
    if (this.holding) return this.cancelHold('cancelled during the hold');
    const cur = this.current;
    // Lines typed while nothing is on screen are discarded, so type-ahead never approves.
    if (!cur) return this.note('no request pending; input ignored');
    const r = matchTyped(cur.p.req, cur.index, text);
    if (r === 'next') {
      cur.index++;
      this.write(resourcePrompt(cur.p.req, cur.index, this.color));
      return;
    }
    if (r === 'approved') {
      const critical = cur.p.req.findings.some((f) => f.severity === 'critical');
      if (critical && this.holdSeconds > 0) return this.hold(cur.p);
      cur.p.answer(true, `Approved by the human on ${this.terminal}.`);
      this.write(this.c.green.bold('✔ approved') + '\n');
    } else {
      const why = text.trim() === '' ? 'empty answer' : 'the typed name did not match';
      this.deny(cur.p, why);
    }
    this.showNext();
  }

  /** Critical findings: the approval is sent only after a countdown the human can cancel. */
  private hold(p: Pending): void {
    this.current = null;
    let left = this.holdSeconds;
    this.write(this.c.yellow.bold(`⏳ approved; it runs in ${left}s. Press Enter or Ctrl-C to cancel.`) + '\n');
    const timer = setInterval(() => {
      left--;
      if (left > 0) return void this.write(this.c.dim(`  ${left}s…`) + '\n');
      clearInterval(timer);
      this.holding = null;
      if (!p.done) {
        p.answer(true, `Approved by the human on ${this.terminal} (after a ${this.holdSeconds}s hold).`);
        this.write(this.c.green.bold('✔ approved (hold over)') + '\n');
      }
      this.showNext();
    }, 1000);
    this.holding = { p, timer };
  }

  private cancelHold(why: string): void {
    const h = this.holding!;
    clearInterval(h.timer);
    this.holding = null;
    this.deny(h.p, why);
    this.showNext();
  }

  private deny(p: Pending, why: string): void {
    p.answer(false, `Denied by the human on ${this.terminal} (${why}). Do not retry this command unchanged; ask your human how to proceed.`);
    this.write(this.c.red.bold(`✖ denied (${why})`) + '\n');
  }

  private interrupt(): void {
    if (this.holding) {
      this.write('\n');
      this.armed = true;
      return this.cancelHold('Ctrl-C during the hold');
    }
    if (this.current) {
      this.write('\n');
      this.deny(this.current.p, 'Ctrl-C');
      this.armed = true;
      return this.showNext();
    }
    if (this.armed) return this.done(0);
    this.armed = true;
    this.write('\n' + this.c.dim('Press Ctrl-C again to stop the approver.') + '\n');
  }

  private withdrawn(p: Pending): void {
    if (this.holding?.p === p) {
      clearInterval(this.holding.timer);
      this.holding = null;
      this.write('\n' + this.c.yellow('✖ withdrawn during the hold: the requesting process went away') + '\n');
      return this.showNext();
    }
    if (this.current?.p === p) {
      // Flushed before the screen says so: what is typed after the notice is a fresh line.
      flushTypeAhead(this.input);
      this.write('\n' + this.c.yellow('✖ withdrawn: the requesting process went away (timed out or interrupted)') + '\n');
      return this.showNext(true);
    }
    const i = this.queue.indexOf(p);
    if (i >= 0) {
      this.queue.splice(i, 1);
      this.note('a queued request was withdrawn by its client');
    }
  }

  private write(s: string): void {
    this.output.write(s);
  }
}
