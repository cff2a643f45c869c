// Attack 4: code the real shell runs before the line (BASH_ENV, ENV, --rcfile, --init-file,
// rc files of -i/-l) is part of the line: judged, or not run.
import { describe, it } from 'vitest';
import { TIMEOUT, expectBlocked, expectIntact, sandbox, script, shell } from './helpers';

describe('attack 4: start-up files are part of the line', () => {
  it.each([
    'BASH_ENV=./evil-rc.sh bash -c true',
    'ENV=./evil-rc.sh sh -c true',
    'export BASH_ENV=./evil-rc.sh; bash -c true',
    'bash --rcfile ./evil-rc.sh -i -c true',
    'bash --init-file ./evil-rc.sh -c true',
    'env BASH_ENV=./evil-rc.sh bash -c true',
  ])('%s', (line) => {
    const sb = sandbox();
    script(sb, 'evil-rc.sh');
    expectBlocked(shell(sb, line));
    expectIntact(sb, line);
  }, TIMEOUT);

  it('an rc file of -i/-l cannot be written from a guarded command first', () => {
    const sb = sandbox();
    script(sb, 'evil-rc.sh');
    expectBlocked(shell(sb, 'cat evil-rc.sh >> ~/.bashrc; bash -i -c true'));
    expectBlocked(shell(sb, 'cp evil-rc.sh ~/.bash_profile && bash -l -c true'));
    expectIntact(sb);
  }, TIMEOUT);
});
