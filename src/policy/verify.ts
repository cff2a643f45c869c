// Examples as tests: every `examples.match` line must produce the rule's finding through the
// full pipeline, every `examples.no_match` line must not; a match example that states `resource:`
// or `environment:` must also produce the finding with that resource (what the human types) and
// environment. Non-built-in rulesets are verified when they load; a pass is remembered by content
// hash in the state dir so later loads are cheap. The pipeline is handed in (`CheckFn`): the
// policy does not import the engine that uses it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedFile, LoadedRule, Policy } from './load';
import type { CheckOptions, CheckResult } from '../types';
import type { RuleExample } from './types';
import { hashText } from './load';
import { stateDir } from '../util/paths';

export interface ExampleFailure {
  rule: string;
  source: string;
  line: string;
  expected: 'match' | 'no_match';
  /** Rules that did fire. */
  got: string[];
  /** For an example stating resource/environment: what the rule's finding said instead. */
  stated?: { resource?: string; environment?: string };
  found?: { resource: string; environment: string }[];
}

/** The pipeline, as the engine's check(), with the policy to judge by. */
export type CheckFn = (line: string, opts: CheckOptions & { policy: Policy }) => Promise<CheckResult>;

/** An example's command line and what it states. */
export function exampleOf(e: RuleExample): { line: string; resource?: string; environment?: string } {
  return typeof e === 'string' || typeof e !== 'object' || e === null ? { line: String(e) } : { line: String(e.command), ...(e.resource !== undefined ? { resource: String(e.resource) } : {}), ...(e.environment !== undefined ? { environment: String(e.environment) } : {}) };
}

export function describeFailure(f: ExampleFailure): string {
  if (f.expected === 'no_match') return `rule ${f.rule} (${f.source}): example "${f.line}" should not match but did`;
  if (f.stated && f.found?.length) {
    const want = [f.stated.resource !== undefined ? `resource "${f.stated.resource}"` : '', f.stated.environment !== undefined ? `environment ${f.stated.environment}` : ''].filter(Boolean).join(' and ');
    return `rule ${f.rule} (${f.source}): example "${f.line}" should ask for ${want} but asked for ${f.found.map((x) => `resource "${x.resource}" in ${x.environment}`).join(', ')}`;
  }
  return `rule ${f.rule} (${f.source}): example "${f.line}" should match but did not (findings: ${f.got.join(', ') || 'none'})`;
}

export interface ExampleRun {
  /** The pipeline (the engine's check). */
  check: CheckFn;
  /** Stop at the first failure. */
  firstOnly?: boolean;
  onResult?: (rule: LoadedRule, line: string, ok: boolean) => void;
}

/**
 * Where example lines are judged as if typed: an ordinary project directory that does not exist,
 * so relative paths (`rm -rf src`) mean the same wherever the examples run from, and no
 * environment (variables the line does not set are unknown).
 */
export const EXAMPLE_CWD = '/tmp/airlock-example-project';

/** Runs the examples of `rules` through `run.check`, judged by `policy`. */
export async function runExamples(rules: LoadedRule[], policy: Policy, run: ExampleRun): Promise<ExampleFailure[]> {
  const failures: ExampleFailure[] = [];
  const opts = { cwd: EXAMPLE_CWD, policy };
  for (const rule of rules) {
    const cases: [RuleExample, 'match' | 'no_match'][] = [
      ...(rule.examples?.match ?? []).map((l) => [l, 'match'] as [RuleExample, 'match']),
      ...(rule.examples?.no_match ?? []).map((l) => [l, 'no_match'] as [RuleExample, 'no_match']),
    ];
    for (const [example, expected] of cases) {
      const { line, ...stated } = exampleOf(example);
      const r = await run.check(line, opts);
      const got = [...new Set(r.findings.map((f) => f.rule))];
      const mine = r.findings.filter((f) => f.rule === rule.id);
      const says = (f: { resource: string; environment: string }) => (stated.resource === undefined || f.resource === stated.resource) && (stated.environment === undefined || f.environment === stated.environment);
      const ok = expected === 'match' ? mine.some(says) : !got.includes(rule.id);
      run.onResult?.(rule, line, ok);
      if (!ok) {
        const detail = expected === 'match' && mine.length && Object.keys(stated).length ? { stated, found: mine.map((f) => ({ resource: f.resource, environment: f.environment })) } : {};
        failures.push({ rule: rule.id, source: rule.source, line, expected, got, ...detail });
        if (run.firstOnly) return failures;
      }
    }
  }
  return failures;
}

/** The rules a file contributes to the policy (accepted and not disabled). */
export function rulesOf(policy: Policy, file: string): LoadedRule[] {
  const off = new Set(policy.disabled.map((d) => d.rule));
  return policy.rules.filter((r) => r.source === file && !off.has(r.id));
}

function cachePath(): string {
  return path.join(stateDir(), 'verified-rulesets.json');
}

function readCache(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(cachePath(), 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

function writeCache(c: Record<string, number>): void {
  try {
    const p = cachePath();
    fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o700 });
    const tmp = `${p}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(c), { mode: 0o600 });
    fs.renameSync(tmp, p);
  } catch {
    /* a read-only state dir only costs a re-check next time */
  }
}

/** Verifies each file's examples unless a pass is cached; returns load errors. */
export async function verifyFiles(policy: Policy, files: LoadedFile[], stamp: string, run: ExampleRun): Promise<string[]> {
  if (!files.length) return [];
  const cache = readCache();
  const errors: string[] = [];
  let dirty = false;
  for (const f of files) {
    const rules = rulesOf(policy, f.file);
    if (!rules.length) continue;
    const key = hashText(stamp + f.hash + JSON.stringify(rules));
    if (cache[key]) continue;
    const failures = await runExamples(rules, policy, run);
    if (failures.length) errors.push(...failures.map((x) => `${describeFailure(x)}. Fix the rule or its examples (airlock rules test ${f.file}).`));
    else {
      cache[key] = Date.now();
      dirty = true;
    }
  }
  if (dirty) writeCache(cache);
  return errors;
}
