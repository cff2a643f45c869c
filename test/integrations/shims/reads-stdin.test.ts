// Whether a shimmed program would read its stdin comes from the family that declares the program's
// `stdin` (its stdin.ts, through the generated table); programs no family declares read none.
import { describe, expect, it } from 'vitest';
import { readsStdin } from '../../../src/integrations/shims/run';

describe('readsStdin', () => {
  it.each([
    ['psql', ['-d', 'app'], true],
    ['psql', ['-c', 'select 1'], false],
    ['psql', ['-dcustomers'], true],
    ['psql', ['-f', '-'], true],
    ['psql', ['--file=x.sql'], false],
    ['mysql', ['app'], true],
    ['mysql', ['-e', 'select 1'], false],
    ['mongosh', ['--eval', 'x'], false],
    ['sqlite3', ['db.sqlite'], true],
    ['sqlite3', ['db.sqlite', '.tables'], false],
    ['redis-cli', ['-x', 'set', 'k'], true],
    ['redis-cli', ['get', 'k'], false],
    ['kubectl', ['apply', '-f', '-'], true],
    ['kubectl', ['apply', '-f', 'x.yaml'], false],
    ['curl', ['-d', '@-', 'https://x'], true],
    ['curl', ['https://x'], false],
    ['http', ['POST', 'https://x'], true],
    ['http', ['--ignore-stdin', 'POST', 'https://x'], false],
    ['terraform', ['apply'], false],
    ['constructor', [], false],
  ] as const)('%s %j -> %s', (name, args, expected) => {
    expect(readsStdin(name, [...args])).toBe(expected);
  });
});
