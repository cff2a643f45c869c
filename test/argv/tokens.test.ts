// The shared argv tokenizer (src/argv): the option styles the families read.
import { describe, expect, it } from 'vitest';
import { tokens, type ArgvSpec } from '../../src/argv/tokens';
import { opt, parseArgs } from '../../src/argv/options';
import type { Word } from '../../src/types';

const w = (...vs: (string | null)[]): Word[] => vs.map((v) => ({ raw: v ?? '"$X"', value: v }));
const opts = (words: Word[], spec: ArgvSpec) =>
  [...tokens(words, spec)].map((t) => (t.kind === 'option' ? [t.name, t.value] : t.kind === 'positional' ? ['pos', t.word.value] : ['end', t.index]));

describe('GNU style', () => {
  const spec: ArgvSpec = { value: ['-n', '--namespace', '-c'] };
  it('splits clusters until an option that takes a value, which takes the rest of the word or the next', () => {
    expect(opts(w('-rfn', 'prod', '-xcfoo'), spec)).toEqual([['-r', undefined], ['-f', undefined], ['-n', 'prod'], ['-x', undefined], ['-c', 'foo']]);
  });
  it('reads --opt=value, --opt value, and a flag that takes none', () => {
    expect(opts(w('--namespace=a', '--namespace', 'b', '--all', 'pod'), spec)).toEqual([['--namespace', 'a'], ['--namespace', 'b'], ['--all', undefined], ['pos', 'pod']]);
  });
  it('ends options at --, leaves -5 and - positional, and an unknowable word positional', () => {
    expect(opts(w('-5', '-', null, '--', '-n'), spec)).toEqual([['pos', '-5'], ['pos', '-'], ['pos', null], ['end', 4]]);
  });
  it('an attached-only short option takes no next word', () => {
    expect(opts(w('-p', 'db', '-psecret'), { attachedOnly: ['-p'] })).toEqual([['-p', undefined], ['pos', 'db'], ['-p', 'secret']]);
  });
  it('a value at the end of argv is not knowable', () => {
    expect(opts(w('-n'), spec)).toEqual([['-n', null]]);
  });
});

describe('getopt_long (PostgreSQL)', () => {
  const spec: ArgvSpec = { value: ['-c', '--command', '--set', '--variable'], flags: ['--echo-all'], keys: { '--set': 'v', '--variable': 'v' }, abbreviations: true, digitOptions: true, keepClusterEquals: true };
  it('resolves a unique prefix of a long option, not an ambiguous one', () => {
    expect(opts(w('--comm', 'x', '--ech'), spec)).toEqual([['--command', 'x'], ['--echo-all', undefined]]);
    expect(opts(w('--se', 'x'), { ...spec, flags: ['--echo-all', '--select'] })).toEqual([['--se', undefined], ['pos', 'x']]);
    expect(opts(w('--vari', 'x'), spec)).toEqual([['--variable', 'x']]);
  });
  it('keeps the rest of a short option word as is and reads -1 as an option', () => {
    expect(opts(w('-c=x', '-1'), spec)).toEqual([['-c', '=x'], ['-1', undefined]]);
  });
});

describe('Go style', () => {
  const spec: ArgvSpec = { style: 'go', value: ['-target', '--target'] };
  it('reads -name and --name as one long option, never a cluster', () => {
    expect(opts(w('-target', 'a.b', '--target=c', '-auto-approve'), spec)).toEqual([['-target', 'a.b'], ['--target', 'c'], ['-auto-approve', undefined]]);
  });
  it('a word not knowable can still name its option (textOf)', () => {
    const words: Word[] = [{ raw: '-var-file="$F"', value: null }];
    expect(opts(words, { ...spec, textOf: (x) => x.value ?? x.raw })).toEqual([['-var-file', null]]);
  });
});

describe('stopping', () => {
  it('stopAtPositional: every word after the first positional is positional', () => {
    const a = parseArgs(w('-h', 'host', 'DEL', '-x', null), { withValue: ['-h'], stopAtPositional: true });
    expect(a).toMatchObject({ pos: ['DEL'], rest: ['-x', null], dynamic: true });
    expect(opt(a, '-h')).toBe('host');
  });
  it('a caller can stop where the rest of argv is another command line', () => {
    const words = w('run', '-e', 'prod', 'rm', '-rf', 'x');
    let inner: Word[] = [];
    let seen = 0;
    for (const t of tokens(words, { value: ['-e'] })) {
      if (t.kind === 'positional' && seen++ === 1) {
        inner = words.slice(t.index);
        break;
      }
    }
    expect(inner.map((x) => x.value)).toEqual(['rm', '-rf', 'x']);
  });
});
