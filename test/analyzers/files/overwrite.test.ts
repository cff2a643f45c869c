// Overwrite is destruction: judged by what exists where the write lands (a fake home in a temp dir).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

let root = '';
let home = '';
let project = '';
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'airlock-overwrite-')));
  home = join(root, 'home', 'agent');
  project = join(home, 'app');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  mkdirSync(join(home, 'other'), { recursive: true });
  mkdirSync(project, { recursive: true });
  writeFileSync(join(home, '.bashrc'), 'export A=1\n');
  writeFileSync(join(home, 'other', 'notes.md'), 'mine\n');
  writeFileSync(join(project, 'notes.md'), 'project notes\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const judge = async (line: string) => {
  const r = await check(line, { cwd: project, env: { HOME: home, PATH: '/usr/bin:/bin' } });
  return { decision: r.decision, rules: r.findings.map((f) => f.rule), resources: r.findings.map((f) => f.resource) };
};

describe('overwriting existing files outside the project', () => {
  it('asks for > redirects, tee, cp, mv and dd onto an existing file, naming it', async () => {
    const r = await judge('echo x > ~/.bashrc');
    expect(r.rules).toContain('files/overwrite-outside-project');
    expect(r.resources).toContain(join(home, '.bashrc'));
    for (const l of ['echo x | tee ../other/notes.md', 'cp notes.md ../other/notes.md', 'mv notes.md ~/other/notes.md', 'dd if=notes.md of=../other/notes.md']) {
      expect((await judge(l)).rules, l).toContain('files/overwrite-outside-project');
    }
  });
  it('a new file, an append, a temp file or a directory destination passes', async () => {
    for (const l of ['echo x > ~/new-file.txt', 'echo x >> ~/notes.txt', 'echo x > /tmp/out.txt', 'cp notes.md ../other/', 'echo x | tee -a ../other/notes.md', 'cp -n notes.md ../other/notes.md']) {
      expect((await judge(l)).decision, l).toBe('allow');
    }
  });
  it('cp /dev/null empties a file wherever it is, the project included', async () => {
    // This project is no git work tree: nothing says notes.md could be restored.
    expect((await judge('cp /dev/null notes.md')).rules).toContain('files/overwrite-uncommitted');
    expect((await judge('cp /dev/null new.md')).decision).toBe('allow');
  });
});

describe('login and sudo files', () => {
  it('any write to authorized_keys asks, even an append to a missing file', async () => {
    expect((await judge('echo "ssh-ed25519 AAAA x" >> ~/.ssh/authorized_keys')).rules).toContain('files/overwrite-login-files');
    expect((await judge('cat k.pub | tee -a ~/.ssh/authorized_keys')).rules).toContain('files/overwrite-login-files');
  });
});

describe('mv of a protected directory, tar -x over /', () => {
  it('asks', async () => {
    expect((await judge('mv ~ /tmp/h')).rules).toContain('files/move-protected-directory');
    expect((await judge('mv . ../renamed')).rules).toContain('files/move-protected-directory');
    expect((await judge('tar -xzf b.tgz -C /')).rules).toContain('files/overwrite-outside-project');
    expect((await judge('tar -xzf b.tgz -C ~')).rules).toContain('files/overwrite-outside-project');
  });
  it('extracting into the project or a temp dir passes', async () => {
    for (const l of ['tar -xzf b.tgz', 'tar -xzf b.tgz -C /tmp/x', 'tar xf b.tar -C vendor']) expect((await judge(l)).decision, l).toBe('allow');
  });
});

describe('overwriting inside a git work tree: judged by what git cannot give back', () => {
  let repo = '';
  beforeAll(() => {
    repo = join(root, 'repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    mkdirSync(join(repo, 'dist'), { recursive: true });
    writeFileSync(join(repo, '.gitignore'), 'dist/\n*.log\n');
    writeFileSync(join(repo, 'src', 'app.ts'), 'export {};\n');
    writeFileSync(join(repo, 'src', 'clean.ts'), 'export {};\n');
    writeFileSync(join(repo, 'package.json'), '{}\n');
    const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'init');
    writeFileSync(join(repo, 'src', 'app.ts'), 'export const unsaved = 1;\n');
    writeFileSync(join(repo, 'notes.md'), 'untracked work\n');
    writeFileSync(join(repo, 'run.log'), 'ignored\n');
    writeFileSync(join(repo, 'dist', 'x.js'), '\n');
  });
  const inRepo = async (line: string) => {
    const r = await check(line, { cwd: repo, env: { HOME: home, PATH: '/usr/bin:/bin' } });
    return { decision: r.decision, rules: r.findings.map((f) => f.rule), findings: r.findings };
  };

  it('asks for every tool that replaces or empties an untracked or modified file, saying what is lost', async () => {
    for (const l of ['mv -f notes.md src/app.ts', 'cp /dev/null src/app.ts', 'cp package.json notes.md', '> notes.md', ': > src/app.ts', 'cat /dev/null > notes.md', 'dd if=/dev/zero of=notes.md bs=1 count=1', 'truncate -s 0 src/app.ts']) {
      const r = await inRepo(l);
      expect(r.decision, l).toBe('confirm');
      expect(r.rules.some((x) => x === 'files/overwrite-uncommitted' || x === 'files/truncate'), l).toBe(true);
    }
    const r = await inRepo('mv -f notes.md src/app.ts');
    expect(r.findings[0]!.reason).toContain('1 modified');
  });

  it('lets through what git can restore, what is ignored or regenerable, and files that do not exist', async () => {
    // A redirect or tee writing content is the agent writing that file (rewriting its own scratch files is routine).
    for (const l of ['cat > notes.md <<EOF\nnew\nEOF', 'echo x | tee src/app.ts', 'cp /dev/null src/clean.ts', 'mv -f notes.md src/clean.ts', 'echo x > package.json', 'truncate -s 0 package.json', '> package.json', 'truncate -s 0 new.log', 'truncate -s 0 absent.txt', '> run.log', 'cp notes.md dist/x.js', 'echo x > new.txt', 'mv notes.md later.md', 'echo x >> notes.md']) {
      expect((await inRepo(l)).decision, l).toBe('allow');
    }
  });
});
