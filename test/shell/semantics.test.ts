// Shell semantics checked against real bash: the words airlock sees are the words bash would
// pass. Each case runs a harmless `echo` equivalent in bash and compares.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { posix } from 'node:path';
import { extractCommands, Scope } from '../../src/shell/walk';
import { trivialCommands } from '../../src/shell/trivial';

const env = { HOME: '/home/agent', PATH: '/usr/bin:/bin' };

/** argv of every `echo` airlock finds, one string per echo, joined as bash would print them. */
function airlockEchoes(line: string): string[] {
  return extractCommands(line, new Scope(env)).commands.filter((c) => c.program === 'echo').map((c) => c.argv.slice(1).map((w) => w.value).join(' '));
}

function bashEchoes(line: string): string[] {
  // Only `select` reads stdin; writing to a bash that never reads races its exit (EPIPE).
  const stdin = line.includes('select') ? { stdio: ['pipe', 'pipe', 'ignore'] as ('pipe' | 'ignore')[], input: '1\n' } : { stdio: ['ignore', 'pipe', 'ignore'] as ('pipe' | 'ignore')[] };
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', line], { env: { ...env, IFS: ',' }, encoding: 'utf8', ...stdin });
  return out.split('\n').filter((l) => l !== '');
}

describe('words as bash sees them', () => {
  const cases = [
    'for d in src "da ta" {x,y}; do echo $d; done',
    'echo /{etc,usr} {src,lib}/x a{1..3} "{q,r}" \\{s,t\\} {}',
    'x=a${IFS}b; echo $x',
    'DIR=build; echo "${DIR:?}/"',
    'unset D; echo "${D:-$HOME/x}" ${D:+set}',
    'IFS=/; echo src${IFS}x a"${IFS}"b',
    'W="a b"; echo x$W "x$W"',
    'cat <<-EOF\n\t$(echo from-heredoc)\n\tEOF',
  ];
  for (const line of cases) {
    it(line, () => {
      expect(airlockEchoes(line)).toEqual(bashEchoes(line));
    });
  }
});

it('select judges every item the human could pick, including the one bash ran', () => {
  const line = 'select d in src data; do echo "$d"; break; done';
  expect(airlockEchoes(line)).toEqual(['src', 'data']);
  expect(airlockEchoes(line)).toEqual(expect.arrayContaining(bashEchoes(line)));
});

describe('commands bash would run', () => {
  const progs = (line: string) => extractCommands(line, new Scope(env)).commands.map((c) => c.argv.map((w) => w.value).join(' '));

  it('judges the coprocess', () => {
    expect(progs('coproc rm -rf /')).toEqual(['rm -rf /']);
    expect(progs('coproc X { rm -rf ~; }')).toContain('rm -rf /home/agent');
  });

  it('judges backticks in unquoted heredoc bodies, also with <<-', () => {
    expect(progs('cat <<-EOF\n\t`rm -rf ~`\n\tEOF')).toContain('rm -rf /home/agent');
    expect(progs("cat <<'EOF'\n`rm -rf ~`\nEOF")).toEqual(['cat']);
  });

  it('parses valid bash the grammar misses', () => {
    const r = extractCommands('exec 3<>/tmp/f; echo ${x:$i:1}', new Scope(env));
    expect(r.errors).toEqual([]);
  });

  it('a mktemp result is a temp path', () => {
    expect(progs('d=$(mktemp -d); rm -rf "$d"')).toContain('rm -rf /tmp/tmp.XXXXXXXXXX');
  });

  it('a HOME set by the line is still home', () => {
    expect(progs('HOME=/tmp/h; rm -rf ~')).toContain('rm -rf ~');
  });
});

describe('where commands run after cd, as bash runs them', () => {
  const start = '/usr';
  /** Every directory airlock says each `pwd` may run in (absolute), by both splitters. */
  const airlockPwds = (line: string) => {
    const readings = [extractCommands(line, new Scope(env)).commands, trivialCommands(line)?.commands].filter((c) => c !== undefined);
    return readings.map((cmds) => cmds.filter((c) => c.program === 'pwd').map((c) => (c.dirs ?? [null]).map((d) => (d === null ? null : posix.resolve(start, d)))));
  };
  const bashPwds = (line: string) =>
    execFileSync('bash', ['--norc', '--noprofile', '-c', line], { cwd: start, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter((l) => l !== '');

  it.each([
    // [line, for each pwd: airlock's exact directories]
    ['cd /tmp && pwd', [['/tmp']]],
    ['cd /tmp && cd .. && pwd', [['/']]],
    ['cd /tmp && true && pwd', [['/tmp']]],
    ['cd /tmp; pwd', [[start, '/tmp']]],
    ['(cd /tmp && pwd); pwd', [['/tmp'], [start]]],
    ['cd /tmp && true; pwd', [[start, '/tmp']]],
    ['cd /nonexistent-airlock 2>/dev/null || pwd', [[start, '/nonexistent-airlock']]],
  ] as [string, string[][]][])('%s', (line, expected) => {
    const ran = bashPwds(line);
    for (const reading of airlockPwds(line)) {
      expect(reading.map((d) => [...d].sort())).toEqual(expected.map((d) => [...d].sort()));
      // Whatever bash really did is among the directories airlock judged.
      const last = reading.slice(-ran.length);
      ran.forEach((dir, i) => expect(last[i]).toContain(dir));
    }
  });
});
