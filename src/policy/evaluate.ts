// Rules x facts -> findings. The strictest finding decides; environment walls turn a finding
// that crosses out of the session's declared environment into a denial.
import type { Decision, Fact, Finding, Severity } from '../types';
import type { LoadedRule, Policy } from './load';
import type { FactMatch } from './types';
import { classify, isProductionLike } from './environment';
import { matchFact, matchValue, glob } from './match';
import { fillTemplate } from './template';

const RANK: Record<Decision, number> = { allow: 0, confirm: 1, deny: 2 };

export function strictest(ds: Decision[]): Decision {
  return ds.reduce<Decision>((a, b) => (RANK[b] > RANK[a] ? b : a), 'allow');
}

export interface EvaluateOptions {
  /** The session's environment (--env, AIRLOCK_ENV); defaults to the user config's `session`. */
  sessionEnvironment?: string;
  /** The whole command line (named by a ruleset-error finding). */
  line?: string;
}

/** Rules that allow-listing never reaches: self-protection and the environment wall. */
const UNALLOWABLE = (id: string) => id.startsWith('airlock/') || id === 'core/environment-wall';

/** The `environment` key matches the fact's classified environment, not a field of the fact. */
function ruleMatches(fact: Fact, m: FactMatch, env: string): boolean {
  if (!('environment' in m)) return matchFact(fact, m);
  const { environment, ...rest } = m;
  return matchValue(env, environment) && matchFact(fact, rest as FactMatch);
}

const byKey = new WeakMap<Policy, Map<string, LoadedRule[]>>();

/**
 * Rules whose match can apply to a fact: filtered once per policy, fact type and program (the
 * hot loop). Type and program are plain fields, so pre-matching them is exact, not a heuristic.
 */
function rulesFor(policy: Policy, fact: Fact): LoadedRule[] {
  let idx = byKey.get(policy);
  if (!idx) byKey.set(policy, (idx = new Map()));
  const keys = INDEXED.map((f) => (typeof fact[f] === 'string' ? (fact[f] as string) : null));
  const key = `${fact.type}\0${keys.map((k) => k ?? '\u0001').join('\0')}`;
  let rules = idx.get(key);
  if (!rules) {
    rules = policy.rules.filter((r) =>
      (Array.isArray(r.match) ? r.match : [r.match]).some(
        (m) =>
          (m.type === undefined || matchValue(fact.type, m.type)) &&
          INDEXED.every((f, i) => keys[i] === null || !(f in m) || matchValue(keys[i], m[f])),
      ),
    );
    if (idx.size > 4096) idx.clear();
    idx.set(key, rules);
  }
  return rules;
}

/** Plain string fields most rules key on: pre-matched once per distinct value. */
const INDEXED = ['program', 'tool', 'action'] as const;

