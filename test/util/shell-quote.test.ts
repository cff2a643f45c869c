// The one quoting helper: bash reads every quoted word back as the word itself.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellJoin, shellQuote, singleQuote } from '../../src/util/shell-quote';

const WORDS = ['plain', 'with space', "it's", '', '$HOME', '`x`', 'a"b', 'tab\there', 'new\nline', '*.txt', '--flag=v', 'ünï', '!bang', '~'];

describe('shell quoting', () => {
  it('leaves safe words bare and quotes the rest', () => {
    expect(shellQuote('src/app.ts')).toBe('src/app.ts');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('')).toBe("''");
    expect(singleQuote('plain')).toBe("'plain'");
    expect(singleQuote("it's")).toBe("'it'\\''s'");
  });

  it('bash reads the words back unchanged', () => {
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `printf '%s\\0' ${shellJoin(WORDS)}; printf '%s\\0' ${WORDS.map(singleQuote).join(' ')}`], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual([...WORDS, ...WORDS]);
  });
});
