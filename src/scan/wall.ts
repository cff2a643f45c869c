// The wall check: from a session bound to one environment (staging), every credential of
// another environment that the agent can reach, and every credential whose reach is broader
// than one environment, is a finding. A credential that reaches production (or that nothing
// places, which airlock treats as production) is an error: the walls are not real.
import { isProductionLike } from '../policy/environment';
import type { Credential, WallFinding } from './types';

/** Environments a credential reaches: what the provider said (online), else what names tell. */
export function reach(c: Credential): string[] {
  const cap = c.capability;
  if (cap?.valid && cap.environments?.length) return cap.environments;
  return [c.environment];
}

export function wallCheck(credentials: Credential[], session: string): WallFinding[] {
  const out: WallFinding[] = [];
  const sessionProd = isProductionLike(session);
  for (const c of credentials) {
    const envs = reach(c);
    const broad = c.capability?.valid && (c.capability.broad || envs.includes('*'));
    const where = c.location.path ? `${c.location.path}${c.location.line ? `:${c.location.line}` : ''}` : `$${c.location.variable}`;
    const what = `${c.provider} ${c.kind} ${c.masked} in ${where}`;
    if (broad) {
      out.push({ level: sessionProd ? 'warning' : 'error', credential: c, message: `${what} reaches every environment (${c.capability!.summary}), production included, from a ${session} session` });
      continue;
    }
    const prod = envs.find((e) => isProductionLike(e));
    if (prod && !sessionProd) {
      const why = prod === 'unknown' ? 'nothing names its environment, so it counts as production' : `it belongs to ${prod}`;
      out.push({ level: 'error', credential: c, message: `${what} is reachable from a ${session} session and ${why}` });
    } else if (!envs.includes(session) && !envs.every((e) => e === 'development') && !sessionProd) {
      out.push({ level: 'warning', credential: c, message: `${what} belongs to ${envs.join(', ')}, not ${session}` });
    }
  }
  return out;
}
