// A way back for local operations: planned before the human is asked (the approver says whether
// a checkpoint will be taken), taken after approval just before the command runs, within
// settings.undo.maxBytes. `airlock undo` lists and restores them. What each family keeps is its
// undo.ts (`checkpoints`), reached through the generated table (src/analyzers/providers.generated.ts).
import * as path from 'path';
import { CHECKPOINT_KEEPS, CHECKPOINTS, UNDO_BY_FACT } from '../analyzers/providers.generated';
import type { CheckpointProvider } from '../analyzers/providers';
import { factsFor } from '../impact/index';
import type { FindingWithImpact } from '../impact/types';
import type { CheckResult, Fact } from '../types';
import { formatBytes } from '../util/format-bytes';
import { loadSettings } from '../util/settings';
import { checkpointsDir, createDir, listCheckpoints, newId, prune, readManifest, writeManifest, type Manifest, type SavedItem } from './store';

type Env = Record<string, string | undefined>;

export interface PlannedItem {
  /** The family whose checkpoint provider keeps it. */
  kind: string;
  fact: Fact;
  what: string;
  /** Estimated bytes; null when unknown. */
  bytes: number | null;
}

export interface CheckpointPlan {
  items: PlannedItem[];
  skipped: string[];
  /** One line for the approver: whether a checkpoint will be taken, of what. */
  note: string;
}

/** The provider of a checkpoint kind (the family that saves it); null when none is built in. */
function provider(kind: string): CheckpointProvider | null {
  return Object.hasOwn(CHECKPOINTS, kind) ? CHECKPOINTS[kind]!() : null;
}

function impactOf(f: FindingWithImpact, source: string): Record<string, unknown> | undefined {
  return f.impact?.find((i) => i.source === source && i.status === 'looked-up')?.details;
}

