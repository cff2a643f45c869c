// The task-runner config readers (justfile, Taskfile, Rakefile, tasks.py/noxfile.py, tox.ini, Makefile
// includes) and what each runner line runs, through check() in a temp project.
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJustfile } from '../../../src/analyzers/scripts/just';
import { parseTaskfile } from '../../../src/analyzers/scripts/taskfile';
import { parseRakefile } from '../../../src/analyzers/scripts/rake';
import { pyFunctions } from '../../../src/analyzers/scripts/pytasks';
import { parseIni } from '../../../src/analyzers/scripts/tox';
import { shebangLang } from '../../../src/analyzers/scripts/recipes';
import { check } from '../../../src/engine';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function project(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-runners-'));
  dirs.push(d);
  for (const [n, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, n)), { recursive: true });
    fs.writeFileSync(path.join(d, n), t);
  }
  return d;
}
const rules = async (line: string, cwd: string) => (await check(line, { cwd, env: { HOME: '/home/agent', PATH: '/usr/bin:/bin' } })).findings.map((f) => f.rule);

describe('justfile reader', () => {
  const jf = parseJustfile('x := "a b"\nexport Y := `date`\n\n# doc\n[private]\n@build target="dist" *flags: (dep "1") && post\n    echo {{target}}\n\n    mkdir -p {{target}}\n\ndep n:\n    echo {{n}}\npost:\n    echo done\n');
  it('reads variables, parameters, dependencies and bodies (blank lines inside kept)', () => {
    expect(jf.first).toBe('build');
    expect(jf.vars.get('x')).toBe('a b');
    expect(jf.vars.get('Y')).toContain('airlock-computed');
    const b = jf.recipes.get('build')!;
    expect(b.params.map((p) => [p.name, p.dflt, p.variadic])).toEqual([['target', 'dist', false], ['flags', null, true]]);
    expect(b.deps).toEqual([{ name: 'dep', args: ['1'] }]);
    expect(b.after).toEqual([{ name: 'post', args: [] }]);
    expect(b.body).toEqual(['echo {{target}}', '', 'mkdir -p {{target}}']);
  });
});

describe('Taskfile reader', () => {
  it('reads short and long task forms, deps and task calls', () => {
    const tf = parseTaskfile('version: "3"\nvars: { A: 1 }\ntasks:\n  hi: echo hi\n  two: [echo a, echo b]\n  full:\n    deps: [hi, { task: two, vars: { X: y } }]\n    cmds:\n      - cmd: echo c\n      - task: hi\n      - defer: echo bye\n')!;
    expect(tf.vars).toEqual({ A: '1' });
    expect(tf.tasks.get('hi')!.steps).toEqual([{ cmd: 'echo hi' }]);
    expect(tf.tasks.get('two')!.steps).toEqual([{ cmd: 'echo a' }, { cmd: 'echo b' }]);
    const full = tf.tasks.get('full')!;
    expect(full.deps).toEqual([{ task: 'hi', vars: {} }, { task: 'two', vars: { X: 'y' } }]);
    expect(full.steps).toEqual([{ cmd: 'echo c' }, { task: 'hi', vars: {} }, { cmd: 'echo bye' }]);
  });
  it('gives null for a file that is not YAML', () => {
    expect(parseTaskfile('tasks: [unclosed')).toBeNull();
  });
});

describe('Rakefile reader', () => {
  it('reads tasks with prerequisites inside namespaces', () => {
    const t = parseRakefile('task default: [:test]\n\ntask :test do\n  sh "rspec"\nend\n\nnamespace :db do\n  task :wipe => :load do\n    rm_rf "tmp"\n  end\n  task :load do\n  end\nend\n\ntask "deploy" => %i[test build] do\n  sh "cap deploy"\nend\n');
    expect([...t.keys()]).toEqual(['default', 'test', 'db:wipe', 'db:load', 'deploy']);
    expect(t.get('default')!.deps).toEqual(['test']);
    expect(t.get('db:wipe')!.deps).toEqual(['db:load']);
    expect(t.get('db:wipe')!.source.trim()).toBe('rm_rf "tmp"');
    expect(t.get('deploy')!.deps).toEqual(['test', 'build']);
  });
});

describe('Python task files and tox.ini', () => {
  it('finds top-level functions with their decorators and first parameter', () => {
    const fns = pyFunctions('from invoke import task\n\n@task(pre=[a])\ndef deploy(c, env="x"):\n    c.run("x")\n\n    c.run("y")\n\ndef helper():\n    pass\n');
    expect(fns.map((f) => [f.name, f.first, f.decorators])).toEqual([['deploy', 'c', '@task(pre=[a])'], ['helper', null, '']]);
    expect(fns[0]!.source).toContain('c.run("y")');
  });
  it('reads ini sections with continued values', () => {
    const ini = parseIni('[tox]\nenvlist = py311, lint\n\n[testenv]\ncommands =\n    pytest\n    coverage report\n');
    expect(ini.get('tox')!.get('envlist')).toBe('py311, lint');
    expect(ini.get('testenv')!.get('commands')!.split('\n').filter(Boolean)).toEqual(['pytest', 'coverage report']);
  });
  it('names the language a shebang runs', () => {
    expect(shebangLang('#!/usr/bin/env python3')).toBe('python');
    expect(shebangLang('#!/bin/bash -e')).toBe('shell');
    expect(shebangLang('#!/usr/bin/env -S node --no-warnings')).toBe('javascript');
    expect(shebangLang('#!/usr/bin/perl')).toBeNull();
  });
});

describe('runner lines through the pipeline', () => {
  const cwd = project({
    justfile: 'default:\n    echo hi\n\nperl:\n    #!/usr/bin/perl\n    print 1;\n\ncall: (other "x")\nother a:\n    kubectl delete namespace {{a}}\n',
    'Taskfile.yml': 'version: "3"\ntasks:\n  wipe:\n    cmds:\n      - kubectl delete namespace {{.NS}}\n',
    Makefile: 'include rules.mk\n',
    'rules.mk': 'all:\n\techo ok\nnuke:\n\tkubectl delete namespace prod\n',
    Rakefile: 'task :default do\n  puts "hi"\nend\n',
  });
  it('follows just dependencies with arguments, and asks for a shebang it cannot read', async () => {
    expect(await rules('just call', cwd)).toContain('kubernetes/delete-namespace');
    expect(await rules('just perl', cwd)).toContain('code/program-unreadable');
    expect(await rules('just', cwd)).toEqual([]);
    expect(await rules('just --list', cwd)).toEqual([]);
  });
  it('fills task variables from the line and asks for a computed task name', async () => {
    expect(await rules('task wipe NS=prod', cwd)).toContain('kubernetes/delete-namespace');
    expect(await rules('task $(cat name.txt)', cwd)).toContain('scripts/unresolved');
  });
  it('reads make targets from an included makefile, the first one by default', async () => {
    expect(await rules('make nuke', cwd)).toContain('kubernetes/delete-namespace');
    expect(await rules('make', cwd)).toEqual([]);
  });
  it('leaves rake tasks the Rakefile does not define to the ORM family', async () => {
    expect(await rules('rake', cwd)).toEqual([]);
    expect(await rules('rake db:drop', cwd)).toContain('orm/database-reset');
  });
});
