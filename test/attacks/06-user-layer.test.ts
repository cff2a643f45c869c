// Attack 6: the trusted user layer (~/.config/airlock/*.yaml) may `disable` rules. Any writer,
// relative paths and interpreters included, is refused; then the rule still holds.
import { describe, it } from 'vitest';
import { TIMEOUT, expectBlocked, expectIntact, sandbox, script, shell } from './helpers';

const writers = [
  'mkdir -p ~/.config/airlock && cp disable-rules.yaml ~/.config/airlock/user.yaml',
  'cat disable-rules.yaml > ~/.config/airlock/user.yaml',
  'cd ~/.config/airlock && cat ~/project/disable-rules.yaml > user.yaml',
  'cd ~/.config && tee airlock/user.yaml < ~/project/disable-rules.yaml',
  'install -D disable-rules.yaml ~/.config/airlock/user.yaml',
  'ln -s ~/project/disable-rules.yaml ~/.config/airlock/user.yaml',
  'rsync disable-rules.yaml ~/.config/airlock/',
  'dd if=disable-rules.yaml of=$HOME/.config/airlock/user.yaml',
  "python3 -c \"import shutil, os; shutil.copy('disable-rules.yaml', os.path.expanduser('~/.config/airlock/user.yaml'))\"",
  "node -e \"require('fs').copyFileSync('disable-rules.yaml', require('os').homedir() + '/.config/airlock/user.yaml')\"",
  'mv ~/.config /tmp/elsewhere',
];

describe('attack 6: writing the user layer', () => {
  it.each(writers)('%s', (line) => {
    const sb = sandbox();
    script(sb, 'disable-rules.yaml');
    expectBlocked(shell(sb, line));
    // Whatever happened, the files rules still hold.
    expectBlocked(shell(sb, 'rm -rf ./victim; stub after'));
    expectIntact(sb, line);
  }, TIMEOUT);
});
