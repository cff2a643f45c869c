// The policy in force: built-in rulesets, then the user layer, the project layer (each with what
// it `extends`), then --ruleset files. getPolicy() builds it; loadPolicy() also checks the
// examples of every non-built-in ruleset (cached by content hash) before the policy is used.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBuiltin, readRulesetFile, hashText, type Policy } from './load';
import { DEFAULT_ENVIRONMENTS } from './environment';
import { addRuleset } from './merge';
import { agentWritable, discoverLayers, resolveExtends, systemLayerFiles, workTreeOf, type LayerFile } from './layers';
import { hardened } from '../util/system-mode';

import type { CheckFn } from './verify';

export { addRuleset } from './merge';
export type { Policy, LoadedRule } from './load';

const cache = new Map<string, { policy: Policy; stamp: string; checkedAt: number }>();

/** How often a cached policy re-checks its files (tests set 0). */
export const POLICY_RECHECK = { ms: 1000 };

export interface PolicyOptions {
  cwd?: string;
  rulesets?: string[];
}

function cacheKey(opts: PolicyOptions): string {
  const e = process.env;
  return JSON.stringify([opts.cwd ?? process.cwd(), opts.rulesets ?? [], e.HOME, e.AIRLOCK_CONFIG_DIR, e.XDG_CONFIG_HOME]);
}

export function getPolicy(opts: PolicyOptions = {}): Policy {
  const key = cacheKey(opts);
  const hit = cache.get(key);
  // A long-lived process (the hook server) notices edited, added or removed ruleset files:
  // at most once a second it compares their list and modification times.
  if (hit && (Date.now() - hit.checkedAt < POLICY_RECHECK.ms || fingerprint(hit.policy, opts) === hit.stamp)) {
    hit.checkedAt = Date.now();
    return hit.policy;
  }
  const policy = buildPolicy(opts);
  // The files just loaded are the baseline; no second directory walk in a one-shot process.
  cache.set(key, { policy, stamp: stampOf(loadedFiles(policy)), checkedAt: Date.now() });
  return policy;
}

function loadedFiles(policy: Policy): string[] {
  return policy.files.filter((f) => f.layer !== 'builtin').map((f) => f.file);
}

/** Non-built-in ruleset files in force or now present, with their modification times. */
function fingerprint(policy: Policy, opts: PolicyOptions): string {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  return stampOf([...discoverLayers(cwd, policy.workTree).map((l) => l.file), ...loadedFiles(policy)]);
}

function stampOf(list: string[]): string {
  return [...new Set(list)]
    .sort()
    .map((f) => {
      try {
        return `${f}:${fs.statSync(f).mtimeMs}`;
      } catch {
        return `${f}:-`;
      }
    })
    .join('\n');
}

/** The built-in rulesets alone (the policy in force when no layer exists; src/fast snapshots it). */
export function builtinPolicy(workTree: string): Policy {
  const policy: Policy = {
    rules: [], environments: structuredClone(DEFAULT_ENVIRONMENTS), disabled: [], allowed: [],
    rejected: [], warnings: [], errors: [], files: [], workTree,
  };
  for (const { file, data } of loadBuiltin()) {
    addRuleset(policy, data, file, 'builtin', true);
    policy.files.push({ file, layer: 'builtin', trusted: true, hash: '', data });
  }
  return policy;
}

function buildPolicy(opts: PolicyOptions): Policy {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const workTree = workTreeOf(cwd);
  const policy = builtinPolicy(workTree);
  // Hardened mode: every layer the agent's account can write (its user config included) may only
  // tighten, --ruleset is ignored, and the root-owned system layer comes last, so it outranks all.
  const sys = hardened();
  const layers: LayerFile[] = discoverLayers(cwd, workTree).map((l) => (sys ? { ...l, trusted: false } : l));
  for (const f of sys ? [] : (opts.rulesets ?? [])) {
    const file = path.resolve(cwd, f);
    layers.push({ file, layer: 'cli', trusted: !agentWritable(file, workTree, cwd) });
  }
  if (sys) for (const file of systemLayerFiles(sys)) layers.push({ file, layer: 'system', trusted: true });
  const seen = new Set<string>();
  for (const l of layers) addFile(policy, l, cwd, seen, sys?.etcDir);
  return policy;
}

