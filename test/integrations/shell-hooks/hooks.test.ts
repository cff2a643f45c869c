// The bash and zsh pre-exec hooks, end to end: real interactive shells in a pty, the real
// airlock bundle as the resident server, marker files to prove that nothing of a blocked line ran.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { AIRLOCK, cleanSandboxes, sandbox, Term } from './helpers';

const BLOCKED = 'nothing of this command line was run';
const terms: Term[] = [];
afterEach(() => {
  while (terms.length) terms.pop()!.kill();
  cleanSandboxes();
});

function hookText(shell: 'bash' | 'zsh', env: NodeJS.ProcessEnv): string {
  const r = spawnSync(AIRLOCK, ['init', shell], { env, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Starts an interactive shell whose rc loads `before`, the hook, then `after`. */
function startShell(shell: 'bash' | 'zsh', opts: { before?: string; after?: string } = {}) {
  const sb = sandbox();
  const hookFile = path.join(sb.dir, `hook.${shell}`);
  fs.writeFileSync(hookFile, hookText(shell, sb.env));
  const rc = [opts.before ?? '', `. ${hookFile}`, opts.after ?? '', ''].join('\n');
  let t: Term;
  if (shell === 'bash') {
    fs.writeFileSync(path.join(sb.dir, 'rc.bash'), `PS1='P> '\nHISTCONTROL=ignoreboth\n${rc}`);
    t = new Term('bash', ['--noprofile', '--rcfile', path.join(sb.dir, 'rc.bash'), '-i'], sb.env, sb.marks);
  } else {
    const zd = path.join(sb.dir, 'zdot');
    fs.mkdirSync(zd);
    fs.writeFileSync(path.join(zd, '.zshrc'), `PS1='Z> '\nsetopt HIST_IGNORE_SPACE\n${rc}`);
    t = new Term('zsh', ['-i'], { ...sb.env, ZDOTDIR: zd }, sb.marks);
  }
  terms.push(t);
  return { t, sb };
}

/** Sends a line that must run: it echoes a marker we then wait for. */
async function runs(t: Term, line: string, marker: string): Promise<void> {
  const before = t.count(marker);
  t.write(`${line}; echo "${marker.slice(0, 2)}""${marker.slice(2)}"\r`);
  await t.waitCount(marker, before + 1);
}

async function blocked(t: Term, keys: string): Promise<void> {
  const before = t.count(BLOCKED);
  t.write(keys);
  await t.waitCount(BLOCKED, before + 1);
}

async function battery(shell: 'bash' | 'zsh', t: Term, marks: string): Promise<void> {
  const m = (n: string) => path.join(marks, n);
  await runs(t, 'echo ready', 'READY-0'); // the server is up
  await blocked(t, `touch ${m('a1')}; forbidden; touch ${m('b1')}\r`);
  await blocked(t, ` touch ${m('a2')}; forbidden\r`); // leading space (ignoreboth / HIST_IGNORE_SPACE)
  await blocked(t, `echo x | forbidden | touch ${m('a3')}\r`); // a pipeline stage
  await blocked(t, `touch ${m('a4')} \\\r&& forbidden && touch ${m('b4')}\r`); // continued line
  await blocked(t, `touch ${m('a5')}; "forb"idden\r`);
  for (let i = 0; i < 10; i++) await runs(t, `touch ${m(`ok${i}`)}`, `DONE-${i}`);
  const files = fs.readdirSync(marks).sort();
  expect(files).toEqual(Array.from({ length: 10 }, (_, i) => `ok${i}`).sort());
  void shell;
}

describe('bash hook', () => {
  it('stops whole lines (list, pipeline stage, continuation, leading space) and never wedges', async () => {
    const { t, sb } = startShell('bash');
    await battery('bash', t, sb.marks);
    // The coprocess is not a job of the user's shell.
    await runs(t, 'jobs; echo "jobs:$(jobs | wc -l)"', 'JOBS-1');
    expect(t.text).toContain('jobs:0');
  }, 120000);

  it('keeps an existing DEBUG trap and PROMPT_COMMAND (what bash-preexec/starship/atuin use) working', async () => {
    const { t, sb } = startShell('bash', {
      before: `__pc=0; PROMPT_COMMAND='__pc=$((__pc+1))'; __dbg=0; trap '__dbg=$((__dbg+1))' DEBUG`,
    });
    await runs(t, 'echo x', 'PRE-1');
    await blocked(t, `touch ${path.join(sb.marks, 'a')}; forbidden\r`);
    await runs(t, 'echo "pc=$__pc dbg=$__dbg"', 'PRE-2');
    const m = /pc=(\d+) dbg=(\d+)/.exec(t.text.split('\n').reverse().find((l) => /^pc=\d/.test(l)) ?? '');
    expect(Number(m?.[1])).toBeGreaterThan(1);
    expect(Number(m?.[2])).toBeGreaterThan(1);
    expect(fs.readdirSync(sb.marks)).toEqual([]);
  }, 120000);

  it('confirm with the opt-in same-terminal prompt: the right name runs the line, a wrong one does not', async () => {
    const { t, sb } = startShell('bash', { before: 'export AIRLOCK_SAME_TERMINAL=1' });
    await runs(t, 'echo ready', 'READY-0');
    t.write(`danger 2>/dev/null; touch ${path.join(sb.marks, 'no')}\r`);
    await t.waitCount('to approve', 1);
    t.write('wrong-name\r');
    await t.waitCount(BLOCKED, 1);
    t.write(`danger 2>/dev/null; touch ${path.join(sb.marks, 'yes')}\r`);
    await t.waitCount('to approve', 2);
    t.write('danger-resource\r');
    await t.waitFor(() => fs.existsSync(path.join(sb.marks, 'yes')), 'approved line to run');
    await runs(t, 'echo after', 'AFTER-1');
    expect(fs.readdirSync(sb.marks)).toEqual(['yes']);
  }, 120000);

  it('restarts a dead server and keeps checking', async () => {
    const { t, sb } = startShell('bash');
    await runs(t, 'echo ready', 'READY-0');
    await runs(t, 'kill -9 $__airlock_pid; sleep 0.5', 'KILLED-1');
    await blocked(t, `touch ${path.join(sb.marks, 'a')}; forbidden\r`);
    await runs(t, 'echo again', 'AGAIN-1');
    expect(fs.readdirSync(sb.marks)).toEqual([]);
  }, 120000);
});

describe('zsh hook', () => {
  it('stops whole lines and never wedges', async () => {
    const { t, sb } = startShell('zsh');
    await battery('zsh', t, sb.marks);
  }, 120000);

  it('guards accept-and-hold (ESC a) and accept-line-and-down-history (^O)', async () => {
    const { t, sb } = startShell('zsh');
    await runs(t, 'echo ready', 'READY-0');
    await blocked(t, `touch ${path.join(sb.marks, 'a')}; forbidden\x1ba`);
    await blocked(t, `touch ${path.join(sb.marks, 'b')}; forbidden\x0f`);
    await runs(t, 'echo after', 'AFTER-1');
    expect(fs.readdirSync(sb.marks)).toEqual([]);
  }, 120000);

  const plugins = ['/usr/share/zsh-autosuggestions/zsh-autosuggestions.zsh', '/usr/share/zsh-syntax-highlighting/zsh-syntax-highlighting.zsh'];
  it('works with zsh-autosuggestions and zsh-syntax-highlighting loaded around it (apt packages, installed by .ci/run)', async () => {
    for (const p of plugins) expect(fs.existsSync(p), `${p} missing: apt-get install zsh-autosuggestions zsh-syntax-highlighting`).toBe(true);
    const { t, sb } = startShell('zsh', { before: `source ${plugins[0]}`, after: `source ${plugins[1]}` });
    await battery('zsh', t, sb.marks);
  }, 180000);
});
