// Match keys are checked against the declared fact shapes: a misspelt field is a load error with
// its position and the nearest valid key, in the policy and in `airlock rules lint`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { levenshtein, matchKeyIssues, nearest } from '../../src/policy/fact-keys';
import { builtinRulesetFiles, parseRulesetText } from '../../src/policy/load';
import { lintFile } from '../../src/policy/lint';
import { clearPolicyCache, getPolicy } from '../../src/policy';
import type { Rule } from '../../src/policy/types';

const rule = (match: Rule['match']): Rule => ({ id: 't/r', description: 'd', severity: 'high', decision: 'confirm', match, message: 'ask your human' });

// A user ruleset with misspelt keys. Line numbers below refer to this text.
const MISSPELT = [
  'rules:', //                                   1
  '  - id: acme/kube-delete', //                 2
  '    description: deleting in the cluster', // 3
  '    severity: high', //                       4
  '    decision: confirm', //                    5
  '    match:', //                               6
  '      type: cli', //                          7
  '      tool: kubectl', //                      8
  '      dryrun: false', //                      9
  '    message: ask your human', //              10
  '  - id: acme/sql-drop', //                    11
  '    description: drops', //                   12
  '    severity: high', //                       13
  '    decision: confirm', //                    14
  '    match:', //                               15
  '      - type: sqll', //                       16
  '      - type: sql', //                        17
  '        objecttype: table', //                18
  '    message: ask your human', //              19
  '',
].join('\n');

function tempRuleset(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-keys-'));
  const f = path.join(dir, 'acme.yaml');
  fs.writeFileSync(f, text);
  return f;
}

describe('match keys', () => {
  it('every built-in rule and sample ruleset names only declared fields', () => {
    const files = [...builtinRulesetFiles(), path.join(__dirname, '../../rulesets/examples/acme-platform.yaml'), path.join(__dirname, '../fixtures/airlock-rules-acme/index.yaml')];
    const problems = files.flatMap((f) => (parseRulesetText(fs.readFileSync(f, 'utf8'), f).rules ?? []).flatMap((r) => matchKeyIssues(r).map((i) => `${f}: ${i.rule}: ${i.message}`)));
    expect(problems).toEqual([]);
  });

  it('names the nearest valid key for a misspelling', () => {
    expect(matchKeyIssues(rule({ type: 'cli', dryrun: false })).map((i) => i.message)).toEqual(['match key "dryrun" is not a field of cli facts; did you mean "dryRun"?']);
    expect(matchKeyIssues(rule({ type: 'sql', objecttype: 'table' })).map((i) => i.message)).toEqual(['match key "objecttype" is not a field of sql facts; did you mean "objectType"?']);
    expect(matchKeyIssues(rule({ type: 'file-delete', recusive: true })).map((i) => i.message)).toEqual(['match key "recusive" is not a field of file-delete facts; did you mean "recursive"?']);
    expect(matchKeyIssues(rule({ type: 'sqll' })).map((i) => i.message)).toEqual(['no fact type is called "sqll"; did you mean "sql"?']);
    expect(matchKeyIssues(rule({ type: 'http', zzzzzzzz: 'x' })).map((i) => i.message)).toEqual(['match key "zzzzzzzz" is not a field of http facts']);
  });

  it('accepts common fields, environment, dotted keys into objects, and globbed types', () => {
    expect(matchKeyIssues(rule({ type: 'graphql', 'args.volumeId': { exists: true }, environment: 'production', remote: '*', viaScript: 'npm' }))).toEqual([]);
    expect(matchKeyIssues(rule({ type: 'file-*', class: 'home' }))).toEqual([]);
    expect(matchKeyIssues(rule([{ type: ['http', 'graphql'], host: '*.example.com' }, { type: 'command', program: 'rm' }]))).toEqual([]);
    // A field that only one of two types has is fine: the entry can match a fact of that type.
    expect(matchKeyIssues(rule({ type: ['http', 'sql'], objectType: 'table' }))).toEqual([]);
  });

  it('refuses to reach into a field that has no parts', () => {
    expect(matchKeyIssues(rule({ type: 'command', 'program.name': 'rm' })).map((i) => i.message)).toEqual(['match key "program.name": program is a string field of command facts, it has no parts to reach into']);
  });

  it('distances', () => {
    expect(levenshtein('dryrun', 'dryRun')).toBe(1);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(nearest('dryrun', ['dryRun', 'dir'])).toBe('dryRun');
    expect(nearest('qqqqqq', ['dryRun'])).toBeNull();
  });

  it('is a load error with file, line and column in a non-built-in layer', () => {
    const f = tempRuleset(MISSPELT);
    clearPolicyCache();
    const policy = getPolicy({ cwd: os.tmpdir(), rulesets: [f] });
    expect(policy.errors).toEqual([
      `${f}:9:7: rule acme/kube-delete: match key "dryrun" is not a field of cli facts; did you mean "dryRun"?`,
      `${f}:16:15: rule acme/sql-drop: no fact type is called "sqll"; did you mean "sql"?`,
      `${f}:18:9: rule acme/sql-drop: match key "objecttype" is not a field of sql facts; did you mean "objectType"?`,
    ]);
    // The rules are not in force (every check is confirmed while the policy has errors).
    expect(policy.rules.some((r) => r.id.startsWith('acme/'))).toBe(false);
  });

  it('is reported by rules lint', () => {
    const f = tempRuleset(MISSPELT);
    const errors = lintFile(f, null).filter((i) => i.level === 'error').map((i) => i.message);
    expect(errors).toEqual([
      'line 9:7: rule acme/kube-delete: match key "dryrun" is not a field of cli facts; did you mean "dryRun"?',
      'line 16:15: rule acme/sql-drop: no fact type is called "sqll"; did you mean "sql"?',
      'line 18:9: rule acme/sql-drop: match key "objecttype" is not a field of sql facts; did you mean "objectType"?',
    ]);
  });
});
