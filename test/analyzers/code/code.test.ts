// Inline interpreter code: direct delete APIs, their literal paths, and strings that only mention them.
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const cwd = '/work/agent-project';
const run = async (line: string) => {
  const r = await check(line, { cwd });
  return { decision: r.decision, rules: r.findings.map((f) => f.rule), facts: r.facts.filter((f) => f.type === 'code-delete') };
};

describe('code analyzer', () => {
  it.each([
    [`python3 -c "import shutil; shutil.rmtree('/')"`, 'code/delete-root-or-home', '/'],
    [`python -c "import shutil; shutil.rmtree('/srv/data')"`, 'code/recursive-delete', '/srv/data'],
    [`python3 -c "import shutil, os; shutil.rmtree(os.path.join(os.path.expanduser('~'), 'work'))"`, 'code/recursive-delete', '~/work'],
    [`node -e "require('fs').rmSync('/etc', {recursive: true, force: true})"`, 'code/recursive-delete', '/etc'],
    [`node -e "const {rmSync} = require('fs'); rmSync(process.env.TARGET, {recursive: true})"`, 'code/recursive-delete', '(computed in code)'],
    [`ruby -e "require 'fileutils'; FileUtils.rm_rf Dir.home"`, 'code/delete-root-or-home', '~'],
    [`perl -e "unlink '/etc/passwd', '/etc/shadow'"`, 'code/delete-file', '/etc/passwd'],
    [`php -r "unlink('/var/www/html/index.php');"`, 'code/delete-file', '/var/www/html/index.php'],
    ["python3 <<'EOF'\nimport shutil\nshutil.rmtree('/opt/app')\nEOF", 'code/recursive-delete', '/opt/app'],
  ])('%s -> %s', async (line, rule, p) => {
    const r = await run(line);
    expect(r.rules).toContain(rule);
    expect(r.facts.map((f) => f.path)).toContain(p);
  });

  it.each([
    `python3 -c "import shutil; shutil.rmtree('build')"`,
    `python3 -c "import shutil; shutil.rmtree('/tmp/scratch')"`,
    `node -e "require('fs').rmSync('dist', {recursive: true})"`,
    `node -e "console.log('fs.rmSync(\\"/\\", {recursive: true})')"`,
    `python -c "print('shutil.rmtree(\\"/\\")')"`,
    `python3 -c "import os; os.remove('out.json')"`,
    `ruby -e "puts File.delete?"`,
  ])('%s is allowed', async (line) => {
    expect((await run(line)).decision).toBe('allow');
  });

  it('only deletes recursively when fs.rm is asked to', async () => {
    const r = await run(`node -e "require('fs').rmSync('/srv/x/file.txt')"`);
    expect(r.facts[0]).toMatchObject({ recursive: false, class: 'outside', api: 'fs.rmSync' });
    expect(r.rules).toContain('code/delete-file');
  });
});
