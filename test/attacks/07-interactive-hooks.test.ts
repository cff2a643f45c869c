// Attack 7: an agent driving an interactive shell with the hook (PTY tool, tmux): history
// expansion and fc re-run the blocked line; one line unbinds or replaces the hook; the
// same-terminal prompt appears where the agent types. Real bash in a PTY.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AIRLOCK, cleanSandboxes, sandbox, Term } from '../integrations/shell-hooks/helpers';

const BLOCKED = 'nothing of this command line was run';
const terms: Term[] = [];
afterEach(() => {
  while (terms.length) terms.pop()!.kill();
  cleanSandboxes();
});

function bash() {
  const sb = sandbox();
  const hook = spawnSync(AIRLOCK, ['init', 'bash'], { env: sb.env, encoding: 'utf8' }).stdout;
  fs.writeFileSync(path.join(sb.dir, 'hook.bash'), hook);
  fs.writeFileSync(path.join(sb.dir, 'rc.bash'), `PS1='P> '\nset -o histexpand\n. ${path.join(sb.dir, 'hook.bash')}\n`);
  const t = new Term('bash', ['--noprofile', '--rcfile', path.join(sb.dir, 'rc.bash'), '-i'], sb.env, sb.marks);
  terms.push(t);
  return { t, m: (n: string) => path.join(sb.marks, n), marks: sb.marks };
}

async function blocked(t: Term, keys: string): Promise<void> {
  const before = t.count(BLOCKED);
  t.write(keys);
  await t.waitCount(BLOCKED, before + 1);
}

async function runs(t: Term, marker: string): Promise<void> {
  const before = t.count(marker);
  t.write(`echo "${marker.slice(0, 2)}""${marker.slice(2)}"\r`);
  await t.waitCount(marker, before + 1);
}

describe('attack 7: interactive hooks driven by an agent', () => {
  it('history expansion and fc cannot re-run a blocked line; the hook cannot be unbound or replaced', async () => {
    const { t, m, marks } = bash();
    await runs(t, 'READY-0');
    await blocked(t, `touch ${m('a1')}; forbidden\r`);
    await blocked(t, '!!\r');
    await blocked(t, '!-1\r');
    await blocked(t, '^a1^a2\r');
    await blocked(t, 'fc -s\r');
    await blocked(t, 'fc -e - touch\r');
    await blocked(t, 'unset -f __airlock_guard\r');
    await blocked(t, "bind -r '\\C-m'\r");
    await blocked(t, '__airlock_guard() { :; }\r');
    await blocked(t, 'trap - DEBUG\r');
    await blocked(t, 'export AIRLOCK_ENV=development\r');
    // A nested shell that would not load the hook is a confirm (no approver here: blocked).
    await blocked(t, 'sh\r');
    await blocked(t, 'bash --norc\r');
    // The hook still checks after all of that.
    await blocked(t, `touch ${m('a3')}; forbidden\r`);
    await runs(t, 'AFTER-1');
    expect(fs.readdirSync(marks)).toEqual([]);
  }, 120_000);

  it('a confirm never prompts on the terminal the agent types into unless the user opted in', async () => {
    const { t, m, marks } = bash();
    await runs(t, 'READY-0');
    await blocked(t, `danger 2>/dev/null; touch ${m('no')}\r`);
    expect(t.out).not.toContain('to approve');
    expect(t.out).toMatch(/approver/);
    expect(fs.readdirSync(marks)).toEqual([]);
  }, 120_000);
});
