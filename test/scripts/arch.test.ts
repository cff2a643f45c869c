// `npm run arch` on a fixture tree with a planted import cycle and a family leak.
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.join(__dirname, '../../scripts/arch.mjs');
const fixture = path.join(__dirname, '../fixtures/arch');
const run = (...args: string[]) => execFileSync(process.execPath, [script, '--root', fixture, ...args], { encoding: 'utf8' });

describe('scripts/arch.mjs', () => {
  it('prints the cycles and the leaks in its text format', () => {
    expect(run().split('\n')).toEqual([
      'import cycles (files): 1',
      '  src/policy/evaluate.ts -> src/shell/words.ts -> src/policy/evaluate.ts',
      'import cycles (folders): 1',
      '  src/policy -> src/shell -> src/policy',
      '    src/policy/evaluate.ts -> src/shell/words.ts',
      '    src/shell/words.ts -> src/policy/evaluate.ts',
      '    src/policy <-> src/shell: src/policy/evaluate.ts -> src/shell/words.ts; src/shell/words.ts -> src/policy/evaluate.ts',
      'family knowledge outside its folder: 3 file(s) in 1 family',
      '  toy: 3 file(s)',
      '    src/engine.ts: toyctl (program)',
      '    src/shell/compares.ts: toyadm (program)',
      '    src/types.ts: toy-realm (target kind)',
      '',
    ]);
  });

  it('gives the same findings as JSON, and the registry and the family itself are not leaks', () => {
    const j = JSON.parse(run('--json')) as { fileCycles: { members: string[] }[]; leaks: { family: string; files: { file: string }[] }[] };
    expect(j.fileCycles.map((c) => c.members)).toEqual([['src/policy/evaluate.ts', 'src/shell/words.ts']]);
    const files = j.leaks.flatMap((l) => l.files.map((f) => f.file));
    expect(files).not.toContain('src/analyzers/index.ts');
    expect(files).not.toContain('src/shell/clean.ts');
    // A program airlock runs itself, a pager value, and a comment after a regex with quotes: no leak.
    expect(files).not.toContain('src/shell/runs.ts');
    expect(files.some((f) => f.startsWith('src/analyzers/toy/'))).toBe(false);
  });

  it('--check fails when it finds something', () => {
    expect(spawnSync(process.execPath, [script, '--root', fixture, '--check']).status).toBe(1);
  });
});
