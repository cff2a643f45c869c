// rm and friends through the whole pipeline: where a path lands decides.
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const cwd = '/work/agent-project';
const rules = async (line: string, env?: Record<string, string>) => {
  const r = await check(line, { cwd, ...(env ? { env } : {}) });
  return { decision: r.decision, rules: r.findings.map((f) => f.rule), resources: r.findings.map((f) => f.resource), facts: r.facts.filter((f) => f.type === 'file-delete') };
};

describe('rm: flag spellings', () => {
  it.each(['rm -rf /etc', 'rm -fr /etc', 'rm -Rf /etc', 'rm -r -f /etc', 'rm --recursive --force /etc', 'rm --rec --force /etc', 'rm /etc -rf', 'rm -rf -- /etc', 'rm -rf 2>/dev/null /etc', '/bin/rm -rf /etc', 'sudo rm -rf /etc', 'busybox rm -rf /etc'])('%s deletes /etc recursively', async (line) => {
    const r = await rules(line);
    expect(r.rules).toContain('files/delete-system');
    expect(r.resources).toContain('/etc');
    expect(r.facts[0]).toMatchObject({ recursive: true, class: 'system' });
  });
});

describe('rm: where the path lands', () => {
  it.each([
    ['rm -rf /', 'files/delete-root', 'deny'],
    ['rm -rf /*', 'files/delete-root', 'deny'],
    ['rm -rf ~', 'files/delete-home', 'deny'],
    ['rm -rf "$HOME"', 'files/delete-home', 'deny'],
    ['rm -rf ${HOME}/*', 'files/delete-home', 'deny'],
    ['rm -rf .', 'files/delete-project-root', 'confirm'],
    ['rm -rf *', 'files/delete-project-root', 'confirm'],
    ['rm -rf $PWD', 'files/delete-project-root', 'confirm'],
    ['rm -rf .git', 'files/delete-git-dir', 'confirm'],
    ['rm -rf ../sibling', 'files/delete-outside-project', 'confirm'],
    ['rm -rf src/../../x', 'files/delete-outside-project', 'confirm'],
    ['rm -rf /tmp/../home/me/code', 'files/delete-outside-project', 'confirm'],
    ['rm -rf $DIR/', 'files/delete-unknown', 'confirm'],
    ['rm -f .env', 'files/delete-sensitive', 'confirm'],
  ])('%s -> %s', async (line, rule, decision) => {
    const r = await rules(line);
    expect(r.rules).toContain(rule);
    expect(r.decision).toBe(decision);
  });

  it.each(['rm -rf node_modules', 'rm -rf dist build .next', 'rm -rf packages/app/dist', 'rm -rf ./coverage', 'rm -rf /tmp/x', 'rm -rf /var/tmp/cache', 'rm -rf $TMPDIR/build', 'rm -rf "${TMPDIR:-/tmp}/x"', 'rm -f /some/file.txt', 'rm -f $TMPFILE', 'rm -f .git/index.lock', 'rm -rf /tmp/*', 'rm -rf $PWD/dist', 'rm --help', 'rm -rf "$(mktemp -d)"', 'd=$(mktemp -d); rm -rf "$d"'])('%s is allowed', async (line) => {
    expect((await rules(line)).decision).toBe('allow');
  });

  it('uses the real HOME when the environment is known', async () => {
    const r = await rules('rm -rf /home/me', { HOME: '/home/me' });
    expect(r.rules).toContain('files/delete-home');
    expect(r.resources).toContain('/home/me');
    expect((await rules('rm -rf ~/old-project', { HOME: '/home/me' })).rules).toContain('files/delete-outside-project');
  });

  it('trusts $TMPDIR only when the line does not redefine it', async () => {
    expect((await rules('rm -rf $TMPDIR/x')).decision).toBe('allow');
    expect((await rules('TMPDIR=/Users rm -rf $TMPDIR/x')).rules).toContain('files/delete-unknown');
    expect((await rules('rm -rf $TMPDIR/../etc')).rules).toContain('files/delete-system');
  });
});

