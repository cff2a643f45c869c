// The fast paths may only allow what the full check allows: every ruleset example and every
// everyday line, through the fast path (src/fast/decide.ts) and through the shims' sh table.
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check } from '../../src/engine';
import { differential } from '../../src/fast/differential';
import { loadSnapshot } from '../../src/fast/snapshot';
import { loadShimTable, shimPrograms } from '../../src/integrations/shims/shims';
import { repoLines } from './lines';

describe('fast paths vs the full check', () => {
  it('the build made the fast path snapshot and the shim table from these rulesets', () => {
    expect(loadSnapshot()).not.toBeNull();
    expect(Object.keys(loadShimTable()).length).toBeGreaterThan(0);
  });

  it('never allow a line the full check flags (rule examples, everyday lines)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-diff-'));
    const saved = process.env.AIRLOCK_CONFIG_DIR;
    process.env.AIRLOCK_CONFIG_DIR = path.join(dir, 'config');
    try {
      const lines = repoLines();
      const r = await differential(lines, check, { cwd: dir, env: { HOME: dir, PATH: '/usr/bin:/bin' }, table: loadShimTable(), shimmed: new Set(shimPrograms()) });
      expect(r.disagreements).toEqual([]);
      // The comparison means something only if both fast paths took part.
      expect(r.fastAllowed).toBeGreaterThan(50);
      expect(r.shimAllowed).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env.AIRLOCK_CONFIG_DIR;
      else process.env.AIRLOCK_CONFIG_DIR = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
