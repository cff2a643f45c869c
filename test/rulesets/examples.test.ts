// Every example of every built-in rule, through the full pipeline (parse -> normalize -> analyze -> policy).
import { describe, expect, it } from 'vitest';
import { check } from '../../src/engine';
import { loadBuiltin } from '../../src/policy/load';
import { EXAMPLE_CWD } from '../../src/policy/verify';

const files = loadBuiltin();
// No environment: variables the line does not set are unknown, as in `airlock explain` of a pasted line.
const EXAMPLE_OPTS = { cwd: EXAMPLE_CWD };

describe.each(files.map((f) => [f.file.replace(/.*rulesets\//, ''), f] as const))('%s', (_name, file) => {
  const rules = file.data.rules ?? [];
  it('has examples for every rule', () => {
    for (const rule of rules) {
      expect(rule.examples?.match?.length ?? 0, `${rule.id} needs match examples`).toBeGreaterThan(0);
      expect(rule.examples?.no_match?.length ?? 0, `${rule.id} needs no_match examples`).toBeGreaterThan(0);
    }
  });
  for (const rule of rules) {
    for (const line of rule.examples?.match ?? []) {
      it(`${rule.id} matches: ${line}`, async () => {
        const r = await check(line, EXAMPLE_OPTS);
        expect(r.findings.map((f) => f.rule)).toContain(rule.id);
        expect(r.decision).not.toBe('allow');
      });
    }
    for (const line of rule.examples?.no_match ?? []) {
      it(`${rule.id} does not match: ${line}`, async () => {
        const r = await check(line, EXAMPLE_OPTS);
        expect(r.findings.map((f) => f.rule)).not.toContain(rule.id);
      });
    }
  }
});