describe('cd earlier in the line', () => {
  it('judges relative paths against every directory the line may be in', async () => {
    expect((await rules('cd / && rm -rf usr')).rules).toContain('files/delete-system');
    expect((await rules('(cd / && rm -rf usr)')).rules).toContain('files/delete-system');
    expect((await rules('cd .. && rm -rf other')).rules).toContain('files/delete-outside-project');
    expect((await rules('cd "$X" && rm -rf build')).rules).toContain('files/delete-unknown');
    expect((await rules('cd packages/app && rm -rf dist')).decision).toBe('allow');
  });

  it('after `cd X &&` the rest of the chain runs in X alone; after `;`, `||` or a subshell, maybe not', async () => {
    // /tmp/foo is scratch space: nothing of the project's is involved.
    for (const l of ['cd /tmp && rm -rf foo', 'cd /tmp && ls && rm -rf foo', 'cd /tmp && { rm -rf foo; }', 'pushd /tmp && rm -rf foo']) expect((await rules(l)).decision, l).toBe('allow');
    // A cd that may have failed (or that a subshell kept to itself) leaves the project possible.
    for (const l of ['cd /tmp; rm -rf src', 'cd /tmp || true; rm -rf src', '(cd /tmp && make); rm -rf src', 'cd /tmp && make; rm -rf src', 'if cd /tmp; then rm -rf src; fi']) {
      expect((await rules(l)).rules, l).toContain('files/delete-project-path');
    }
    // Wrappers keep the directory; a nested shell starts where the outer line is.
    for (const l of ['cd / && sudo rm -rf usr', 'cd / && env rm -rf usr', "cd / && bash -c 'rm -rf usr'", 'cd /tmp && cd .. && rm -rf etc']) {
      expect((await rules(l)).rules, l).toContain('files/delete-system');
    }
  });
});

describe('globs that reach rm through variables', () => {
  it('an unquoted expansion is globbed; a loop over a glob stands for its matches', async () => {
    expect((await rules("x='*'; rm -rf $x")).rules).toContain('files/delete-project-root');
    expect((await rules("x='*'; rm -rf \"$x\"")).rules).not.toContain('files/delete-project-root');
    for (const [loop, plain] of [['for f in *; do rm -rf "$f"; done', 'rm -rf *'], ['for f in *.tmp; do rm -rf "$f"; done', 'rm -rf *.tmp'], ['for f in src/*; do rm -rf $f; done', 'rm -rf src/*']]) {
      const a = await rules(loop!);
      const b = await rules(plain!);
      expect({ decision: a.decision, rules: a.rules }, loop).toEqual({ decision: b.decision, rules: b.rules });
    }
  });
});

describe('inside the project', () => {
  it('flags recursive deletes of anything but build, cache and temp directories', async () => {
    expect((await rules('rm -rf src/old-module')).rules).toContain('files/delete-project-path');
    expect((await rules('rm -rf dist')).decision).toBe('allow');
  });
});

describe('xargs, find -exec, parallel', () => {
  it('treats input-fed operands as unknown', async () => {
    expect((await rules('cat dirs.txt | xargs rm -rf')).rules).toContain('files/delete-unknown');
    expect((await rules('echo / | xargs rm -rf')).rules).toContain('files/delete-root');
    expect((await rules("find / -exec sh -c 'rm -rf {}' \\;")).rules).toContain('files/delete-unknown');
  });
  it('reads parallel ::: inputs', async () => {
    expect((await rules('parallel rm -rf ::: /tmp/a /tmp/b')).decision).toBe('allow');
    expect((await rules('parallel rm -rf ::: /etc')).rules).toContain('files/delete-system');
  });
});

describe('shred and mv to /dev/null', () => {
  it('confirms secure erasure outside temp', async () => {
    expect((await rules('shred -u secret.txt')).rules).toContain('files/secure-erase');
    expect((await rules('shred -u /tmp/k')).decision).toBe('allow');
    expect((await rules('mv data /dev/null')).rules).toContain('files/move-to-dev-null');
  });
});

describe('rm: a HOME under /tmp is still home', () => {
  // Containers, CI runners and sandboxes put HOME under /tmp; the user's files there are not scratch.
  const env = { HOME: '/tmp/sandbox/home/agent', PATH: '/usr/bin:/bin' };
  it.each(['rm -rf ~/projects/old-site', 'rm -rf /tmp/sandbox/home/agent/projects/old-site', 'rm -r $HOME/code'])('%s asks', async (line) => {
    const r = await rules(line, env);
    expect(r.rules).toContain('files/delete-outside-project');
    expect(r.decision).toBe('confirm');
  });
  it('the rest of /tmp stays temp, and so does a TMPDIR inside that home', async () => {
    expect((await rules('rm -rf /tmp/build-cache', env)).decision).toBe('allow');
    expect((await rules('rm -rf /tmp/sandbox/home/agent/tmp/x', { ...env, TMPDIR: '/tmp/sandbox/home/agent/tmp' })).decision).toBe('allow');
  });
});
