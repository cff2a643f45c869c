// Attack 9: a shell or interpreter with no program runs whatever arrives on its stdin later,
// unchecked. Under `airlock -c` with a non-terminal stdin (and from a harness hook) that is a
// confirm: with no human, nothing runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';
import { TIMEOUT, claudeBash, expectBlocked, expectHookDenied, expectIntact, hook, sandbox, shell } from './helpers';

const payload = fs.readFileSync(path.join(__dirname, 'scripts', 'stdin-payload.sh'), 'utf8');
const pyPayload = "import os; os.system('rm -rf ./victim; stub py')\n";
const nodePayload = "require('child_process').execSync('rm -rf ./victim; stub node')\n";

describe('attack 9: interpreters fed on stdin', () => {
  it.each([
    ['bash', payload],
    ['sh', payload],
    ['exec sh', payload],
    ['bash -s', payload],
    ['python3', pyPayload],
    ['node', nodePayload],
  ])('airlock -c %s', (line, input) => {
    const sb = sandbox();
    expectBlocked(shell(sb, line, { input }));
    expectIntact(sb, line);
  }, TIMEOUT);

  it.each(['bash', 'python3', 'psql -h db.example.com app'])('hook: %s', (line) => {
    const sb = sandbox();
    expectHookDenied(hook(sb, 'claude-code', claudeBash(line, sb.project)));
  }, TIMEOUT);

  it('airlock -i with a non-terminal stdin checks that input first (bash and zsh)', () => {
    const shells = ['/bin/bash', ...['/bin/zsh', '/usr/bin/zsh'].filter((z) => fs.existsSync(z)).slice(0, 1)];
    for (const real of shells) {
      const sb = sandbox();
      const r = shell(sb, '', { args: ['-i'], input: payload, env: { AIRLOCK_SHELL: real } });
      expectBlocked(r, real);
      expectIntact(sb, real);
    }
  }, TIMEOUT);

  it('stdin known on the line is judged as usual (a harmless heredoc runs)', () => {
    const sb = sandbox();
    const r = spawnSync(process.execPath, [require.resolve('./helpers').replace(/helpers\.ts$/, '../../bin/airlock'), '-c', 'echo true | bash'], { cwd: sb.project, env: sb.env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  }, TIMEOUT);
});
