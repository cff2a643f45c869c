// Each harness is one object: its adapter, install target and doctor probe, named alike.
import { describe, expect, it } from 'vitest';
import { HARNESSES } from '../../../src/harness/adapters';
import { HARNESS_OBJECTS } from '../../../src/integrations/harness/harness';
import { TARGETS, makeCtx } from '../../../src/integrations/install/targets';
import { isolatedEnv } from './helpers';

describe('HARNESS_OBJECTS', () => {
  it.each(HARNESSES)('%s: adapter, target and probe belong to the same harness', (name) => {
    const h = HARNESS_OBJECTS[name];
    expect(h.adapter.name).toBe(name);
    expect(h.target.name).toBe(name);
    expect(TARGETS).toContain(h.target);
    const report = h.probe(makeCtx({ env: isolatedEnv() }));
    expect(report.target).toBe(name);
    expect(report.installed).toBe(false);
  });
  it('the install targets list every harness first, in the adapters order', () => {
    expect(TARGETS.slice(0, HARNESSES.length).map((t) => t.name)).toEqual([...HARNESSES]);
  });
});