export function evaluate(policy: Policy, facts: Fact[], opts: EvaluateOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const disabled = new Set(policy.disabled.map((d) => d.rule));
  const allowed = policy.allowed.map((a) => ({ cmd: glob(a.command), rules: a.rules?.map((r) => glob(r)) }));
  const session = opts.sessionEnvironment ?? policy.session?.environment;
  const allowedFor = (fact: Fact, rule: string) =>
    !UNALLOWABLE(rule) && allowed.some((a) => a.cmd(fact.command) && (!a.rules || a.rules.some((r) => r(rule))));
  for (const fact of facts) {
    const env = environmentOf(fact, policy);
    for (const rule of rulesFor(policy, fact)) {
      if (disabled.has(rule.id)) continue;
      const matches = Array.isArray(rule.match) ? rule.match : [rule.match];
      if (!matches.some((m) => ruleMatches(fact, m, env))) continue;
      if (allowedFor(fact, rule.id)) continue;
      const f = finding(rule, fact, env);
      const key = `${rule.id}\0${f.resource}\0${fact.command}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
    const wall = wallFinding(fact, env, session);
    if (wall && !seen.has(wall.rule + fact.command)) {
      seen.add(wall.rule + fact.command);
      findings.push(wall);
    }
  }
  // A finding forced to production (volumeDelete) from a non-production session hits the wall too.
  if (session && !isProductionLike(session)) {
    for (const f of findings) {
      if (f.decision !== 'allow' && !f.wall && f.environment !== session && isProductionLike(f.environment)) {
        f.decision = 'deny';
        f.wall = `${session} -> ${f.environment}`;
        f.reason += ` This session is declared "${session}"; it may not reach ${f.environment} (environment wall ${f.wall}).`;
      }
    }
  }
  if (policy.errors.length) findings.push(rulesetErrorFinding(policy, opts.line ?? facts[0]?.command ?? ''));
  attachNotes(findings, facts);
  return findings;
}

/**
 * A fact may carry a `note` for the human (where the credential a command uses was found): it is
 * attached to every finding that asks or blocks about the same command.
 */
function attachNotes(findings: Finding[], facts: Fact[]): void {
  const notes = new Map<string, string[]>();
  for (const fact of facts) {
    if (typeof fact.note !== 'string' || !fact.note) continue;
    const list = notes.get(fact.command) ?? [];
    if (!list.includes(fact.note)) list.push(fact.note);
    notes.set(fact.command, list);
  }
  if (!notes.size) return;
  for (const f of findings) {
    const list = f.decision === 'allow' ? undefined : notes.get(f.command);
    if (list) f.notes = [...list];
  }
}

/**
 * A fact that reaches infrastructure (a cloud API, a cluster, a platform) without naming anything
 * we can place is `unknown`, treated as production; only work on this machine is `local`.
 */
function environmentOf(fact: Fact, policy: Policy): string {
  // A command run on another machine (ssh HOST, gcloud compute ssh VM): that host names the environment too.
  // A remote that is not a plain host (`Key=tag:env,Values=prod` for aws ssm) still names its environment by its words.
  const remote = typeof fact.remote === 'string' ? fact.remote : null;
  const host = remote && /^[\w.@-]+$/.test(remote) ? remote.replace(/^.*@/, '') : null;
  const own = fact.targets ?? [];
  const extra = host ? { kind: 'host' as const, value: host } : remote ? { kind: 'name' as const, value: remote } : null;
  const targets = extra && !own.some((t) => t.value === extra.value) ? [...own, extra] : fact.targets;
  const env = classify(targets, policy.environments);
  return env === 'local' && fact.infra === true && fact.local !== true ? 'unknown' : env;
}

function finding(rule: LoadedRule, fact: Fact, env: string): Finding {
  const environment = rule.environment ?? env;
  const resource = rule.resource ? fillTemplate(rule.resource, fact, { environment }) : fact.command;
  const extra = { environment, resource };
  const f: Finding = {
    rule: rule.id,
    decision: rule.decision,
    severity: rule.severity,
    reason: fillTemplate(rule.message, fact, extra).trim(),
    resource,
    environment,
    command: fact.command,
  };
  if (rule.suggestion) f.suggestion = fillTemplate(rule.suggestion, fact, extra);
  return f;
}

function rulesetErrorFinding(policy: Policy, command: string): Finding {
  return {
    rule: 'core/ruleset-error',
    decision: 'confirm',
    severity: 'high',
    reason: `airlock's rulesets did not load cleanly, so every command needs a human until they are fixed: ${policy.errors.slice(0, 3).join('; ')}${policy.errors.length > 3 ? ` (and ${policy.errors.length - 3} more; see airlock rules lint)` : ''}`,
    resource: 'this command',
    environment: 'unknown',
    command,
  };
}

function wallFinding(fact: Fact, env: string, session: string | undefined): Finding | null {
  // Only facts that reach infrastructure (a database, a cloud API, a cluster) are walled.
  if (!session || !fact.infra || !fact.targets?.length || env === 'local' || env === session) return null;
  if (env === 'development' && session !== 'production') return null;
  const severity: Severity = isProductionLike(env) ? 'critical' : 'high';
  return {
    rule: 'core/environment-wall',
    decision: 'deny',
    severity,
    reason: `This session is declared "${session}", and this command reaches ${env === 'unknown' ? 'an environment airlock cannot place (treated as production)' : `"${env}"`}: ${fact.targets.map((t) => `${t.kind} ${t.value}`).join(', ')}. Environment wall ${session} -> ${env}. Work only against ${session} targets, or ask your human to start a session for ${env}.`,
    resource: fact.targets[0]!.value,
    environment: env,
    command: fact.command,
    wall: `${session} -> ${env}`,
  };
}
