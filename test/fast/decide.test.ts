// The fast path's own contract (the differential test compares it with the full check line by line).
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_FILE_BYTES } from '../../src/engine';
import { FAST_MAX_FILE_BYTES, fastAllow } from '../../src/fast/decide';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-fast-'));

describe('fastAllow', () => {
  it('reads files under the same size bound as the engine', () => {
    expect(FAST_MAX_FILE_BYTES).toBe(MAX_FILE_BYTES);
  });

  it('allows plain harmless lines, including the light families (git, files)', async () => {
    const dir = tmp();
    const env = { HOME: dir };
    process.env.AIRLOCK_CONFIG_DIR = path.join(dir, 'config');
    try {
      for (const l of ['ls -la', 'git status', 'git log --oneline -n 5', 'echo hi | wc -l', 'mkdir -p build && ls build']) expect(await fastAllow(l, { cwd: dir, env }), l).not.toBeNull();
    } finally {
      delete process.env.AIRLOCK_CONFIG_DIR;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('steps aside (null) for anything it cannot prove harmless', async () => {
    const dir = tmp();
    const env = { HOME: dir };
    process.env.AIRLOCK_CONFIG_DIR = path.join(dir, 'config');
    try {
      const lines = [
        'rm -rf /', // a finding
        'git push --force origin main', // a finding of a light family
        'psql -c x', // a heavy family
        'echo "$HOME"', // not a plain line
        'ls > out.txt', // a redirect
        'bash -c ls', // a nested line
        'X=1 ls', // an assignment
      ];
      for (const l of lines) expect(await fastAllow(l, { cwd: dir, env }), l).toBeNull();
      expect(await fastAllow('ls', { cwd: dir, env, rulesets: ['x.yaml'] })).toBeNull();
      // A project layer in force: the full check.
      fs.mkdirSync(path.join(dir, '.airlock'));
      fs.writeFileSync(path.join(dir, '.airlock', 'rules.yaml'), 'rules: []\n');
      expect(await fastAllow('ls', { cwd: dir, env })).toBeNull();
    } finally {
      delete process.env.AIRLOCK_CONFIG_DIR;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
