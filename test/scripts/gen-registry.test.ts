// The registry, the target kinds and the matcher keys are generated from the families'
// declarations (src/analyzers/<family>/family.ts); a declaration edited without a build would
// leave the registry waking the old programs.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../src/analyzers/registry.generated';
import { MATCHER_KEYS, TARGET_KINDS } from '../../src/targets.generated';
import type { FamilyDeclaration } from '../../src/family-shape';
import { UNWRAP } from '../../src/generated/unwrap.generated';

const root = path.join(__dirname, '../..');
const declared = readdirSync(path.join(root, 'src/analyzers'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(root, 'src/analyzers', e.name, 'family.ts')))
  .map((e) => e.name);

describe('scripts/gen-registry.mjs', () => {
  it('has nothing to regenerate', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/gen-registry.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('registers every family with programs, with its declared programs, in declared order', async () => {
    const decls: [string, FamilyDeclaration][] = [];
    for (const name of declared) decls.push([name, ((await import(`../../src/analyzers/${name}/family.ts`)) as { default: FamilyDeclaration }).default]);
    const withPrograms = decls.filter(([, d]) => d.programs.length).sort(([, a], [, b]) => a.order - b.order);
    expect(FAMILIES.map((e) => e.family)).toEqual(withPrograms.map(([n]) => n));
    for (const [name, d] of withPrograms) expect(FAMILIES.find((e) => e.family === name)?.programs).toEqual([...d.programs]);
    // The generic argv family runs after every specific one.
    expect(FAMILIES.at(-1)?.family).toBe('argv');
  });

  it('declares how normalize unwraps exec-like programs', () => {
    expect(UNWRAP.kubectl).toBe('kubectl');
    expect(UNWRAP['docker-compose']).toBe('compose');
  });

  it('places every target kind by a declared matcher key, and the schema lists exactly those keys', () => {
    for (const [kind, k] of Object.entries(TARGET_KINDS)) if (k.matcher) expect(MATCHER_KEYS, kind).toContain(k.matcher);
    expect(TARGET_KINDS['kube-context']).toMatchObject({ matcher: 'kube_contexts', remote: true, owner: 'kubernetes' });
    expect(TARGET_KINDS.database).toMatchObject({ remote: false, owner: 'core' });
    const schema = JSON.parse(readFileSync(path.join(root, 'schema/ruleset.schema.json'), 'utf8')) as { definitions: { environment: { properties: object } } };
    expect(Object.keys(schema.definitions.environment.properties)).toEqual([...MATCHER_KEYS]);
  });
});
