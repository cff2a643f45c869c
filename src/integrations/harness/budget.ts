// How long a hook may take before its watchdog answers "blocked" (shared with the fast path).
import type { Harness } from '../../harness/adapters';

type Env = Record<string, string | undefined>;

export interface HookBudget {
  /** The harness's hook timeout (s). */
  harnessSec: number;
  /** When the watchdog answers "blocked" (ms after start). */
  deadlineMs: number;
}

/** The harness timeout minus a margin (15 %, between 2 and 10 s). AIRLOCK_HOOK_TIMEOUT (s) overrides the harness timeout. */
export function hookBudget(h: Harness, env: Env = process.env): HookBudget {
  const o = Number(env.AIRLOCK_HOOK_TIMEOUT);
  const harnessSec = env.AIRLOCK_HOOK_TIMEOUT && Number.isFinite(o) && o > 0 ? o : h.timeoutSec;
  const margin = Math.min(10, Math.max(2, harnessSec * 0.15));
  return { harnessSec, deadlineMs: Math.max(500, (harnessSec - margin) * 1000) };
}

