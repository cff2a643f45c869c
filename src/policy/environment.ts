// Which environment a fact reaches. Name tokens are matched whole ("product" is not "prod");
// a remote target that matches nothing is "unknown", which the policy treats as production.
import type { Fact, Target } from '../types';
import type { EnvironmentMatcher } from './types';
import { glob } from './match';

export const DEFAULT_ENVIRONMENTS: Record<string, EnvironmentMatcher> = {
  production: { tokens: ['prod', 'production', 'prd', 'live'] },
  staging: { tokens: ['staging', 'stage', 'stg', 'preprod', 'uat'] },
  development: { tokens: ['dev', 'development', 'local', 'localhost', 'test', 'testing', 'sandbox', 'ci'], hosts: ['localhost', '127.*', '::1', '0.0.0.0', '*.local', '*.localhost', '/*'] },
};

const REMOTE_KINDS = new Set<Target['kind']>(['host', 'url', 'connection', 'railway-environment', 'railway-project', 'kube-context', 'aws-profile', 'aws-account', 'gcp-project', 'token', 'workspace', 'var-file', 'database', 'name', 'namespace', 'path']);

export function tokens(value: string): string[] {
  return value.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

const FIELD_FOR_KIND: Partial<Record<Target['kind'], keyof EnvironmentMatcher>> = {
  host: 'hosts', url: 'hosts', connection: 'hosts', database: 'databases', 'railway-environment': 'railway',
  'railway-project': 'railway', workspace: 'workspaces', 'var-file': 'paths', path: 'paths',
  'kube-context': 'kube_contexts', namespace: 'kube_contexts', 'aws-profile': 'aws_profiles',
  'aws-account': 'aws_profiles', 'gcp-project': 'gcp_projects',
};

function matchTarget(t: Target, m: EnvironmentMatcher): boolean {
  const field = FIELD_FOR_KIND[t.kind];
  const list = field ? (m[field] as string[] | undefined) : undefined;
  if (list?.some((p) => glob(p)(t.value))) return true;
  const toks = m.tokens;
  if (!toks?.length) return false;
  const value = t.kind === 'url' ? hostOf(t.value) : t.value;
  return tokens(value).some((x) => toks.includes(x));
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/**
 * The environment of a set of targets: the strictest one any target names
 * (production > unknown > staging > other named > development), "local" with no remote target.
 */
export function classify(targets: Target[] | undefined, envs: Record<string, EnvironmentMatcher>): string {
  if (!targets?.length) return 'local';
  const found = new Set<string>();
  let unmatchedRemote = false;
  for (const t of targets) {
    const hits = Object.entries(envs).filter(([, m]) => matchTarget(t, m)).map(([n]) => n);
    if (hits.length) {
      // A target naming several environments ("prod-staging-copy") counts as the strictest.
      for (const h of hits) found.add(h);
    } else if (REMOTE_KINDS.has(t.kind) && t.kind !== 'path' && t.kind !== 'name' && t.kind !== 'database') unmatchedRemote = true;
  }
  if (found.has('production')) return 'production';
  if (unmatchedRemote) return 'unknown';
  const order = [...found].filter((e) => e !== 'development');
  if (order.includes('staging')) return 'staging';
  if (order.length) return order[0]!;
  if (found.has('development')) return 'development';
  return 'local';
}

export function factEnvironment(fact: Fact, envs: Record<string, EnvironmentMatcher>): string {
  return classify(fact.targets, envs);
}

/** Production-like: production itself, and anything we could not place. */
export function isProductionLike(env: string): boolean {
  return env === 'production' || env === 'unknown';
}
