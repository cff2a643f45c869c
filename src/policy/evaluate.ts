// Rules x facts -> findings. The strictest finding decides; environment walls turn a finding
// that crosses out of the session's declared environment into a denial.
import type { Decision, Fact, Finding, Severity } from '../types';
import type { Policy } from './load';
import { classify, isProductionLike } from './environment';
import { matchFact, glob } from './match';
import { fillTemplate } from './template';

const RANK: Record<Decision, number> = { allow: 0, confirm: 1, deny: 2 };

export function strictest(ds: Decision[]): Decision {
  return ds.reduce<Decision>((a, b) => (RANK[b] > RANK[a] ? b : a), 'allow');
}

export interface EvaluateOptions {
  sessionEnvironment?: string;
}

export function evaluate(policy: Policy, facts: Fact[], opts: EvaluateOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const disabled = new Set(policy.disabled.map((d) => d.rule));
  const allowedCommands = policy.allowed.map((a) => glob(a.command));
  for (const fact of facts) {
    if (allowedCommands.some((m) => m(fact.command))) continue;
    const env = classify(fact.targets, policy.environments);
    for (const rule of policy.rules) {
      if (disabled.has(rule.id)) continue;
      const matches = Array.isArray(rule.match) ? rule.match : [rule.match];
      if (!matches.some((m) => matchFact(fact, m))) continue;
      const environment = rule.environment ?? env;
      const resource = rule.resource ? fillTemplate(rule.resource, fact) : fact.command;
      const extra = { environment, resource };
      const key = `${rule.id}\0${resource}\0${fact.command}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const f: Finding = {
        rule: rule.id,
        decision: rule.decision,
        severity: rule.severity,
        reason: fillTemplate(rule.message, fact, extra),
        resource,
        environment,
        command: fact.command,
      };
      if (rule.suggestion) f.suggestion = fillTemplate(rule.suggestion, fact, extra);
      findings.push(f);
    }
    const wall = wallFinding(fact, env, opts.sessionEnvironment);
    if (wall && !seen.has(wall.rule + fact.command)) {
      seen.add(wall.rule + fact.command);
      findings.push(wall);
    }
  }
  // A finding forced to production (volumeDelete) from a non-production session hits the wall too.
  if (opts.sessionEnvironment && !isProductionLike(opts.sessionEnvironment)) {
    for (const f of findings) {
      if (f.decision !== 'allow' && !f.wall && f.environment !== opts.sessionEnvironment && isProductionLike(f.environment)) {
        f.decision = 'deny';
        f.wall = `${opts.sessionEnvironment} -> ${f.environment}`;
        f.reason += ` This session is declared "${opts.sessionEnvironment}"; it may not reach ${f.environment} (environment wall ${f.wall}).`;
      }
    }
  }
  return findings;
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
