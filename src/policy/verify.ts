// Examples as tests: every `examples.match` line must produce the rule's finding through the
// full pipeline, every `examples.no_match` line must not. Non-built-in rulesets are verified when
// they load; a pass is remembered by content hash in the state dir so later loads are cheap.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedFile, LoadedRule, Policy } from './load';
import { hashText } from './load';
import { stateDir } from '../util/paths';

export interface ExampleFailure {
  rule: string;
  source: string;
  line: string;
  expected: 'match' | 'no_match';
  /** Rules that did fire. */
  got: string[];
}

export function describeFailure(f: ExampleFailure): string {
  return f.expected === 'match'
    ? `rule ${f.rule} (${f.source}): example "${f.line}" should match but did not (findings: ${f.got.join(', ') || 'none'})`
    : `rule ${f.rule} (${f.source}): example "${f.line}" should not match but did`;
}

export interface ExampleRun {
  cwd?: string;
  rulesets?: string[];
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

/** Runs the examples of `rules` with check() (the policy of `run.cwd`/`run.rulesets`). */
export async function runExamples(rules: LoadedRule[], run: ExampleRun): Promise<ExampleFailure[]> {
  const { check } = await import('../engine');
  const failures: ExampleFailure[] = [];
  const opts = { cwd: EXAMPLE_CWD, policyCwd: run.cwd ?? process.cwd(), ...(run.rulesets?.length ? { rulesets: run.rulesets } : {}) };
  for (const rule of rules) {
    const cases: [string, 'match' | 'no_match'][] = [
      ...(rule.examples?.match ?? []).map((l) => [l, 'match'] as [string, 'match']),
      ...(rule.examples?.no_match ?? []).map((l) => [l, 'no_match'] as [string, 'no_match']),
    ];
    for (const [line, expected] of cases) {
      const r = await check(String(line), opts);
      const got = [...new Set(r.findings.map((f) => f.rule))];
      const ok = expected === 'match' ? got.includes(rule.id) : !got.includes(rule.id);
      run.onResult?.(rule, line, ok);
      if (!ok) {
        failures.push({ rule: rule.id, source: rule.source, line, expected, got });
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
    const failures = await runExamples(rules, run);
    if (failures.length) errors.push(...failures.map((x) => `${describeFailure(x)}. Fix the rule or its examples (airlock rules test ${f.file}).`));
    else {
      cache[key] = Date.now();
      dirty = true;
    }
  }
  if (dirty) writeCache(cache);
  return errors;
}
