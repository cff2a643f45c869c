// docs/architecture.md's walk through adding a family, done for real: a throwaway family
// (test/fixtures/family/toy: declaration, fact types, analyzer, ruleset) is copied into a copy of
// the tree (src, scripts, rulesets, schema, bin, package.json, tsconfig.json, the everyday lines
// the build checks the shims with, node_modules linked), which is built; its rule then fires end
// to end with the resource and environment the human sees, and scripts/arch.mjs finds none of its
// knowledge outside its folder. No other file of the copy is edited.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.join(__dirname, '../..');
const fixture = path.join(repo, 'test/fixtures/family/toy');
let tree = '';

beforeAll(() => {
  tree = mkdtempSync(path.join(tmpdir(), 'airlock-add-family-'));
  for (const p of ['src', 'scripts', 'rulesets', 'schema', 'bin', 'package.json', 'tsconfig.json']) cpSync(path.join(repo, p), path.join(tree, p), { recursive: true });
  // The build checks the shims' harmless argument shapes against the everyday lines.
  cpSync(path.join(repo, 'test/fixtures/shell/everyday-lines.txt'), path.join(tree, 'test/fixtures/shell/everyday-lines.txt'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
  // The whole walk: the family's folder, and its ruleset beside the others.
  for (const f of ['family.ts', 'fact-types.ts', 'index.ts']) cpSync(path.join(fixture, f), path.join(tree, 'src/analyzers/toy', f));
  cpSync(path.join(fixture, 'toy.yaml'), path.join(tree, 'rulesets/toy.yaml'));
  execFileSync(process.execPath, [path.join(tree, 'scripts/build.mjs')], { cwd: tree, stdio: 'pipe', timeout: 240_000 });
}, 300_000);

afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

describe('adding a family', () => {
  it('registers it, its target kind and its matcher key from its declaration alone', () => {
    expect(readFileSync(path.join(tree, 'src/analyzers/registry.generated.ts'), 'utf8')).toContain("{ family: 'toy', programs: ['toyctl'], load: () => require('./toy').default }");
    expect(readFileSync(path.join(tree, 'src/targets.generated.ts'), 'utf8')).toContain("'toy-realm': { matcher: 'toy_realms', remote: true, owner: 'toy' }");
    const schema = JSON.parse(readFileSync(path.join(tree, 'schema/ruleset.schema.json'), 'utf8')) as { definitions: { environment: { properties: object } } };
    expect(Object.keys(schema.definitions.environment.properties)).toContain('toy_realms');
  });

  it('fires its rule end to end, naming what the human types and the environment', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(path.join(tree, 'dist/lib.cjs'))}).check(process.argv[1]).then((r) => process.stdout.write(JSON.stringify(r.findings.map((f) => [f.rule, f.decision, f.resource, f.environment]))))`, 'toyctl destroy prod-eu'],
      { encoding: 'utf8', cwd: tree, env: { ...process.env, HOME: tree, AIRLOCK_CONFIG_DIR: path.join(tree, 'config') } },
    );
    expect(JSON.parse(out)).toContainEqual(['toy/destroy-realm', 'confirm', 'prod-eu', 'production']);
  });

  it('passes its own examples through `airlock rules`', () => {
    // `rules test` exits 1 at the first failing example (execFileSync throws then).
    const out = execFileSync(process.execPath, [path.join(tree, 'bin/airlock'), 'rules', 'test', path.join(tree, 'rulesets/toy.yaml')], { encoding: 'utf8', cwd: tree, env: { ...process.env, HOME: tree, AIRLOCK_CONFIG_DIR: path.join(tree, 'config') } });
    expect(out).toMatch(/ok 3 example\(s\) of 1 rule\(s\) pass/);
  });

  it('leaves no knowledge of it outside its folder', () => {
    const j = JSON.parse(execFileSync(process.execPath, [path.join(tree, 'scripts/arch.mjs'), '--root', tree, '--json'], { encoding: 'utf8' })) as { leaks: { family: string }[] };
    expect(j.leaks.map((l) => l.family)).not.toContain('toy');
  });
});
