// `airlock explain` and `airlock check`: the contract tools and tests build on.
import type { CheckOptions, CheckResult } from '../types';
import { check } from '../engine';
import { paint } from '../util/style';

export interface ExplainFlags {
  json?: boolean;
  env?: string;
  ruleset?: string[];
  cwd?: string;
  /** Look up the impact of confirm findings (off by default: explain stays instant and offline). */
  impact?: boolean;
}

export function checkOptions(flags: ExplainFlags): CheckOptions {
  const opts: CheckOptions = { cwd: flags.cwd ?? process.cwd(), env: process.env };
  const session = flags.env ?? process.env.AIRLOCK_ENV;
  if (session) opts.sessionEnvironment = session;
  if (flags.ruleset?.length) opts.rulesets = flags.ruleset;
  return opts;
}

export function toJson(line: string, r: CheckResult): object {
  return {
    command: line,
    decision: r.decision,
    findings: r.findings,
    commands: r.commands.map((c) => ({ program: c.program, argv: c.argv.map((w) => w.value), via: c.via, ...(c.remote ? { remote: c.remote } : {}) })),
    facts: r.facts,
    errors: r.errors,
    elapsedMs: Math.round(r.elapsedMs * 1000) / 1000,
  };
}

export async function explainCommand(line: string, flags: ExplainFlags): Promise<number> {
  let r = await check(line, checkOptions(flags));
  if (flags.impact && r.decision === 'confirm') {
    const { lookupImpacts } = await import('../impact/index');
    r = { ...r, findings: await lookupImpacts(r, { cwd: flags.cwd ?? process.cwd(), env: process.env }) };
  }
  if (flags.json) {
    process.stdout.write(JSON.stringify(toJson(line, r)) + '\n');
    return 0;
  }
  const p = paint(process.stdout);
  const out: string[] = [];
  out.push(p.bold('command  ') + line);
  out.push(p.bold('parse'));
  for (const c of r.commands) {
    const argv = c.argv.map((w) => (w.value === null ? p.yellow(w.raw) : JSON.stringify(w.value))).join(' ');
    out.push(`  ${argv}${c.via.length ? p.dim(`   via ${c.via.join(' > ')}`) : ''}${c.remote ? p.dim(` on ${c.remote}`) : ''}`);
  }
  const interesting = r.facts.filter((f) => f.type !== 'command');
  if (interesting.length) {
    out.push(p.bold('facts'));
    for (const f of interesting) {
      const { command: _c, type, ...rest } = f;
      out.push(`  ${p.cyan(type)} ${JSON.stringify(rest)}`);
    }
  }
  if (r.errors.length) {
    out.push(p.bold('problems'));
    for (const e of r.errors) out.push('  ' + p.yellow(e));
  }
  if (r.findings.length) {
    out.push(p.bold('findings'));
    for (const f of r.findings) {
      out.push(`  ${decisionColor(p, f.decision)} ${p.bold(f.rule)} [${f.severity}] resource=${JSON.stringify(f.resource)} environment=${f.environment}`);
      out.push(`    ${f.reason}`);
      if (f.suggestion) out.push(`    safer: ${f.suggestion}`);
      for (const n of f.notes ?? []) out.push(`    note: ${n}`);
      for (const i of (f as { impact?: { source: string; summary: string[] }[] }).impact ?? []) for (const l of i.summary) out.push(`    ${p.cyan('impact')} ${i.source}: ${l}`);
    }
  }
  out.push(p.bold('decision ') + decisionColor(p, r.decision) + p.dim(`  (${r.elapsedMs.toFixed(2)} ms)`));
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

function decisionColor(p: ReturnType<typeof paint>, d: string): string {
  return d === 'allow' ? p.green(d) : d === 'confirm' ? p.yellow(d) : p.red(d);
}

/** `airlock check`: exit 0 allow, 1 confirm, 2 deny; --json prints the same object as explain. */
export async function checkCommand(line: string, flags: ExplainFlags): Promise<number> {
  const r = await check(line, checkOptions(flags));
  if (flags.json) process.stdout.write(JSON.stringify(toJson(line, r)) + '\n');
  else if (r.decision !== 'allow') {
    for (const f of r.findings) process.stderr.write(`airlock: ${f.decision}: ${f.rule}: ${f.reason}\n`);
  }
  return r.decision === 'allow' ? 0 : r.decision === 'confirm' ? 1 : 2;
}
