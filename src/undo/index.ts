// A way back for local operations: planned before the human is asked (the approver says whether
// a checkpoint will be taken), taken after approval just before the command runs, within
// settings.undo.maxBytes. `airlock undo` lists and restores them.
import * as fs from 'fs';
import * as path from 'path';
import { factsFor } from '../impact/index';
import type { FindingWithImpact } from '../impact/types';
import { tally } from '../impact/files';
import { formatBytes } from '../impact/postgres';
import { terraformDir } from '../impact/terraform';
import type { CheckResult, Fact } from '../types';
import { loadSettings } from '../util/settings';
import { pendingBytes, restoreGit, saveGit } from './git';
import { restoreFiles, saveFiles } from './files';
import { DUMPABLE, restorePostgres, savePostgres } from './postgres';
import { checkpointsDir, createDir, listCheckpoints, newId, prune, readManifest, writeManifest, type Manifest, type SavedItem } from './store';
import { restoreTerraform, saveTerraform, stateFilesIn } from './terraform';

type Env = Record<string, string | undefined>;

export interface PlannedItem {
  kind: SavedItem['kind'];
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

const GIT_ACTIONS = new Set(['reset-hard', 'checkout-force', 'checkout-discard', 'switch-discard', 'restore-worktree', 'clean', 'branch-delete-force', 'branch-delete', 'push-force', 'push-delete', 'rm-force']);

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
      if (fact.type === 'file-delete' || fact.type === 'file-truncate') {
        const target = String(fact.resolved ?? '');
        if (!target || !fs.existsSync(target) || !once(`files:${target}`)) continue;
        const d = impactOf(f, 'files');
        const bytes = typeof d?.bytes === 'number' && !d.partial ? d.bytes : tally(target, Date.now() + 300).bytes;
        items.push({ kind: 'files', fact, what: `a copy of ${path.relative(opts.cwd, target) || target}`, bytes });
      } else if (fact.type === 'git' && GIT_ACTIONS.has(String(fact.action))) {
        const workdir = String(fact.workdir ?? opts.cwd);
        if (!once(`git:${workdir}`)) continue;
        let bytes: number | null = null;
        try {
          bytes = pendingBytes(workdir, opts.env);
        } catch {
          continue; // not a git work tree: nothing to keep
        }
        items.push({ kind: 'git', fact, what: 'git refs under refs/airlock/ and the working tree (untracked files too)', bytes });
      } else if (fact.type === 'sql' && DUMPABLE.has(String(fact.class)) && (fact.objectType === 'table' || fact.objectType === 'schema')) {
        const d = impactOf(f, 'postgres');
        if (!once(`pg:${String(fact.host)}:${String(fact.database)}:${String(fact.objects)}`)) continue;
        if (d && Array.isArray(d.tables) && d.tables.length === 0) {
          skipped.push(`nothing to dump: ${String(fact.objects)} not found`);
          continue;
        }
        const bytes = d && Array.isArray(d.tables) ? (d.tables as { bytes: number }[]).reduce((s, t) => s + t.bytes, 0) : null;
        items.push({ kind: 'postgres', fact, what: `pg_dump of ${fact.objectType} ${(fact.objects as string[]).join(', ')}`, bytes });
      } else if (fact.type === 'terraform' && (fact.action === 'destroy' || fact.action === 'apply')) {
        const dir = terraformDir(fact, opts.cwd);
        if (!stateFilesIn(dir).length || !once(`tf:${dir}`)) continue;
        items.push({ kind: 'terraform', fact, what: 'a copy of the terraform state', bytes: fs.statSync(path.join(dir, stateFilesIn(dir)[0]!)).size });
      }
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
  return remote ? 'nothing local to keep (remote resources cannot be checkpointed)' : 'nothing here that airlock keeps (files, git state, PostgreSQL tables, Terraform state)';
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
      let saved: SavedItem;
      if (it.kind === 'files') saved = saveFiles(String(it.fact.resolved), dir, i, 0, it.bytes ?? 0);
      else if (it.kind === 'git') saved = saveGit(id, it.fact, env);
      else if (it.kind === 'postgres') saved = savePostgres(it.fact, command, dir, env);
      else saved = saveTerraform(terraformDir(it.fact, meta.cwd), dir);
      if (saved.kind === 'files') saved.files = tally(saved.saved, Date.now() + 2000).files;
      m.items.push(saved);
      m.bytes += saved.kind === 'postgres' ? saved.bytes : saved.kind === 'files' ? saved.bytes : 0;
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
    if (it.kind === 'files') notes.push(...restoreFiles(it, dir));
    else if (it.kind === 'git') notes.push(...restoreGit(it, env));
    else if (it.kind === 'postgres') notes.push(...restorePostgres(it, env));
    else notes.push(...restoreTerraform(it));
  }
  m.restoredAt = new Date().toISOString();
  writeManifest(m, env);
  return { manifest: m, notes };
}

export class UndoError extends Error {
  override name = 'UndoError';
}

function describe(m: Manifest): string {
  const parts = m.items.map((i) => (i.kind === 'files' ? `files ${i.path}` : i.kind === 'git' ? `git ${i.workdir}` : i.kind === 'postgres' ? `postgres ${i.objectType} ${i.objects.join(',')}` : `terraform state ${i.dir}`));
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
