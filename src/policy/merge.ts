// Adding one ruleset file to the policy. Trusted layers (outside the working tree) may relax:
// disable rules, allow-list commands, redefine rules, declare non-production environments and
// the session. Untrusted layers (the agent can write them) may only add rules and raise.
import type { Decision, Severity } from '../types';
import type { LoadedRule, Policy } from './load';
import { validateRule } from './load';
import { matchKeyErrors } from './fact-keys';
import type { RulesetFile } from './types';
import { MATCHER_KEYS } from './types';

const RANK: Record<Decision, number> = { allow: 0, confirm: 1, deny: 2 };
const SEV: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const HINT = 'Only layers outside the working tree may relax the policy: put it in ~/.config/airlock/*.yaml (or a team ruleset that file extends) with a written reason.';

/** In hardened mode only the root-owned system layer may relax (the user config is the agent's account's too). */
export const hardenedHint = (etcDir: string): string =>
  `In hardened mode only the system layer may relax the policy: ask your human to put it in ${etcDir}/rulesets/*.yaml (root-owned) with a written reason.`;

/** `systemEtc`: the hardened install's config directory, which the rejection hints then point to. */
export function addRuleset(policy: Policy, data: RulesetFile, source: string, layer: string, trusted: boolean, systemEtc?: string): void {
  const HINT_ = systemEtc ? hardenedHint(systemEtc) : HINT;
  const reject = (what: string, message: string) => {
    policy.rejected.push({ source, layer, what, message });
    policy.warnings.push(`${source}: rejected ${what}: ${message}`);
  };
  if (data.rules !== undefined && !Array.isArray(data.rules)) {
    policy.errors.push(`${source}: rules must be a list`);
    return;
  }
  for (const rule of data.rules ?? []) {
    const errs = validateRule(rule, source);
    // Built-in rules are checked by the build and the tests, not on every command.
    if (!errs.length && layer !== 'builtin') errs.push(...matchKeyErrors(rule, source));
    if (errs.length) {
      policy.errors.push(...errs);
      continue;
    }
    const loaded: LoadedRule = { ...rule, source, layer };
    const i = policy.rules.findIndex((r) => r.id === rule.id);
    if (i < 0) {
      policy.rules.push(loaded);
      continue;
    }
    const prev = policy.rules[i]!;
    if (trusted) {
      policy.rules[i] = loaded;
      continue;
    }
    const sameMatch = JSON.stringify(prev.match) === JSON.stringify(rule.match) && (prev.environment ?? null) === (rule.environment ?? null);
    if (sameMatch && RANK[rule.decision] >= RANK[prev.decision] && SEV[rule.severity] >= SEV[prev.severity]) {
      policy.rules[i] = { ...loaded, raisedBy: source };
      continue;
    }
    reject(
      `redefinition of rule ${rule.id}`,
      `a ${layer} ruleset the agent can edit may not replace ${rule.id} (from ${prev.source}) with a different match or a lower decision; it stays ${prev.decision}. Give your rule a new id, or use raise:. ${HINT_}`,
    );
  }
  for (const r of data.raise ?? []) {
    const target = policy.rules.find((x) => x.id === r.rule);
    if (!target) {
      policy.warnings.push(`${source}: raise: no rule ${r.rule} is loaded (yet); ignored`);
      continue;
    }
    if ((r.decision && RANK[r.decision] < RANK[target.decision]) || (r.severity && SEV[r.severity] < SEV[target.severity])) {
      reject(`lowering of rule ${r.rule}`, `raise: may only make ${r.rule} stricter (it is ${target.decision}/${target.severity}). ${HINT_}`);
      continue;
    }
    if (r.decision) target.decision = r.decision;
    if (r.severity) target.severity = r.severity;
    target.raisedBy = source;
  }
  for (const [name, m] of Object.entries(data.environments ?? {})) {
    if (!m || typeof m !== 'object') {
      policy.errors.push(`${source}: environment ${name} must be a mapping of matchers`);
      continue;
    }
    // Placing a target in production only makes the policy stricter; anything else may move a
    // production (or unknown) target out of production.
    if (!trusted && name !== 'production') {
      reject(
        `environment "${name}"`,
        `a ${layer} ruleset the agent can edit may only add production matchers; declaring what counts as "${name}" could move a production target behind the wall. ${HINT_}`,
      );
      continue;
    }
    const merged: Record<string, string[]> = { ...(policy.environments[name] as Record<string, string[]> | undefined) };
    for (const [k, v] of Object.entries(m)) {
      if (!MATCHER_KEYS.includes(k as (typeof MATCHER_KEYS)[number])) {
        policy.errors.push(`${source}: environment ${name}: unknown matcher "${k}" (one of ${MATCHER_KEYS.join(', ')})`);
        continue;
      }
      const list = Array.isArray(v) ? v.map(String) : [String(v)];
      merged[k] = [...(merged[k] ?? []), ...list];
    }
    policy.environments[name] = merged;
  }
  for (const d of data.disable ?? []) {
    if (!trusted) {
      reject(`disable of ${d.rule}`, `a ${layer} ruleset the agent can edit may only add rules or raise decisions; ${d.rule} stays on. ${HINT_}`);
      continue;
    }
    if (!d.reason?.trim()) {
      policy.errors.push(`${source}: disabling ${d.rule} needs a written reason`);
      continue;
    }
    policy.disabled.push({ ...d, source, layer });
  }
  for (const a of data.allow ?? []) {
    if (!trusted) {
      reject(`allow-list entry "${a.command}"`, `a ${layer} ruleset the agent can edit may only add rules or raise decisions; the command stays flagged. ${HINT_}`);
      continue;
    }
    if (!a.reason?.trim() || !a.command) {
      policy.errors.push(`${source}: allow-listing "${a.command}" needs a command glob and a written reason`);
      continue;
    }
    policy.allowed.push({ ...a, source, layer });
  }
  if (data.session?.environment) {
    if (!trusted || layer !== 'user') {
      reject('session declaration', `only the human's user config (~/.config/airlock/config.yaml) may declare the session environment; ignored.`);
    } else policy.session = { environment: String(data.session.environment), source };
  }
}
