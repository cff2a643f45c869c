// evaluate() and addRuleset() on synthetic facts: walls, the environment match key, allow-list
// scope, trust rules of layers.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate';
import { addRuleset } from '../../src/policy/merge';
import { DEFAULT_ENVIRONMENTS } from '../../src/policy/environment';
import type { Policy } from '../../src/policy/load';
import type { Rule } from '../../src/policy/types';
import type { Fact } from '../../src/types';

function policy(rules: Rule[] = []): Policy {
  const p: Policy = { rules: [], environments: structuredClone(DEFAULT_ENVIRONMENTS), disabled: [], allowed: [], rejected: [], warnings: [], errors: [], files: [], workTree: '/w' };
  addRuleset(p, { rules }, 'builtin.yaml', 'builtin', true);
  return p;
}
const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 't/sql-drop', description: 'd', severity: 'high', decision: 'confirm', match: { type: 'sql', class: 'drop' }, message: 'drops {objects} in {environment}', resource: '{objects}', ...over,
});
const sql = (host: string, cls = 'drop'): Fact => ({ type: 'sql', command: `psql -h ${host}`, class: cls, objects: ['users'], infra: true, targets: [{ kind: 'host', value: host }] });

describe('environment walls', () => {
  it('denies a production target from a staging session, says which wall', () => {
    const f = evaluate(policy([rule()]), [sql('prod-db.x.io')], { sessionEnvironment: 'staging' });
    expect(f.map((x) => [x.rule, x.decision, x.wall])).toEqual([
      ['t/sql-drop', 'deny', 'staging -> production'],
      ['core/environment-wall', 'deny', 'staging -> production'],
    ]);
  });
  it('keeps in-environment findings as the rule says', () => {
    const f = evaluate(policy([rule()]), [sql('staging-db.internal')], { sessionEnvironment: 'staging' });
    expect(f.map((x) => [x.rule, x.decision])).toEqual([['t/sql-drop', 'confirm']]);
  });
  it('walls findings forced to production (project-wide operations)', () => {
    const p = policy([rule({ id: 't/volume-delete', match: { type: 'railway', operation: 'volumeDelete' }, environment: 'production', resource: 'v' })]);
    const f = evaluate(p, [{ type: 'railway', command: 'railway volume delete', operation: 'volumeDelete', targets: [{ kind: 'railway-environment', value: 'staging' }] }], { sessionEnvironment: 'staging' });
    expect(f[0]).toMatchObject({ decision: 'deny', environment: 'production', wall: 'staging -> production' });
  });
  it('falls back to the session the user config declared', () => {
    const p = policy();
    p.session = { environment: 'staging', source: 'config.yaml' };
    expect(evaluate(p, [sql('prod-db.x.io', 'select')])[0]).toMatchObject({ rule: 'core/environment-wall', decision: 'deny' });
  });
});

describe('the environment match key', () => {
  it('matches the classified environment, not a fact field', () => {
    const p = policy([rule({ id: 't/prod-only', match: { type: 'sql', environment: ['production', 'unknown'] } })]);
    expect(evaluate(p, [sql('prod-db.x.io')]).map((f) => f.rule)).toEqual(['t/prod-only']);
    expect(evaluate(p, [sql('db.x.io')]).map((f) => f.rule)).toEqual(['t/prod-only']);
    expect(evaluate(p, [sql('staging-db.x.io')])).toEqual([]);
  });
});

describe('layers', () => {
  it('untrusted layers cannot disable, allow-list, redefine lower or declare non-production environments', () => {
    const p = policy([rule()]);
    addRuleset(p, {
      disable: [{ rule: 't/sql-drop', reason: 'r' }], allow: [{ command: '*', reason: 'r' }],
      rules: [rule({ decision: 'allow' })], environments: { staging: { hosts: ['prod-db.x.io'] }, production: { hosts: ['db.x.io'] } },
    }, '/w/.airlock/a.yaml', 'project', false);
    expect(p.rejected.map((r) => r.what)).toEqual(['redefinition of rule t/sql-drop', 'environment "staging"', 'disable of t/sql-drop', 'allow-list entry "*"']);
    expect(p.environments.production!.hosts).toEqual(['db.x.io']);
    expect(evaluate(p, [sql('prod-db.x.io')]).map((f) => f.decision)).toEqual(['confirm']);
  });
  it('in hardened mode the rejection hint points to the system layer, not the user config', () => {
    const p = policy([rule()]);
    addRuleset(p, { disable: [{ rule: 't/sql-drop', reason: 'r' }] }, '/home/u/.config/airlock/x.yaml', 'user', false, '/etc/airlock');
    addRuleset(p, { disable: [{ rule: 't/sql-drop', reason: 'r' }] }, '/w/.airlock/a.yaml', 'project', false);
    expect(p.rejected[0]!.message).toContain('/etc/airlock/rulesets/*.yaml');
    expect(p.rejected[0]!.message).not.toContain('~/.config/airlock');
    expect(p.rejected[1]!.message).toContain('~/.config/airlock/*.yaml');
  });
  it('untrusted layers may raise, by raise: or by redefining with the same match', () => {
    const p = policy([rule(), rule({ id: 't/other' })]);
    addRuleset(p, { raise: [{ rule: 't/sql-drop', decision: 'deny' }], rules: [rule({ id: 't/other', decision: 'deny', severity: 'critical' })] }, '/w/.airlock/a.yaml', 'project', false);
    expect(p.rules.map((r) => [r.id, r.decision, r.raisedBy])).toEqual([['t/sql-drop', 'deny', '/w/.airlock/a.yaml'], ['t/other', 'deny', '/w/.airlock/a.yaml']]);
    addRuleset(p, { raise: [{ rule: 't/sql-drop', decision: 'confirm' }] }, '/home/u/.config/airlock/x.yaml', 'user', true);
    expect(p.rejected.map((r) => r.what)).toEqual(['lowering of rule t/sql-drop']);
  });
  it('trusted layers disable and allow-list with reasons; allow-lists skip walls and airlock/* rules', () => {
    const p = policy([rule(), rule({ id: 'airlock/x', match: { type: 'sql' } })]);
    addRuleset(p, { allow: [{ command: 'psql *', reason: 'ok' }] }, '/u/a.yaml', 'user', true);
    const f = evaluate(p, [sql('prod-db.x.io')], { sessionEnvironment: 'staging' });
    expect(f.map((x) => x.rule)).toEqual(['airlock/x', 'core/environment-wall']);
    addRuleset(p, { disable: [{ rule: 'airlock/x', reason: '' }] }, '/u/b.yaml', 'user', true);
    expect(p.errors).toEqual(['/u/b.yaml: disabling airlock/x needs a written reason']);
  });
  it('a scoped allow entry only covers the rules it names', () => {
    const p = policy([rule(), rule({ id: 't/other' })]);
    addRuleset(p, { allow: [{ command: 'psql *', reason: 'ok', rules: ['t/other'] }] }, '/u/a.yaml', 'user', true);
    expect(evaluate(p, [sql('db.local')]).map((x) => x.rule)).toEqual(['t/sql-drop']);
  });
  it('load errors make every line need a human', () => {
    const p = policy();
    p.errors.push('x.yaml: rule a/b: example "q" should match but did not');
    expect(evaluate(p, [], { line: 'ls' })[0]).toMatchObject({ rule: 'core/ruleset-error', decision: 'confirm' });
  });
});
