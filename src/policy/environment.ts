// Which environment a fact reaches. Name tokens are matched whole ("product" is not "prod");
// a remote target that matches nothing is "unknown", which the policy treats as production.
import type { Fact, Target } from '../types';
import type { EnvironmentMatcher } from './types';
import { glob } from './match';
import { TARGET_KINDS } from '../targets.generated';

export const DEFAULT_ENVIRONMENTS: Record<string, EnvironmentMatcher> = {
  production: { tokens: ['prod', 'production', 'prd', 'live', 'primary'] },
  staging: { tokens: ['staging', 'stage', 'stg', 'preprod', 'uat', 'qa'] },
  development: {
    tokens: ['dev', 'development', 'local', 'localhost', 'test', 'testing', 'sandbox', 'ci', 'preview', 'demo', 'ephemeral'],
    hosts: ['localhost', '127.*', '::1', '0.0.0.0', '*.local', '*.localhost', 'host.docker.internal', '/*'],
  },
};


/** Whole name tokens: split on punctuation, camelCase and letter/digit boundaries ("myProdDb2" -> my prod db 2). */
export function tokens(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([a-zA-Z])([0-9])|([0-9])([a-zA-Z])/g, (_m, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}


const any = (list: string[] | undefined, v: string | null | undefined) => !!v && !!list?.some((p) => glob(p)(v));

function matchTarget(t: Target, m: EnvironmentMatcher): boolean {
  const field = TARGET_KINDS[t.kind]?.matcher;
  if (any(field ? (m[field] as string[] | undefined) : undefined, t.value)) return true;
  let named = t.value;
  if (t.kind === 'url' || t.kind === 'connection') {
    const u = parseUrl(t.value);
    if (u) {
      if (any(m.hosts, u.host) || any(m.databases, u.database)) return true;
      // Only the host and database name count: a user or password token is not a place.
      named = `${u.host} ${u.database ?? ''}`;
    }
  }
  const toks = m.tokens;
  if (!toks?.length) return false;
  return tokens(named).some((x) => toks.includes(x));
}

/** Host and database of a URL or a connection string (postgres://u:p@host:5432/db, or host=x dbname=y). */
export function parseUrl(value: string): { host: string; database: string | null } | null {
  try {
    const u = new URL(value);
    const db = u.pathname.replace(/^\/+/, '').split('/')[0] || null;
    return { host: u.hostname.replace(/^\[|\]$/g, ''), database: db ? decodeURIComponent(db) : null };
  } catch {
    const host = /(?:^|\s)host=([^\s]+)/.exec(value)?.[1];
    if (!host) return null;
    return { host, database: /(?:^|\s)dbname=([^\s]+)/.exec(value)?.[1] ?? null };
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
    } else if (TARGET_KINDS[t.kind]?.remote) unmatchedRemote = true;
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
