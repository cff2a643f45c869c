// A real interactive shell in a pty, for end-to-end hook tests. Polls output; no timing asserts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../..');
/** The airlock under test (the built bundle by default). */
export const AIRLOCK = process.env.AIRLOCK_TEST_BIN ?? path.join(ROOT, 'bin/airlock');

export const TEST_RULES = `rules:
  - id: test/danger
    description: test rule (confirm)
    severity: high
    decision: confirm
    match: { type: command, program: danger }
    resource: "danger-resource"
    message: danger needs a human
  - id: test/forbidden
    description: test rule (deny)
    severity: high
    decision: deny
    match: { type: command, program: forbidden }
    resource: "forbidden-resource"
    message: forbidden is denied
`;

/** Isolated dirs (HOME, runtime, state, config) and a ruleset with `danger` (confirm) and `forbidden` (deny). */
const made: string[] = [];
/** Removes the sandboxes made so far (call from afterEach/afterAll). */
export function cleanSandboxes(): void {
  while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true });
}

export function sandbox(): { dir: string; env: NodeJS.ProcessEnv; marks: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-sh-'));
  made.push(dir);
  for (const d of ['home', 'run', 'state', 'config', 'marks']) fs.mkdirSync(path.join(dir, d), { mode: 0o700 });
  fs.writeFileSync(path.join(dir, 'rules.yaml'), TEST_RULES);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: path.join(dir, 'home'),
    TERM: 'xterm',
    LANG: 'C.UTF-8',
    AIRLOCK_RUNTIME_DIR: path.join(dir, 'run'),
    AIRLOCK_STATE_DIR: path.join(dir, 'state'),
    AIRLOCK_CONFIG_DIR: path.join(dir, 'config'),
    AIRLOCK_RULESETS: path.join(dir, 'rules.yaml'),
    AIRLOCK_APPROVAL_TIMEOUT: '5',
  };
  return { dir, env, marks: path.join(dir, 'marks') };
}

export class Term {
  out = '';
  private pty: import('@lydell/node-pty').IPty;
  exited = false;

  constructor(file: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pty = require('@lydell/node-pty') as typeof import('@lydell/node-pty');
    this.pty = pty.spawn(file, args, { name: 'xterm', cols: 200, rows: 50, cwd, env: env as Record<string, string> });
    this.pty.onData((d) => {
      this.out += d;
    });
    this.pty.onExit(() => {
      this.exited = true;
    });
  }

  /** Output without escape sequences and CRs. */
  get text(): string {
    return this.out.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b[()][A-Za-z0-9]/g, '').replace(/\r/g, '');
  }

  count(s: string): number {
    return this.text.split(s).length - 1;
  }

  write(s: string): void {
    this.pty.write(s);
  }

  async waitFor(pred: () => boolean, what: string, timeoutMs = 40000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; output:\n${this.text.slice(-3000)}`);
      if (this.exited) throw new Error(`shell exited while waiting for ${what}; output:\n${this.text.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until `s` has appeared at least n times. */
  async waitCount(s: string, n: number, timeoutMs?: number): Promise<void> {
    await this.waitFor(() => this.count(s) >= n, `${n}x ${JSON.stringify(s)}`, timeoutMs);
  }

  kill(): void {
    try {
      this.pty.kill('SIGKILL');
    } catch {
      // gone
    }
  }
}
