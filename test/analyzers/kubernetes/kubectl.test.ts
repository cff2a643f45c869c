import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

describe('kubectl', () => {
  it('emits facts', async () => {
    const r = await check('kubectl -n prod delete pvc data', { cwd: '/tmp' });
    expect(r.facts.some((f) => f.type === 'cli')).toBe(true);
  });
});
