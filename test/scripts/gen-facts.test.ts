// The generated fact types and schema part match the declarations (the build regenerates them;
// a declaration edited without a build would leave the policy checking stale fields).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACT_FIELDS, FACT_OWNERS } from '../../src/generated/facts.generated';
import type { KnownFact } from '../../src/generated/facts.generated';

describe('scripts/gen-facts.mjs', () => {
  it('has nothing to regenerate', () => {
    const r = spawnSync(process.execPath, [path.join(__dirname, '../../scripts/gen-facts.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('knows the core facts and the families that declare a shared type', () => {
    expect(FACT_OWNERS.command).toEqual(['core']);
    expect(FACT_OWNERS.cli).toContain('kubernetes');
    expect(FACT_FIELDS.cli?.dryRun).toBe('boolean');
    // The union is discriminated by type: a fact of one type has that type's fields.
    const f: KnownFact = { type: 'sql', command: 'psql -c "drop table t"', objectType: 'table', objects: ['t'] };
    expect(f.type === 'sql' ? f.objects : []).toEqual(['t']);
  });
});
