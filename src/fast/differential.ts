// The fast paths against the full check, line by line: the fast path (decide.ts) and the shims'
// sh table (shims/fast-table.ts) may only ever allow what the full check allows. Used by
// test/fast/differential.test.ts and `npm run bench` (which prints the count of disagreements).
import type { CheckOptions, CheckResult } from '../types';
import { fastAllow, type FastOptions } from './decide';
import { singleQuote as q } from '../util/shell-quote';
import { shimFastAllows, type ShimFastTable } from '../integrations/shims/fast-table';

export interface Disagreement {
  /** 'fast': the fast path allowed the line; 'shim': the shim table allowed `program args`. */
  path: 'fast' | 'shim';
  line: string;
  decision: string;
  rules: string[];
}

export interface DifferentialReport {
  lines: number;
  /** Lines the fast path allowed (each checked against the full check). */
  fastAllowed: number;
  /** Shimmed calls the sh table let through (each checked against the full check). */
  shimAllowed: number;
  disagreements: Disagreement[];
}


export async function differential(
  lines: string[],
  check: (line: string, opts: CheckOptions) => Promise<CheckResult>,
  opts: { cwd: string; env: Record<string, string | undefined>; table: ShimFastTable; shimmed: Set<string>; fast?: Omit<FastOptions, 'cwd' | 'env'> },
): Promise<DifferentialReport> {
  const report: DifferentialReport = { lines: lines.length, fastAllowed: 0, shimAllowed: 0, disagreements: [] };
  // As a harness hook checks (nobody sees the command's stdin): self-protection's strictest reading.
  const copts: CheckOptions = { cwd: opts.cwd, env: opts.env, stdinTerminal: false };
  const flagged = (r: CheckResult) => r.decision !== 'allow';
  for (const line of lines) {
    const full = await check(line, copts);
    let fast = null;
    try {
      fast = await fastAllow(line, { cwd: opts.cwd, env: opts.env, stdinTerminal: false, ...opts.fast });
    } catch {
      fast = null; // the launcher runs the full check when the fast path throws
    }
    if (fast) {
      report.fastAllowed++;
      if (flagged(full)) report.disagreements.push({ path: 'fast', line, decision: full.decision, rules: full.findings.map((f) => f.rule) });
    }
    // Each simple command of the line, as a program reaching its shim with these arguments.
    for (const c of full.commands) {
      if (!c.program || !opts.shimmed.has(c.program) || c.argv.some((w) => w.value === null)) continue;
      const args = c.argv.slice(1).map((w) => w.value!);
      if (!shimFastAllows(opts.table, c.program, args)) continue;
      report.shimAllowed++;
      const shimLine = [c.program, ...args].map(q).join(' ');
      const r = await check(shimLine, copts);
      if (flagged(r)) report.disagreements.push({ path: 'shim', line: shimLine, decision: r.decision, rules: r.findings.map((f) => f.rule) });
    }
  }
  return report;
}
