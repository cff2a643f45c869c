// Layers through the real binary: project layers may only tighten, the user layer may relax with
// a reason, team rulesets come in through `extends` (npm package), and `airlock rules` reports it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { airlock, buildAirlock, cleanup, explain, ROOT, world, write, type World } from './rules-helpers';

let bin: string;
beforeAll(() => {
  bin = buildAirlock();
});
afterAll(cleanup);

const RELAX = `
disable:
  - rule: credentials/token-store-read
    reason: this machine only holds a throwaway Railway account
allow:
  - command: 'cat *'
    reason: cat is fine here
`;

describe('project layer (agent-writable)', () => {
  it('cannot disable a built-in rule or allow-list a command: rejected with a clear message, command stays flagged', () => {
    const w = world();
    write(path.join(w.project, '.airlock', 'relax.yaml'), RELAX);
    const r = explain(bin, w, 'cat ~/.railway/config.json');
    expect(r.rules).toContain('credentials/token-store-read');
    expect(r.decision).toBe('confirm');
    expect(r.stderr).toMatch(/rejected disable of credentials\/token-store-read: a project ruleset the agent can edit may only add rules or raise decisions/);
    expect(r.stderr).toMatch(/rejected allow-list entry "cat \*"/);
    const list = airlock(bin, w, ['rules', 'list']);
    expect(list.stdout).toMatch(/rejected \(weakening attempts/);
    expect(list.stdout).toContain('disable of credentials/token-store-read');
    const j = airlock(bin, w, ['rules', 'list', '--json']).json();
    expect(j.disabled).toEqual([]);
    expect(j.rejected.map((x: { what: string }) => x.what)).toEqual(['disable of credentials/token-store-read', 'allow-list entry "cat *"']);
  });

  it('is found walking up from a subdirectory to the repo root, and may add rules', () => {
    const w = world();
    write(path.join(w.project, '.airlock', 'extra.yaml'), `rules:
  - id: proj/no-seed
    description: the seed script wipes the dev db
    severity: medium
    decision: confirm
    match: { type: command, program: seed-db }
    message: This wipes the database; run seed-db --dry-run instead.
    examples: { match: [seed-db], no_match: ['seed-db-lint'] }
`);
    const sub = path.join(w.project, 'packages', 'api');
    fs.mkdirSync(sub, { recursive: true });
    const r = explain(bin, w, 'seed-db', ['-C', sub]);
    expect(r.rules).toContain('proj/no-seed');
  });

  it('may raise a built-in decision but not lower it by redefining the rule', () => {
    const w = world();
    write(path.join(w.project, '.airlock', 'raise.yaml'), `raise:
  - rule: credentials/token-store-read
    decision: deny
rules:
  - id: credentials/secret-search
    description: weakened copy
    severity: low
    decision: allow
    match: { type: command, program: nothing }
    message: nothing
`);
    expect(explain(bin, w, 'cat ~/.aws/credentials').decision).toBe('deny');
    const s = explain(bin, w, 'grep -r TOKEN /etc');
    expect(s.rules).toContain('credentials/secret-search');
    expect(s.decision).toBe('confirm');
    expect(s.stderr).toMatch(/rejected redefinition of rule credentials\/secret-search/);
  });

  it('cannot declare a host to be staging (only production matchers), nor the session', () => {
    const w = world();
    write(path.join(w.project, '.airlock', 'env.yaml'), `environments:
  staging: { hosts: ['db.acme.io'] }
  production: { hosts: ['*.acme-live.example'] }
session: { environment: production }
`);
    const j = airlock(bin, w, ['rules', 'list', '--json']).json();
    expect(j.rejected.map((x: { what: string }) => x.what)).toEqual(['environment "staging"', 'session declaration']);
    expect(j.environments.production.hosts).toContain('*.acme-live.example');
    expect(j.environments.staging.hosts ?? []).not.toContain('db.acme.io');
    expect(j.session).toBeNull();
  });
});

describe('user layer (outside the working tree)', () => {
  it('disables and allow-lists with a reason that rules list shows', () => {
    const w = world();
    write(path.join(w.config, 'relax.yaml'), RELAX);
    const r = explain(bin, w, 'cat ~/.railway/config.json');
    expect(r.rules).not.toContain('credentials/token-store-read');
    expect(r.decision).toBe('allow');
    const list = airlock(bin, w, ['rules', 'list']);
    expect(list.stdout).toMatch(/credentials\/token-store-read.*DISABLED: this machine only holds a throwaway Railway account/);
    expect(list.stdout).toMatch(/allowed\n\s+cat \*: cat is fine here/);
    const j = airlock(bin, w, ['rules', 'list', '--json']).json();
    expect(j.disabled[0]).toMatchObject({ rule: 'credentials/token-store-read', reason: 'this machine only holds a throwaway Railway account', layer: 'user' });
  });

  it('allow-lists never reach self-protection rules', () => {
    const w = world();
    write(path.join(w.config, 'allow.yaml'), `allow: [{ command: 'airlock *', reason: testing }]\n`);
    expect(explain(bin, w, 'airlock approver').decision).toBe('deny');
  });

  it('refuses a disable without a reason as a load error (every command then needs a human)', () => {
    const w = world();
    write(path.join(w.config, 'bad.yaml'), `disable: [{ rule: credentials/secret-search, reason: '' }]\n`);
    const r = explain(bin, w, 'ls');
    expect(r.decision).toBe('confirm');
    expect(r.rules).toContain('core/ruleset-error');
    expect(r.findings.find((f) => f.rule === 'core/ruleset-error')!.reason).toMatch(/needs a written reason/);
  });
});

describe('team layer through extends', () => {
  it('pulls a rule from a local npm package that fires in explain (from the user config dir)', () => {
    const w = world();
    fs.cpSync(path.join(ROOT, 'test/fixtures/airlock-rules-acme'), path.join(w.config, 'node_modules', 'airlock-rules-acme'), { recursive: true });
    write(path.join(w.config, 'team.yaml'), 'extends: [airlock-rules-acme]\n');
    const r = explain(bin, w, 'acme-release --all-regions');
    expect(r.rules).toContain('acme/release-all-regions');
    expect(r.decision).toBe('confirm');
    const j = airlock(bin, w, ['rules', 'list', '--json']).json();
    expect(j.rules.find((x: { id: string }) => x.id === 'acme/release-all-regions')).toMatchObject({ layer: 'team' });
  });

  it('resolves the package from the project dir too, but then it is untrusted like the project', () => {
    const w = world();
    const pkg = path.join(w.project, 'node_modules', 'airlock-rules-acme');
    fs.cpSync(path.join(ROOT, 'test/fixtures/airlock-rules-acme'), pkg, { recursive: true });
    fs.appendFileSync(path.join(pkg, 'index.yaml'), 'disable: [{ rule: credentials/secret-search, reason: sneaky }]\n');
    write(path.join(w.project, '.airlock', 'team.yaml'), 'extends: [airlock-rules-acme]\n');
    expect(explain(bin, w, 'acme-release --all-regions').rules).toContain('acme/release-all-regions');
    const s = explain(bin, w, 'grep -r TOKEN /etc');
    expect(s.rules).toContain('credentials/secret-search');
    expect(s.stderr).toMatch(/rejected disable of credentials\/secret-search/);
  });

  it('accepts a path to a git checkout directory; the example team ruleset relaxes from there', () => {
    const w = world();
    const checkout = path.join(w.home, 'src', 'acme-airlock-rules');
    write(path.join(checkout, 'airlock.yaml'), fs.readFileSync(path.join(ROOT, 'rulesets/examples/acme-platform.yaml'), 'utf8'));
    write(path.join(w.config, 'team.yaml'), `extends: [${checkout}]\n`);
    expect(explain(bin, w, 'grep -r TOKEN /etc').rules).not.toContain('credentials/secret-search');
    expect(explain(bin, w, 'psql -h db-main.acme.internal -c "select 1"').rules).toContain('acme/psql-primary');
    expect(airlock(bin, w, ['rules', 'list']).stdout).toMatch(/credentials\/secret-search: acme's monorepo CI greps/);
  });
});

describe('examples of non-built-in rulesets', () => {
  const BROKEN = `rules:
  - id: proj/broken
    description: an example that does not match
    severity: low
    decision: confirm
    match: { type: command, program: frobnicate }
    message: do not frobnicate; ask your human instead.
    examples: { match: ['frobnicate --all', 'defrobnicate'], no_match: ['ls'] }
`;

  it('a failing example is a load error naming the rule; the verification of a passing file is cached', () => {
    const w = world();
    write(path.join(w.project, '.airlock', 'broken.yaml'), BROKEN);
    const r = explain(bin, w, 'ls');
    expect(r.decision).toBe('confirm');
    const err = r.findings.find((f) => f.rule === 'core/ruleset-error')!;
    expect(err.reason).toContain('rule proj/broken');
    expect(err.reason).toContain('"defrobnicate" should match');
    fs.writeFileSync(path.join(w.project, '.airlock', 'broken.yaml'), BROKEN.replace("'defrobnicate'", "'frobnicate'"));
    expect(explain(bin, w, 'ls').decision).toBe('allow');
    const cache = JSON.parse(fs.readFileSync(path.join(w.state, 'verified-rulesets.json'), 'utf8'));
    expect(Object.keys(cache)).toHaveLength(1);
  });

  it('airlock rules test exits non-zero on the first failing example and names it', () => {
    const w = world();
    const file = write(path.join(w.home, 'broken.yaml'), BROKEN);
    const r = airlock(bin, w, ['rules', 'test', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL proj\/broken/);
    expect(r.stdout).toContain('example: defrobnicate');
    fs.writeFileSync(file, BROKEN.replace("'defrobnicate'", "'frobnicate'"));
    const ok = airlock(bin, w, ['rules', 'test', file]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok 3 example\(s\) of 1 rule\(s\) pass/);
  });

  it('airlock rules test with no path runs the examples of every loaded rule, team package included', () => {
    const w = world();
    fs.cpSync(path.join(ROOT, 'test/fixtures/airlock-rules-acme'), path.join(w.config, 'node_modules', 'airlock-rules-acme'), { recursive: true });
    write(path.join(w.config, 'team.yaml'), 'extends: [airlock-rules-acme]\n');
    const all = airlock(bin, w, ['rules', 'test', '--json']);
    const j = all.json();
    // Built-in examples are the examples suite's business; here: the exit code follows the result.
    expect(all.code).toBe(j.ok ? 0 : 1);
    if (j.ok) expect(j.rules).toBeGreaterThan(20);
    else expect(j.failure.rule).toMatch(/^[a-z0-9-]+\//);
    const team = airlock(bin, w, ['rules', 'test', path.join(w.config, 'node_modules', 'airlock-rules-acme', 'index.yaml'), '--json']);
    expect(team.json()).toEqual({ ok: true, rules: 1, cases: 4 });
    expect(team.code).toBe(0);
  });
});

describe('rules show and lint', () => {
  let w: World;
  beforeAll(() => {
    w = world();
  });
  it('show prints a rule with its source', () => {
    const r = airlock(bin, w, ['rules', 'show', 'airlock/approver']);
    expect(r.stdout).toMatch(/# airlock\/approver {2}\[builtin\] .*airlock\.yaml/);
    expect(r.stdout).toContain('decision: deny');
    expect(airlock(bin, w, ['rules', 'show', 'nope/nope']).code).toBe(1);
  });
  it('lint passes the shipped and example rulesets and reports schema errors with paths', () => {
    const shipped = airlock(bin, w, ['rules', 'lint', path.join(ROOT, 'rulesets/credentials.yaml'), path.join(ROOT, 'rulesets/airlock.yaml'), path.join(ROOT, 'rulesets/examples/acme-platform.yaml'), path.join(ROOT, 'test/fixtures/airlock-rules-acme/index.yaml')]);
    expect(shipped.stdout).toMatch(/4 file\(s\), 0 error\(s\)/);
    expect(shipped.code).toBe(0);
    const bad = write(path.join(w.home, 'bad.yaml'), `rules:
  - id: NoNamespace
    description: x
    severity: huge
    decision: confirm
    match: { program: x }
    message: x
    colour: red
`);
    const r = airlock(bin, w, ['rules', 'lint', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('rules[0].id: "NoNamespace" must match');
    expect(r.stdout).toContain('rules[0].severity: must be one of low, medium, high, critical');
    expect(r.stdout).toContain('rules[0]: unknown key "colour"');
    expect(r.stdout).toMatch(/rules\[0\]\.match.*missing "type"/);
  });
});
