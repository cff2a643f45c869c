// `airlock -c` and friends must be indistinguishable from bash for allowed commands, and run
// nothing of a blocked one. Every case runs the same invocation through bash and through airlock.
import { spawn, spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShellArgs, shellMode } from '../../src/run/argv';
import { AIRLOCK, cleanSandboxes, sandbox, Term } from '../integrations/shell-hooks/helpers';

const sb = sandbox();
afterAll(() => cleanSandboxes());

function run(cmd: string, args: string[], opts: { input?: Buffer | string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): SpawnSyncReturns<Buffer> {
  return spawnSync(cmd, args, { env: { ...sb.env, ...opts.env }, cwd: opts.cwd ?? sb.dir, input: opts.input ?? '', maxBuffer: 64 * 1024 * 1024, timeout: 60000 });
}

function same(args: string[], opts: Parameters<typeof run>[2] = {}) {
  const b = run('bash', args, opts);
  const a = run(AIRLOCK, args, opts);
  expect({ status: a.status, signal: a.signal, stdout: a.stdout.toString('latin1'), stderr: a.stderr.toString() }).toEqual({
    status: b.status,
    signal: b.signal,
    stdout: b.stdout.toString('latin1'),
    stderr: b.stderr.toString(),
  });
  return a;
}

describe('argv parsing', () => {
  it('understands bash invocation forms', () => {
    const p = (argv: string[], argv0 = 'airlock') => parseShellArgs(argv, argv0);
    expect(shellMode(p(['-c', 'ls', 'n', 'a']), () => false)).toEqual({ kind: 'command', text: 'ls' });
    expect(p(['-lc', 'ls']).login).toBe(true);
    expect(shellMode(p(['-c', '-l', 'ls']), () => false)).toEqual({ kind: 'command', text: 'ls' }); // Claude Code's form
    expect(shellMode(p(['-O', 'extglob', '-c', 'x', '--', 'echo']), () => false)).toEqual({ kind: 'command', text: 'x' });
    expect(shellMode(p(['-o', 'pipefail', '+O', 'extglob', 'script.sh', 'a']), () => false)).toEqual({ kind: 'script', file: 'script.sh' });
    expect(shellMode(p(['-s', 'a', 'b']), () => false)).toEqual({ kind: 'stdin' });
    expect(shellMode(p([]), () => true)).toEqual({ kind: 'interactive' });
    expect(shellMode(p([]), (fd) => fd === 2)).toEqual({ kind: 'stdin' });
    expect(shellMode(p(['-i']), () => false)).toEqual({ kind: 'interactive' });
    expect(p([], '-airlock').login).toBe(true);
    const own = p(['--env', 'staging', '--shell=/bin/zsh', '--ruleset', 'r.yaml', '-ec', 'true']);
    expect([own.env, own.shell, own.rulesets, own.shellOptions, own.operands]).toEqual(['staging', '/bin/zsh', ['r.yaml'], ['-ec'], ['true']]);
    expect(p(['--norc', '--rcfile', 'f', '-i']).shellOptions).toEqual(['--norc', '--rcfile', 'f', '-i']);
    expect(shellMode(p(['--env']), () => false).kind).toBe('error');
  });
});

describe('airlock -c is transparent', () => {
  it('pipes, traps, set -e, flags', () => {
    same(['-c', "printf 'a\\nb\\nc\\n' | sort -r | head -2"]);
    same(['-c', "trap 'echo bye; echo err >&2' EXIT; echo hi"]);
    same(['-c', 'set -e; false; echo not-reached']);
    same(['-ec', 'false; echo not-reached']);
    same(['-o', 'pipefail', '-c', 'false | true; echo $?']);
    same(['+o', 'pipefail', '-c', 'false | true; echo $?']);
    same(['-O', 'extglob', '-c', 'shopt extglob']);
    same(['-lc', 'shopt -q login_shell && echo login']);
    same(['-c', '-l', 'shopt -q login_shell && echo login']);
    same(['-c', 'echo "$0|$#|$1|$2"', 'name', 'a', 'b c']);
    same(['-c', 'echo "$0|$#"']);
    same(['-xc', 'echo traced']);
  });

  it('exit codes 0..255 (sample)', () => {
    for (const n of [0, 1, 2, 3, 42, 125, 126, 127, 128, 130, 200, 254, 255]) same(['-c', `exit ${n}`]);
    same(['-c', 'no-such-command-xyz']);
  });

  it('binary stdout and 10 MB of stdin', () => {
    const bin = path.join(sb.dir, 'random.bin');
    fs.writeFileSync(bin, spawnSync('head', ['-c', '100000', '/dev/urandom']).stdout);
    const a = same(['-c', `cat ${bin}`]);
    expect(Buffer.compare(a.stdout, fs.readFileSync(bin))).toBe(0);
    const big = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 131) & 0xff;
    const r = run(AIRLOCK, ['-c', 'cat'], { input: big });
    expect(r.status).toBe(0);
    expect(Buffer.compare(r.stdout, big)).toBe(0);
  });

  it('cwd and environment are preserved; AIRLOCK_GUARDED=1 is added', () => {
    const cwd = fs.mkdtempSync(path.join(sb.dir, 'cwd-'));
    const opts = { cwd, env: { FOO: 'bar baz', EMPTY: '' } };
    same(['-c', 'pwd; echo "$FOO|${EMPTY-unset}|${NOPE-unset}"; umask'], opts);
    expect(run(AIRLOCK, ['-c', 'echo $AIRLOCK_GUARDED']).stdout.toString()).toBe('1\n');
  });

  it('dies by the same signal as the shell', () => {
    for (const sig of ['TERM', 'INT', 'HUP', 'KILL', 'PIPE', 'USR1']) same(['-c', `kill -${sig} $$`]);
    same(['-c', 'sleep 5 & kill -TERM $!; wait $!; echo "st=$?"']);
  });

  it('forwards signals sent to its pid (SIGTERM, SIGINT without a terminal)', async () => {
    for (const [sig, code] of [['SIGTERM', 7], ['SIGINT', 8], ['SIGUSR1', 9]] as const) {
      const name = sig.slice(3);
      // `wait` returns at once for a trapped signal; a foreground `sleep` would let bash defer it
      // (bash's wait-and-cooperative-exit for SIGINT), which makes the test racy on a loaded box.
      const p = spawn(AIRLOCK, ['-c', `trap 'echo got-${name}; exit ${code}' ${name}; echo ready; while :; do sleep 0.05 & wait $!; done`], { env: sb.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const until = Date.now() + 30000;
      while (!out.includes('ready') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      p.kill(sig);
      // 'close', not 'exit': output can still be in the pipe when the process has exited.
      const status = await new Promise<number | null>((r) => p.on('close', (c) => r(c)));
      expect(out).toContain(`got-${name}`);
      expect(status).toBe(code);
    }
  }, 90_000); // three node start-ups: slow on a loaded 2-core machine

  it('a terminal ^C reaches the command once, and airlock mirrors its end', async () => {
    const t = new Term(AIRLOCK, ['-c', 'echo ready; sleep 30; echo not-reached'], sb.env, sb.dir);
    await t.waitCount('ready', 1);
    t.write('\x03');
    await t.waitFor(() => t.exited, 'exit after ^C');
    expect(t.text).not.toContain('not-reached');
  });
});

const m = (n: string) => path.join(sb.marks, n);

describe('blocked commands', () => {
  it('-c: exit 126, the reason on stderr, nothing of the list runs', () => {
    const r = run(AIRLOCK, ['-c', `touch ${m('a')}; forbidden; touch ${m('b')}`]);
    expect(r.status).toBe(126);
    expect(r.stderr.toString()).toContain('test/forbidden');
    expect(r.stdout.length).toBe(0);
    const c = run(AIRLOCK, ['-c', `touch ${m('c')} | danger`]); // confirm without an approver
    expect(c.status).toBe(126);
    expect(c.stderr.toString()).toContain('airlock approver');
    expect(fs.readdirSync(sb.marks)).toEqual([]);
  });

  it('script file and stdin script are checked in full', () => {
    const script = path.join(sb.dir, 's.sh');
    fs.writeFileSync(script, `touch ${m('s1')}\nif true; then\n  forbidden\nfi\n`);
    expect(run(AIRLOCK, [script]).status).toBe(126);
    expect(run(AIRLOCK, [], { input: `touch ${m('s2')}\nforbidden\n` }).status).toBe(126);
    expect(run(AIRLOCK, ['-s', 'x'], { input: `touch ${m('s3')}; forbidden` }).status).toBe(126);
    expect(fs.readdirSync(sb.marks)).toEqual([]);
    const ok = path.join(sb.dir, 'ok.sh');
    fs.writeFileSync(ok, 'echo "script $0 $1"; read -r line; echo "read: $line"\n');
    same([ok, 'arg'], { input: 'data\n' });
    same([], { input: 'echo from-stdin; read -r l; echo "next: $l"\nthis line is data\necho end\n' });
    same(['-s', 'p1', 'p2'], { input: 'echo "$1 $2 $#"' });
  });

  it('a session environment and --shell are airlock options, not bash ones', () => {
    const r = run(AIRLOCK, ['--env', 'staging', '--shell', '/bin/bash', '-c', 'echo "$AIRLOCK_GUARDED"']);
    expect(r.stdout.toString()).toBe('1\n');
  });
});

describe('interactive', () => {
  it('airlock -i starts bash with the hook loaded', async () => {
    const t = new Term(AIRLOCK, ['-i'], { ...sb.env, PS1: 'P> ' }, sb.dir);
    await t.waitFor(() => t.text.includes('$') || t.text.includes('#') || t.text.includes('>'), 'prompt');
    t.write(`touch ${m('i1')}; forbidden\r`);
    await t.waitCount('nothing of this command line was run', 1);
    t.write('echo "in""teractive-ok"; exit\r');
    await t.waitFor(() => t.exited, 'exit');
    expect(t.text).toContain('interactive-ok');
    expect(fs.existsSync(m('i1'))).toBe(false);
  }, 60000);

  it('airlock --shell zsh -i starts zsh with the hook loaded after the user .zshrc', async () => {
    fs.writeFileSync(path.join(sb.env.HOME!, '.zshrc'), "PS1='Z> '\necho user-zshrc-loaded\n");
    const t = new Term(AIRLOCK, ['--shell', 'zsh', '-i'], sb.env, sb.dir);
    await t.waitCount('user-zshrc-loaded', 1);
    t.write(`touch ${m('z1')}; forbidden\r`);
    await t.waitCount('nothing of this command line was run', 1);
    t.write('echo "in""teractive-ok"; exit\r');
    await t.waitFor(() => t.exited, 'exit');
    expect(t.text).toContain('interactive-ok');
    expect(fs.existsSync(m('z1'))).toBe(false);
  }, 60000);
});

describe('BASH_ENV guard', () => {
  // stdin must not be a socket: bash then believes rshd/sshd started it, reads bashrc instead
  // and skips BASH_ENV (Node's spawn pipes are socketpairs). A documented limit of BASH_ENV.
  const bash = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync('bash', args, { env: { ...sb.env, ...env }, cwd: sb.dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
  it('checks bash -c text and scripts before they run', () => {
    const f = path.join(sb.dir, 'bash_env');
    fs.writeFileSync(f, run(AIRLOCK, ['init', 'bash', '--non-interactive']).stdout);
    const env = { BASH_ENV: f };
    const r = bash(['-c', `touch ${m('e1')}; forbidden`], env);
    expect(r.status, r.stderr.toString()).toBe(126);
    expect(r.stderr.toString()).toContain('test/forbidden');
    const script = path.join(sb.dir, 'e.sh');
    fs.writeFileSync(script, `touch ${m('e2')}\nforbidden\n`);
    expect(bash([script], env).status).toBe(126);
    expect(fs.readdirSync(sb.marks).filter((x) => x.startsWith('e'))).toEqual([]);
    expect(bash(['-c', 'echo fine'], env).stdout.toString()).toBe('fine\n');
  });
});
