// The policy in force: built-in rulesets, then the layers (src/policy/layers.ts), then --ruleset files.
import * as fs from 'node:fs';
import type { RulesetFile } from './types';
import { loadBuiltin, parseRulesetText, validateRule, type LoadedRule, type Policy } from './load';
import { DEFAULT_ENVIRONMENTS } from './environment';

const cache = new Map<string, Policy>();

export interface PolicyOptions {
  cwd?: string;
  rulesets?: string[];
}

export function getPolicy(opts: PolicyOptions = {}): Policy {
  const key = JSON.stringify([opts.cwd ?? '', opts.rulesets ?? []]);
  const hit = cache.get(key);
  if (hit) return hit;
  const policy: Policy = { rules: [], environments: { ...DEFAULT_ENVIRONMENTS }, disabled: [], allowed: [], warnings: [] };
  for (const { file, data } of loadBuiltin()) addRuleset(policy, data, file, 'builtin', true);
  for (const file of opts.rulesets ?? []) {
    const data = parseRulesetText(fs.readFileSync(file, 'utf8'), file);
    addRuleset(policy, data, file, 'cli', false);
  }
  cache.set(key, policy);
  return policy;
}

/**
 * Adds one ruleset file. `trusted` layers (outside the working tree) may disable rules and
 * allow-list commands; others may only add rules or raise decisions.
 */
export function addRuleset(policy: Policy, data: RulesetFile, source: string, layer: string, trusted: boolean): void {
  for (const rule of data.rules ?? []) {
    const errs = validateRule(rule, source);
    if (errs.length) throw new Error(errs.join('\n'));
    const existing = policy.rules.findIndex((r) => r.id === rule.id);
    const loaded: LoadedRule = { ...rule, source, layer };
    if (existing >= 0) {
      const prev = policy.rules[existing]!;
      const rank = { allow: 0, confirm: 1, deny: 2 } as const;
      if (!trusted && rank[rule.decision] < rank[prev.decision]) {
        policy.warnings.push(`${source}: rule ${rule.id} would lower ${prev.decision} to ${rule.decision}; a ${layer} ruleset may only tighten. Ignored.`);
        continue;
      }
      policy.rules[existing] = loaded;
    } else policy.rules.push(loaded);
  }
  for (const [name, m] of Object.entries(data.environments ?? {})) {
    const prev = policy.environments[name] ?? {};
    const merged: Record<string, string[]> = { ...(prev as Record<string, string[]>) };
    for (const [k, v] of Object.entries(m)) merged[k] = [...(merged[k] ?? []), ...((v as string[]) ?? [])];
    policy.environments[name] = merged;
  }
  for (const d of data.disable ?? []) {
    if (!trusted) {
      policy.warnings.push(`${source}: cannot disable ${d.rule}: a ${layer} ruleset the agent can edit may only add rules or raise decisions. Put it in ~/.config/airlock/ with a reason.`);
      continue;
    }
    if (!d.reason) throw new Error(`${source}: disabling ${d.rule} needs a written reason`);
    policy.disabled.push({ ...d, source });
  }
  for (const a of data.allow ?? []) {
    if (!trusted) {
      policy.warnings.push(`${source}: cannot allow-list "${a.command}": a ${layer} ruleset the agent can edit may only add rules or raise decisions. Put it in ~/.config/airlock/ with a reason.`);
      continue;
    }
    if (!a.reason) throw new Error(`${source}: allow-listing "${a.command}" needs a written reason`);
    policy.allowed.push({ ...a, source });
  }
}

export function clearPolicyCache(): void {
  cache.clear();
}
