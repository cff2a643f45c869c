// One error path: nested lines go through ctx.analyzeNested (the engine's error handling, budget and
// remote tagging); problems carry codes; examples can state what the human types.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../src/engine';
import { analyzersFor } from '../src/analyzers';
import { clearPolicyCache, getPolicy } from '../src/policy';
import { describeFailure, EXAMPLE_CWD, runExamples } from '../src/policy/verify';
import { AirlockError, isAirlockError } from '../src/errors';

const OPTS = { cwd: EXAMPLE_CWD };
const restore: (() => void)[] = [];
afterEach(() => restore.splice(0).forEach((f) => f()));

/** Makes a family throw on every command until the test ends. */
function breakFamily(program: string, error: Error): void {
  const a = analyzersFor(program)[0]!;
  const orig = a.analyze;
  a.analyze = () => {
    throw error;
  };
  restore.push(() => (a.analyze = orig));
}

describe('ctx.analyzeNested', () => {
  it('a family that throws on a nested command is a finding on that command, not a crash of the outer family', async () => {
    breakFamily('terraform', new Error('boom'));
    const r = await check('railway run -- terraform destroy', OPTS);
    const f = r.findings.find((x) => x.rule === 'core/analyzer-error');
    expect(f?.command).toBe('terraform destroy');
    expect(f?.reason).toContain('terraform analyzer');
    expect(r.decision).not.toBe('allow');
    expect(r.codes).toContain('analyzer-failed');
    // The outer family still produced its own facts.
    expect(r.facts.some((x) => x.type === 'command' && x.program === 'railway')).toBe(true);
  });

  it('keeps the code of an AirlockError a family throws', async () => {
    breakFamily('terraform', new AirlockError('timeout', 'took too long'));
    const r = await check('terraform destroy', OPTS);
    expect(r.codes).toContain('timeout');
  });

  it('tags the facts of a nested command that runs elsewhere with where it runs', async () => {
    const r = await check("railway ssh -- rm -rf /var/lib/data", OPTS);
    const del = r.facts.find((f) => f.type === 'file-delete');
    expect(del?.remote).toBe('railway:unknown');
  });
});

describe('error codes', () => {
  it('a line bash cannot place is code parse, whatever the message says', async () => {
    const r = await check('echo "unterminated', OPTS);
    expect(r.codes).toContain('parse');
    expect((await check('ls -la', OPTS)).codes).toEqual([]);
  });

  it('AirlockError carries its code', () => {
    const e = new AirlockError('ruleset', 'bad file');
    expect(isAirlockError(e, 'ruleset')).toBe(true);
    expect(isAirlockError(e, 'parse')).toBe(false);
    expect(isAirlockError(new Error('x'))).toBe(false);
  });
});

describe('examples that state the resource and environment', () => {
  const RULES = `rules:
  - id: proj/frob
    description: frobnicating
    severity: high
    decision: confirm
    match: { type: command, program: frobnicate }
    resource: "{words}"
    message: ask your human instead.
    examples:
      match:
        - command: frobnicate widgets
          resource: widgets
          environment: local
        - command: frobnicate gadgets
          resource: widgets
      no_match: ['ls']
`;

  it('passes when the finding says it and fails naming what it asked for instead', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-examples-'));
    const file = path.join(dir, 'frob.yaml');
    fs.writeFileSync(file, RULES);
    clearPolicyCache();
    const policy = getPolicy({ cwd: dir, rulesets: [file] });
    expect(policy.errors).toEqual([]);
    const rules = policy.rules.filter((r) => r.source === file);
    const failures = await runExamples(rules, policy, { check });
    expect(failures.map((f) => f.line)).toEqual(['frobnicate gadgets']);
    expect(describeFailure(failures[0]!)).toBe(`rule proj/frob (${file}): example "frobnicate gadgets" should ask for resource "widgets" but asked for resource "gadgets" in local`);
  });
});