export function planCheckpoint(result: CheckResult, findings: FindingWithImpact[], opts: { cwd: string; env?: Env }): CheckpointPlan {
  const settings = loadSettings(opts.env ?? process.env).undo;
  const items: PlannedItem[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const once = (key: string) => (seen.has(key) ? false : (seen.add(key), true));
  for (const f of findings) {
    if (f.decision !== 'confirm') continue;
    for (const fact of factsFor(f, result.facts)) {
      const kind = Object.hasOwn(UNDO_BY_FACT, fact.type) ? UNDO_BY_FACT[fact.type]! : null;
      const p = kind ? provider(kind) : null;
      if (!kind || !p) continue;
      const part = p.plan(fact, { cwd: opts.cwd, ...(opts.env ? { env: opts.env } : {}), impact: impactOf(f, kind), once });
      if (!part) continue;
      if ('skipped' in part) skipped.push(part.skipped);
      else items.push({ kind, fact, what: part.what, bytes: part.bytes });
    }
  }
  if (!settings.enabled) return { items: [], skipped: [], note: 'no checkpoint: checkpoints are off (undo.enabled: false)' };
  const kept: PlannedItem[] = [];
  for (const it of items) {
    if (it.bytes !== null && it.bytes > settings.maxBytes) skipped.push(`${it.what}: ${formatBytes(it.bytes)} is over the ${formatBytes(settings.maxBytes)} bound (undo.max_bytes)`);
    else kept.push(it);
  }
  const note = kept.length
    ? `checkpoint: will be taken before it runs (${kept.map((i) => `${i.what}${i.bytes !== null ? `, ${formatBytes(i.bytes)}` : ''}`).join('; ')}); \`airlock undo\` restores it${skipped.length ? `; not kept: ${skipped.join('; ')}` : ''}`
    : `no checkpoint: ${skipped.length ? skipped.join('; ') : nothingToKeep(result, findings)}`;
  return { items: kept, skipped, note };
}

function nothingToKeep(result: CheckResult, findings: FindingWithImpact[]): string {
  const commands = new Set(findings.filter((f) => f.decision === 'confirm').map((f) => f.command));
  const remote = result.facts.some((x) => commands.has(x.command) && x.infra);
  return remote ? 'nothing local to keep (remote resources cannot be checkpointed)' : `nothing here that airlock keeps (${CHECKPOINT_KEEPS.join(', ')})`;
}

/** Takes the planned checkpoint; null when there is nothing to keep. Never throws: a failed part is listed in `skipped`. */
export function takeCheckpoint(plan: CheckpointPlan, result: CheckResult, meta: { command: string; cwd: string; requestId?: string; env?: Env }): Manifest | null {
  if (!plan.items.length) return null;
  const env = meta.env ?? process.env;
  const id = newId();
  const dir = createDir(id, env);
  const m: Manifest = { id, createdAt: new Date().toISOString(), command: meta.command, cwd: meta.cwd, ...(meta.requestId ? { requestId: meta.requestId } : {}), items: [], skipped: [...plan.skipped], bytes: 0 };
  plan.items.forEach((it, i) => {
    try {
      const command = result.commands.find((c) => c.text === it.fact.command) ?? null;
      const p = provider(it.kind);
      if (!p) throw new UndoError(`no checkpoint provider for ${it.kind}`);
      const saved: SavedItem = p.save(it.fact, { id, dir, index: i, bytes: it.bytes, cwd: meta.cwd, env, command });
      m.items.push(saved);
      m.bytes += typeof saved.bytes === 'number' ? saved.bytes : 0;
    } catch (e) {
      m.skipped.push(`${it.what}: ${(e as Error).message.split('\n')[0]}`);
    }
  });
  writeManifest(m, env);
  try {
    prune(loadSettings(env).undo, env);
  } catch {
    // retention is housekeeping; never fails the command
  }
  return m;
}

export function restoreCheckpoint(id: string, env: Env = process.env): { manifest: Manifest; notes: string[] } {
  const m = readManifest(id, env);
  if (!m) throw new UndoError(`no checkpoint ${id} (see \`airlock undo --list\`)`);
  const notes: string[] = [];
  const dir = path.join(checkpointsDir(env), m.id);
  for (const it of m.items) {
    const p = provider(it.kind);
    if (!p) throw new UndoError(`checkpoint ${id} holds a ${it.kind} part, which this airlock cannot restore`);
    notes.push(...p.restore(it, { dir, env }));
  }
  m.restoredAt = new Date().toISOString();
  writeManifest(m, env);
  return { manifest: m, notes };
}

export class UndoError extends Error {
  override name = 'UndoError';
}

function describe(m: Manifest): string {
  const parts = m.items.map((i) => provider(i.kind)?.describe(i) ?? i.kind);
  return `${m.id}  ${m.createdAt}  ${parts.join('; ') || '(nothing saved)'}${m.restoredAt ? '  [restored]' : ''}\n    ${m.command.slice(0, 120)}`;
}

/** `airlock undo [ID] [--list] [--json]`: no id restores the newest checkpoint not yet restored. */
export function undoCommand(id: string | undefined, opts: { list?: boolean; json?: boolean }, env: Env = process.env): number {
  const out = (s: string) => process.stdout.write(s + '\n');
  if (opts.list || (!id && opts.json)) {
    const all = listCheckpoints(env);
    if (opts.json) out(JSON.stringify(all));
    else out(all.length ? all.map(describe).join('\n') : 'no checkpoints');
    return 0;
  }
  const target = id ?? listCheckpoints(env).find((m) => !m.restoredAt)?.id;
  if (!target) {
    process.stderr.write('airlock undo: no checkpoint to restore\n');
    return 1;
  }
  try {
    const { manifest, notes } = restoreCheckpoint(target, env);
    if (opts.json) out(JSON.stringify({ restored: manifest.id, notes }));
    else out([`restored checkpoint ${manifest.id} (${manifest.command.slice(0, 80)})`, ...notes.map((n) => `  ${n}`)].join('\n'));
    return 0;
  } catch (e) {
    process.stderr.write(`airlock undo: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
