// The hardened-mode part of `airlock doctor`: which mode is active, and the host checks.
import { hardened } from '../util/system-mode';
import { formatChecks, kernelChecks, userChecks, type HostCheck } from './host';

export interface HardeningReport {
  mode: 'hardened' | 'default';
  root?: string;
  checks: HostCheck[];
}

export function hardeningReport(): HardeningReport {
  let cfg;
  try {
    cfg = hardened();
  } catch (e) {
    return { mode: 'hardened', checks: [{ name: 'system-config', ok: false, detail: (e as Error).message }] };
  }
  const checks = kernelChecks();
  if (cfg) return { mode: 'hardened', root: cfg.root, checks: [...checks, ...cfg.agentUsers.flatMap((u) => userChecks(u, cfg.user))] };
  return { mode: 'default', checks };
}

export function formatHardening(r: HardeningReport): string {
  const head =
    r.mode === 'hardened'
      ? `ok  mode: hardened (installed in ${r.root ?? '/'}; approvals are signed by the airlock service and need a one-time code)`
      : '--  mode: default (the approver runs as your own user: it stops a confused agent, not a determined one; `sudo airlock system install` for hardened mode)';
  return `${head}\n    host checks for hardened mode:\n${formatChecks(r.checks).replace(/^/gm, '  ')}\n`;
}
