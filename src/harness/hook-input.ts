// The hook input the fast path (src/fast/hook.ts) read from stdin before handing over to the full
// hook (src/integrations/harness/hook.ts): below both, so neither imports the other's folder.

/** globalThis key of the HookInput (bin/airlock runs the fast path, then the full bundle). */
export const HOOK_INPUT = Symbol.for('airlock.hookInput');

export interface HookInput {
  buf: Buffer;
  /** False when reading stopped early (an error, or the size bound): the rest is still on stdin. */
  complete: boolean;
  /** Date.now() when the fast path started: the full hook's watchdog counts from there. */
  startedAt: number;
}

export function peekHookInput(): HookInput | null {
  return ((globalThis as Record<symbol, unknown>)[HOOK_INPUT] as HookInput | undefined) ?? null;
}

/** Takes the input left by the fast path, once. */
export function takeHookInput(): HookInput | null {
  const g = globalThis as Record<symbol, unknown>;
  const v = g[HOOK_INPUT] as HookInput | undefined;
  delete g[HOOK_INPUT];
  return v ?? null;
}
