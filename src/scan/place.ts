// Which environment a credential belongs to, as far as names tell: its file path, its variable
// or profile, the hosts and environment names in the same file. Uses the policy's environment
// matchers, so a team's configured hosts and tokens place credentials the same way as commands.
import type { Target } from '../types';
import type { EnvironmentMatcher } from '../policy/types';
import { classify, DEFAULT_ENVIRONMENTS } from '../policy/environment';
import type { Hit } from './types';

/** Hosts and environment names a file mentions (placed ones only: a docs URL proves nothing). */
export function fileTargets(text: string): { target: Target; why: string }[] {
  const out: { target: Target; why: string }[] = [];
  for (const m of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi)) out.push({ target: { kind: 'url', value: m[0] }, why: `URL host in the same file` });
  for (const m of text.matchAll(/^\s*(?:export\s+)?([A-Za-z0-9_]*(?:HOST|HOSTNAME|SERVER|DOMAIN|ENDPOINT))\s*[=:]\s*["']?([A-Za-z0-9.-]+)/gim)) out.push({ target: { kind: 'host', value: m[2]! }, why: `${m[1]} in the same file` });
  for (const m of text.matchAll(/^\s*(?:export\s+)?([A-Za-z0-9_]*(?:ENV|ENVIRONMENT|STAGE|TIER))\s*[=:]\s*["']?([A-Za-z0-9_-]+)/gim)) out.push({ target: { kind: 'name', value: m[2]! }, why: `${m[1]}=${m[2]} in the same file` });
  return out;
}

export interface Placement {
  environment: string;
  evidence: string[];
}

/** `relPath` is the path as the agent sees it (relative to the tree, or ~/...). */
export function place(relPath: string | undefined, hit: Hit, fileHints: { target: Target; why: string }[], envs: Record<string, EnvironmentMatcher> = DEFAULT_ENVIRONMENTS): Placement {
  const cands: { target: Target; why: string; own: boolean }[] = [];
  if (relPath) cands.push({ target: { kind: 'path', value: relPath }, why: `path ${relPath}`, own: true });
  if (hit.variable) cands.push({ target: { kind: 'name', value: hit.variable }, why: `name ${hit.variable}`, own: true });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hit.value)) cands.push({ target: { kind: 'url', value: hit.value }, why: 'its own URL host', own: true });
  for (const h of hit.hints ?? []) {
    const [k, ...rest] = h.split(' ');
    const v = rest.join(' ');
    const kind: Target['kind'] = k === 'host' ? (v.includes('://') ? 'url' : 'host') : k === 'profile' ? 'aws-profile' : k === 'context' ? 'kube-context' : k === 'database' ? 'database' : 'name';
    cands.push({ target: { kind, value: v }, why: h, own: true });
  }
  for (const f of fileHints) cands.push({ ...f, own: false });
  const evidence: string[] = [];
  const placed: Target[] = [];
  for (const c of cands) {
    const env = classify([c.target], envs);
    if (env !== 'local' && env !== 'unknown') {
      evidence.push(`${c.why} → ${env}`);
      placed.push(c.target);
    } else if (env === 'unknown' && c.own && c.target.kind !== 'name') {
      // The credential's own host that names no environment: it cannot be placed.
      evidence.push(`${c.why}: names no environment`);
      placed.push(c.target);
    }
  }
  const environment = classify(placed, envs);
  return { environment: environment === 'local' ? 'unknown' : environment, evidence };
}
