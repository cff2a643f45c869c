// A saved plan applies without any prompt, so look inside it: `<tool> show -json PLANFILE`, and list
// the resources whose change actions include "delete" (destroy, and both kinds of replace).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PlannedDelete {
  address: string;
  resourceType: string;
  replace: boolean;
  actionReason: string;
  /** A human-readable name from the resource's current attributes, when it has one. */
  name: string;
}

export type PlanResult = { ok: true; deletes: PlannedDelete[]; changes: number } | { ok: false; why: string };

export const SHOW_TIMEOUT_MS = 10_000;

export function findBinary(tool: string, pathVar: string | undefined): string | null {
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, tool);
    try {
      fs.accessSync(full, fs.constants.X_OK);
      if (fs.statSync(full).isFile()) return full;
    } catch {
      /* not here */
    }
  }
  return null;
}

export function showPlan(bin: string, plan: string, cwd: string, env: Record<string, string | undefined>): PlanResult {
  // TF_CLI_ARGS could inject flags into `show`; the plan is read exactly as given.
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !k.startsWith('TF_CLI_ARGS')) clean[k] = v;
  let out: string;
  try {
    out = execFileSync(bin, ['show', '-json', '-no-color', plan], { cwd, env: clean, timeout: SHOW_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    return { ok: false, why: `\`show -json ${plan}\` failed: ${String((e as Error).message).split('\n')[0]}` };
  }
  return readPlanJson(out);
}

export function readPlanJson(text: string): PlanResult {
  let j: { format_version?: string; resource_changes?: unknown[] };
  try {
    j = JSON.parse(text);
  } catch {
    return { ok: false, why: 'the plan JSON could not be read' };
  }
  if (!/^1\./.test(String(j.format_version ?? ''))) return { ok: false, why: `unsupported plan format ${String(j.format_version)}` };
  const deletes: PlannedDelete[] = [];
  const changes = (j.resource_changes ?? []) as Record<string, unknown>[];
  for (const rc of changes) {
    const change = (rc.change ?? {}) as { actions?: string[]; before?: Record<string, unknown> | null };
    if (rc.mode === 'data' || !change.actions?.includes('delete')) continue;
    const before = change.before ?? {};
    const name = ['name', 'identifier', 'bucket', 'db_name', 'id'].map((k) => before[k]).find((v) => typeof v === 'string' && v) as string | undefined;
    deletes.push({
      address: String(rc.address ?? '?'),
      resourceType: String(rc.type ?? ''),
      replace: change.actions.includes('create'),
      actionReason: String(rc.action_reason ?? ''),
      name: name ?? '',
    });
  }
  return { ok: true, deletes, changes: changes.length };
}
