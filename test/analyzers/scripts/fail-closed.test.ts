// Task runners fail closed: a config file that exists but cannot be read (over the size bound), a
// Makefile include airlock cannot resolve, a Taskfile include it cannot follow; `python -m` runners
// and Taskfile includes it can follow are read like the runner's own config. Through check().
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check } from '../../../src/engine';
import { parseTaskfile } from '../../../src/analyzers/scripts/taskfile';
import { pythonModuleRunner } from '../../../src/normalize/pymodule';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function project(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-failclosed-'));
  dirs.push(d);
  for (const [n, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, n)), { recursive: true });
    fs.writeFileSync(path.join(d, n), t);
  }
  return d;
}
const run = (line: string, cwd: string) => check(line, { cwd, env: { HOME: '/home/agent', PATH: '/usr/bin:/bin' } });
const rules = async (line: string, cwd: string) => (await run(line, cwd)).findings.map((f) => f.rule);

// Over the engine's 1 MiB bound: exists, but airlock does not read it.
const HUGE = `# padding\n${'#'.repeat(1024 * 1024 + 16)}\n`;

describe('config files over the size bound', () => {
  const cases: [string, string, string][] = [
    ['justfile', 'just clean', 'justfile'],
    ['Taskfile.yml', 'task clean', 'Taskfile.yml'],
    ['Rakefile', 'rake clean', 'Rakefile'],
    ['tasks.py', 'invoke clean', 'tasks.py'],
    ['noxfile.py', 'nox -s clean', 'noxfile.py'],
    ['tox.ini', 'tox -e clean', 'tox.ini'],
    ['Makefile', 'make clean', 'Makefile'],
  ];
  for (const [file, line, resource] of cases) {
    it(`${line}: confirm naming ${resource}`, async () => {
      const cwd = project({ [file]: HUGE });
      const r = await run(line, cwd);
      expect(r.decision).toBe('confirm');
      const f = r.findings.find((x) => x.rule === 'code/program-unreadable');
      expect(f?.resource).toBe(resource);
    });
  }
  it('a missing config is still only the runner\'s own error', async () => {
    const cwd = project({});
    expect(await rules('just', cwd)).toEqual([]);
    expect(await rules('rake', cwd)).toEqual([]);
    expect(await rules('tox', cwd)).toEqual([]);
    expect(await rules('nox', cwd)).toEqual([]);
  });
});

describe('Makefile includes airlock cannot resolve', () => {
  const cwd = project({
    Makefile: 'include $(CONFIG_DIR)/targets.mk\n-include local.mk\n\nbuild:\n\tmkdir -p dist\n\nall: build\n',
    'local.mk': 'lint:\n\techo lint\n',
  });
  it('confirms a target with no recipe in the readable files', async () => {
    const r = await run('make wipe', cwd);
    expect(r.decision).toBe('confirm');
    expect(r.findings.map((f) => f.rule)).toContain('code/program-unreadable');
  });
  it('allows targets whose recipe airlock read (here or in a readable include)', async () => {
    expect(await rules('make build', cwd)).toEqual([]);
    expect(await rules('make all', cwd)).toEqual([]);
    expect(await rules('make lint', cwd)).toEqual([]);
  });
  it('a glob in the file name is listed and read; one in a directory is not', async () => {
    const g = project({ Makefile: 'include mk/*.mk\nbuild:\n\techo ok\n', 'mk/a.mk': 'x:\n\techo x\n', 'mk/b.mk': 'nuke:\n\tkubectl delete namespace prod\n' });
    expect(await rules('make nuke', g)).toContain('kubernetes/delete-namespace');
    expect(await rules('make x', g)).toEqual([]);
    expect(await rules('make missing', g)).toEqual([]);
    const d = project({ Makefile: 'include */rules.mk\nbuild:\n\techo ok\n' });
    expect(await rules('make wipe', d)).toContain('code/program-unreadable');
    expect(await rules('make build', d)).toEqual([]);
  });
  it('variables the makefile or the line sets fill include names', async () => {
    const v = project({ Makefile: 'MK := config\ninclude $(MK)/targets.mk\ninclude $(EXTRA)/more.mk\n', 'config/targets.mk': 'nuke:\n\tkubectl delete namespace prod\n', 'other/more.mk': 'wipe:\n\tkubectl delete namespace shop\n' });
    expect(await rules('make nuke', v)).toContain('kubernetes/delete-namespace');
    expect(await rules('make wipe', v)).toContain('code/program-unreadable');
    expect(await rules('make wipe EXTRA=other', v)).toContain('kubernetes/delete-namespace');
  });
});

