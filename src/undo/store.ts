// Checkpoints live under the airlock state dir (outside every project and database volume):
// <state>/checkpoints/<id>/manifest.json plus the saved data. Retention: settings.undo.keep
// newest checkpoints, none older than settings.undo.maxAgeDays.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { stateDir } from '../util/paths';
import type { Settings } from '../util/settings';

type Env = Record<string, string | undefined>;

/** A saved part: its `kind` is the family that saved it (its undo.ts says what else it holds). */
export type { SavedItem } from '../analyzers/providers';
import type { SavedItem } from '../analyzers/providers';

export interface Manifest {
  id: string;
  createdAt: string;
  command: string;
  cwd: string;
  /** The approval request this checkpoint was taken for. */
  requestId?: string;
  items: SavedItem[];
  /** Parts that could not be saved, and why. */
  skipped: string[];
  bytes: number;
  restoredAt?: string;
}

export function checkpointsDir(env: Env = process.env): string {
  return path.join(stateDir(env), 'checkpoints');
}

/** Short, sortable, unique: 20261202-134501-ab12. */
export function newId(now = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${t}-${randomBytes(2).toString('hex')}`;
}

export function createDir(id: string, env: Env = process.env): string {
  const dir = path.join(checkpointsDir(env), id);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(checkpointsDir(env), 0o700);
  return dir;
}

export function writeManifest(m: Manifest, env: Env = process.env): void {
  const file = path.join(checkpointsDir(env), m.id, 'manifest.json');
  fs.writeFileSync(file + '.tmp', JSON.stringify(m, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(file + '.tmp', file);
}

export function readManifest(id: string, env: Env = process.env): Manifest | null {
  if (!/^[0-9A-Za-z-]+$/.test(id)) return null;
  try {
    return JSON.parse(fs.readFileSync(path.join(checkpointsDir(env), id, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Newest first. */
export function listCheckpoints(env: Env = process.env): Manifest[] {
  let ids: string[];
  try {
    ids = fs.readdirSync(checkpointsDir(env));
  } catch {
    return [];
  }
  return ids
    .map((id) => readManifest(id, env))
    .filter((m): m is Manifest => m !== null)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id)));
}

/** Removes checkpoints beyond the retention; returns the removed ids. */
export function prune(settings: Settings['undo'], env: Env = process.env, now = Date.now()): string[] {
  const all = listCheckpoints(env);
  const removed: string[] = [];
  all.forEach((m, i) => {
    const old = now - Date.parse(m.createdAt) > settings.maxAgeDays * 86_400_000;
    if (i >= settings.keep || old) {
      fs.rmSync(path.join(checkpointsDir(env), m.id), { recursive: true, force: true });
      removed.push(m.id);
    }
  });
  return removed;
}