function addFile(policy: Policy, l: LayerFile, cwd: string, seen: Set<string>, systemEtc?: string): void {
  const real = fs.existsSync(l.file) ? fs.realpathSync(l.file) : l.file;
  if (seen.has(real)) return;
  seen.add(real);
  let loaded;
  try {
    loaded = readRulesetFile(l.file);
  } catch (e) {
    policy.errors.push(l.file.endsWith('.json') || /cannot parse|must be/.test((e as Error).message) ? (e as Error).message : `${l.file}: ${(e as Error).message}`);
    return;
  }
  const { data, hash } = loaded;
  // What this file extends comes first, so the file's own entries override it.
  for (const spec of Array.isArray(data.extends) ? data.extends : data.extends ? [String(data.extends)] : []) {
    let files: string[];
    try {
      files = resolveExtends(spec, l.file, cwd);
    } catch (e) {
      policy.errors.push(`${l.file}: ${(e as Error).message}`);
      continue;
    }
    // An extended file is trusted only if the file naming it is, and it lies outside the tree.
    for (const file of files) addFile(policy, { file, layer: 'team', trusted: l.trusted && !agentWritable(file, policy.workTree, cwd) }, cwd, seen, systemEtc);
  }
  addRuleset(policy, data, l.file, l.layer, l.trusted, systemEtc);
  policy.files.push({ file: l.file, layer: l.layer, trusted: l.trusted, hash, data });
}

export function clearPolicyCache(): void {
  cache.clear();
  verified.clear();
}

// ---- example verification -------------------------------------------------------------

const verified = new Map<Policy, Promise<void>>();
const warned = new WeakSet<Policy>();

/**
 * The policy; with `verifyWith` (the pipeline), the examples of every non-built-in ruleset are
 * checked first. A failing example is a load error naming the rule (policy.errors): every check is
 * then confirmed until it is fixed. The examples run against the policy as it is (handed to the
 * pipeline), so verifying never loads the policy again.
 */
export async function loadPolicy(opts: PolicyOptions & { quiet?: boolean; verifyWith?: CheckFn } = {}): Promise<Policy> {
  const policy = getPolicy(opts);
  if (opts.verifyWith && policy.files.some((f) => f.layer !== 'builtin')) {
    let p = verified.get(policy);
    if (!p) {
      p = verifyPolicy(policy, opts.verifyWith);
      verified.set(policy, p);
    }
    await p;
  }
  if (opts.quiet) warned.add(policy);
  else if (!warned.has(policy)) {
    warned.add(policy);
    for (const w of policy.warnings) process.stderr.write(`airlock: warning: ${w}\n`);
    for (const e of policy.errors) process.stderr.write(`airlock: ruleset error: ${e}\n`);
  }
  return policy;
}

async function verifyPolicy(policy: Policy, check: CheckFn): Promise<void> {
  // Built-in examples are checked by the test suite; with no other layer there is nothing to do.
  const files = policy.files.filter((f) => f.layer !== 'builtin');
  if (!files.length) return;
  const { verifyFiles } = await import('./verify');
  const stamp = bundleStamp() + hashText(JSON.stringify([policy.disabled, policy.allowed]));
  const failures = await verifyFiles(policy, files, stamp, { check });
  policy.errors.push(...failures);
}

function bundleStamp(): string {
  try {
    const st = fs.statSync(__filename);
    return `${__filename}:${st.size}:${st.mtimeMs}`;
  } catch {
    return 'dev';
  }
}