describe('Taskfile includes', () => {
  it('parses includes in both forms', () => {
    const tf = parseTaskfile('version: "3"\nincludes:\n  db: ./db\n  ops:\n    taskfile: ./ops/Tasks.yml\n    optional: true\n    flatten: true\ntasks: {}\n')!;
    expect(tf.includes).toEqual([
      { ns: 'db', taskfile: './db', optional: false, flatten: false },
      { ns: 'ops', taskfile: './ops/Tasks.yml', optional: true, flatten: true },
    ]);
  });
  const cwd = project({
    'Taskfile.yml': 'version: "3"\nincludes:\n  db: ./db\n  ops:\n    taskfile: ./ops/Tasks.yml\n    flatten: true\n  os: ./{{OS}}/Taskfile.yml\ntasks:\n  build:\n    cmds: [mkdir -p dist]\n',
    'db/Taskfile.yml': 'version: "3"\ntasks:\n  wipe:\n    cmds:\n      - task: drop\n  drop: kubectl delete namespace prod\n  status: echo ok\n',
    'ops/Tasks.yml': 'version: "3"\ntasks:\n  nuke: kubectl delete namespace shop\n',
  });
  it('reads a namespaced task from an included directory (and its own task calls)', async () => {
    expect(await rules('task db:wipe', cwd)).toContain('kubernetes/delete-namespace');
    expect(await rules('task db:status', cwd)).toEqual([]);
  });
  it('reads a flattened include', async () => {
    expect(await rules('task nuke', cwd)).toContain('kubernetes/delete-namespace');
  });
  it('confirms a task that may come from an include with a templated path', async () => {
    expect(await rules('task os:clean', cwd)).toContain('code/program-unreadable');
    expect(await rules('task build', cwd)).toEqual([]);
  });
});

describe('python -m invoke|nox|tox', () => {
  it('finds the runner module', () => {
    const w = (s: string) => s.split(' ').map((v) => ({ raw: v, value: v }));
    expect(pythonModuleRunner(w('python3 -u -m invoke clean'))?.map((x) => x.value)).toEqual(['invoke', 'clean']);
    expect(pythonModuleRunner(w('python3 -m pytest -q'))).toBeNull();
    expect(pythonModuleRunner(w('python3 x.py -m invoke'))).toBeNull();
  });
  const cwd = project({
    'tasks.py': 'from invoke import task\n\n@task\ndef wipe(c):\n    c.run("kubectl delete namespace prod")\n\n@task\ndef build(c):\n    c.run("mkdir -p dist")\n',
    'noxfile.py': 'import nox\n\n@nox.session\ndef wipe(session):\n    session.run("kubectl", "delete", "namespace", "prod")\n\n@nox.session\ndef tests(session):\n    session.run("pytest")\n',
    'tox.ini': '[tox]\nenvlist = py\n\n[testenv]\ncommands = pytest\n\n[testenv:wipe]\ncommands = kubectl delete namespace prod\n',
  });
  for (const [bad, good] of [['python3 -m invoke wipe', 'python3 -m invoke build'], ['python -m nox -s wipe', 'python -m nox -s tests'], ['python3 -m tox -e wipe', 'python3 -m tox -e py']] as const) {
    it(`${bad} flags, ${good} does not`, async () => {
      expect(await rules(bad, cwd)).toContain('kubernetes/delete-namespace');
      expect(await rules(good, cwd)).toEqual([]);
    });
  }
});
