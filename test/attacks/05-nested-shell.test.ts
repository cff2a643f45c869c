// Attack 5: a nested `airlock --shell PROG -c TEXT` (or AIRLOCK_SHELL=PROG) checks TEXT and then
// runs PROG, a file the agent wrote. Tampering, at the check and again in the nested airlock.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'vitest';
import { BIN, TIMEOUT, expectBlocked, expectIntact, sandbox, script, shell } from './helpers';

describe('attack 5: nested airlock choosing its own real shell', () => {
  it.each(["airlock --shell ./evil-shell -c 'true'", "airlock --shell=./evil-shell -c 'true'", "AIRLOCK_SHELL=./evil-shell airlock -c 'true'", "env AIRLOCK_SHELL=$PWD/evil-shell airlock -c true"])('%s', (line) => {
    const sb = sandbox();
    script(sb, 'evil-shell');
    fs.symlinkSync(BIN, path.join(sb.root, 'bin', 'airlock'));
    expectBlocked(shell(sb, line));
    expectIntact(sb, line);
  }, TIMEOUT);

  it('the nested airlock itself refuses --shell under a guard, whatever got it started', () => {
    const sb = sandbox();
    script(sb, 'evil-shell');
    const r = shell(sb, '', { args: ['--shell', './evil-shell', '-c', 'true'], env: { AIRLOCK_GUARDED: '1' } });
    expectBlocked(r);
    expectIntact(sb);
  }, TIMEOUT);
});
