// `airlock rules list|show|lint|test`: what is in force, where it came from, and whether it works.
import * as path from 'node:path';
import { loadPolicy, type Policy } from '../policy';
import { useBuiltinSources } from '../policy/load';
import { paint } from '../util/style';

export interface RulesFlags {
  json?: boolean;
  cwd?: string;
}

const out = (s: string) => process.stdout.write(s + '\n');

async function policyFor(flags: RulesFlags, rulesets?: string[]): Promise<Policy> {
  useBuiltinSources(); // with the built-in rules' examples
  const { check } = await import('../engine');
  return loadPolicy({ cwd: path.resolve(flags.cwd ?? process.cwd()), ...(rulesets?.length ? { rulesets } : {}), quiet: true, verifyWith: check });
}

export async function listCommand(flags: RulesFlags): Promise<number> {
  const policy = await policyFor(flags);
  const off = new Map(policy.disabled.map((d) => [d.rule, d]));
  const rules = policy.rules.map((r) => ({
    id: r.id, decision: r.decision, severity: r.severity, layer: r.layer, source: r.source,
    ...(r.raisedBy ? { raisedBy: r.raisedBy } : {}),
    ...(off.has(r.id) ? { disabled: { reason: off.get(r.id)!.reason, source: off.get(r.id)!.source } } : {}),
  }));
  if (flags.json) {
    out(JSON.stringify({
      rules, disabled: policy.disabled, allowed: policy.allowed, rejected: policy.rejected, warnings: policy.warnings, errors: policy.errors,
      session: policy.session ?? null, workTree: policy.workTree, environments: policy.environments,
      files: policy.files.map((f) => ({ file: f.file, layer: f.layer, trusted: f.trusted })),
    }));
    return policy.errors.length ? 1 : 0;
  }
  const p = paint(process.stdout);
  const dc = (d: string) => (d === 'deny' ? p.red(d) : d === 'confirm' ? p.yellow(d) : p.green(d));
  out(p.bold(`rules (${rules.length})`));
  for (const r of rules) {
    const extra = r.disabled ? p.dim(`  DISABLED: ${r.disabled.reason} (${r.disabled.source})`) : r.raisedBy ? p.dim(`  raised by ${r.raisedBy}`) : '';
    out(`  ${dc(r.decision).padEnd(18)} ${r.severity.padEnd(8)} ${r.id}  ${p.dim(`[${r.layer}] ${r.source}`)}${extra}`);
  }
  if (policy.disabled.length) {
    out(p.bold('disabled'));
    for (const d of policy.disabled) out(`  ${d.rule}: ${d.reason}  ${p.dim(`[${d.layer}] ${d.source}`)}`);
  }
  if (policy.allowed.length) {
    out(p.bold('allowed'));
    for (const a of policy.allowed) out(`  ${a.command}${a.rules ? ` (rules ${a.rules.join(', ')})` : ''}: ${a.reason}  ${p.dim(`[${a.layer}] ${a.source}`)}`);
  }
  if (policy.session) out(`${p.bold('session')} environment ${policy.session.environment}  ${p.dim(policy.session.source)}`);
  if (policy.rejected.length) {
    out(p.bold('rejected (weakening attempts from layers the agent can write)'));
    for (const r of policy.rejected) out(`  ${p.yellow(r.what)}  ${p.dim(`[${r.layer}] ${r.source}`)}\n    ${r.message}`);
  }
  const other = policy.warnings.filter((w) => !policy.rejected.some((r) => w.endsWith(r.message)));
  if (other.length) {
    out(p.bold('warnings'));
    for (const w of other) out('  ' + p.yellow(w));
  }
  if (policy.errors.length) {
    out(p.bold('errors (every command is confirmed until fixed)'));
    for (const e of policy.errors) out('  ' + p.red(e));
  }
  return policy.errors.length ? 1 : 0;
}

export async function showCommand(id: string, flags: RulesFlags): Promise<number> {
  const policy = await policyFor(flags);
  const rule = policy.rules.find((r) => r.id === id);
  if (!rule) {
    process.stderr.write(`airlock: no rule ${id} is loaded (airlock rules list shows them)\n`);
    return 1;
  }
  const disabled = policy.disabled.find((d) => d.rule === id);
  if (flags.json) {
    out(JSON.stringify({ ...rule, ...(disabled ? { disabled } : {}) }));
    return 0;
  }
  const YAML = require('yaml') as typeof import('yaml'); // eslint-disable-line @typescript-eslint/no-require-imports
  const { source, layer, raisedBy, ...body } = rule;
  out(`# ${id}  [${layer}] ${source}${raisedBy ? `  raised by ${raisedBy}` : ''}${disabled ? `\n# DISABLED by ${disabled.source}: ${disabled.reason}` : ''}`);
  out(YAML.stringify(body).trimEnd());
  return 0;
}

export async function lintCommand(paths: string[], flags: RulesFlags): Promise<number> {
  const { lintFile } = await import('../policy/lint');
  const policy = await policyFor(flags);
  const files = paths.length ? paths.map((f) => path.resolve(f)) : policy.files.map((f) => f.file);
  const issues = files.flatMap((f) => lintFile(f, policy));
  if (!paths.length) for (const e of policy.errors) issues.push({ level: 'error', file: '(policy)', message: e });
  if (flags.json) out(JSON.stringify({ files, issues }));
  else {
    for (const i of issues) out(`${i.file}: ${i.level}: ${i.message}`);
    const n = issues.filter((i) => i.level === 'error').length;
    out(`${files.length} file(s), ${n} error(s), ${issues.length - n} warning(s)`);
  }
  return issues.some((i) => i.level === 'error') ? 1 : 0;
}

export async function testCommand(file: string | undefined, flags: RulesFlags): Promise<number> {
  const { runExamples, describeFailure } = await import('../policy/verify');
  const full = file ? path.resolve(file) : undefined;
  const rulesets = full ? [full] : [];
  const policy = await policyFor(flags, rulesets);
  if (full && policy.errors.some((e) => e.startsWith(full) && !/example/.test(e))) {
    for (const e of policy.errors) process.stderr.write(`airlock: ${e}\n`);
    return 1;
  }
  const rules = full ? policy.rules.filter((r) => path.resolve(r.source) === full) : policy.rules;
  let cases = 0;
  const { check } = await import('../engine');
  const failures = await runExamples(rules, policy, { check, firstOnly: true, onResult: () => void cases++ });
  const p = paint(process.stdout);
  if (failures.length) {
    const f = failures[0]!;
    const msg = f.stated && f.found?.length ? describeFailure(f).replace(/^.*?: example "[^]*?" /, '') : f.expected === 'match' ? `should produce ${f.rule}, got ${f.got.join(', ') || 'no findings'}` : `should not produce ${f.rule}`;
    if (flags.json) out(JSON.stringify({ ok: false, cases, failure: f }));
    else out(`${p.red('FAIL')} ${f.rule} (${f.source})\n  example: ${f.line}\n  ${msg}`);
    return 1;
  }
  if (flags.json) out(JSON.stringify({ ok: true, rules: rules.length, cases }));
  else out(`${p.green('ok')} ${cases} example(s) of ${rules.length} rule(s) pass`);
  return 0;
}
