import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintFile, validate } from '../../src/policy/lint';
import { builtinRulesetFiles } from '../../src/policy/load';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schema/ruleset.schema.json'), 'utf8'));

describe('schema', () => {
  it('accepts every shipped ruleset file and the examples', () => {
    const files = [...builtinRulesetFiles(), path.join(__dirname, '../../rulesets/examples/acme-platform.yaml'), path.join(__dirname, '../fixtures/airlock-rules-acme/index.yaml')];
    for (const f of files) expect(lintFile(f, null).filter((i) => i.level === 'error'), f).toEqual([]);
  });
  it('reports paths of errors', () => {
    expect(validate({ rules: [{ id: 'x' }], extra: 1 }, schema)).toEqual(expect.arrayContaining([
      '(top): unknown key "extra"', 'rules[0]: missing "description"', 'rules[0].id: "x" must match ^[a-z0-9-]+(/[a-z0-9._-]+)+$',
    ]));
    expect(validate({ environments: { staging: { hostz: ['a'] } } }, schema)).toEqual(['environments.staging: unknown key "hostz"']);
    expect(validate({ disable: [{ rule: 'a/b' }] }, schema)).toEqual(['disable[0]: missing "reason"']);
  });
  it('flags duplicate ids and missing examples', () => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-lint-')), 'r.yaml');
    const r = { id: 'a/b', description: 'd', severity: 'low', decision: 'confirm', match: { type: 'command' }, message: 'ask your human' };
    fs.writeFileSync(f, JSON.stringify({ rules: [r, r] }));
    const msgs = lintFile(f, null).map((i) => `${i.level}: ${i.message}`);
    expect(msgs).toContain('error: rule a/b is defined twice in this file');
    expect(msgs).toContain('warning: rule a/b has no examples.match: nothing shows it fires');
  });
});
