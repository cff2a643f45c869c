// Files: a copy in the checkpoint (airlock's trash, outside the project), modes, times and
// symlinks kept. A copy, not a move: the approved command must see the files it expects.
import * as fs from 'fs';
import * as path from 'path';
import type { Fact } from '../../types';
import type { CheckpointProvider } from '../providers';
import { tally } from './impact';

export interface FilesItem {
  kind: 'files';
  path: string;
  saved: string;
  files: number;
  bytes: number;
}

export function saveFiles(target: string, into: string, index: number, files: number, bytes: number): FilesItem {
  const saved = path.join(into, `files-${index}`, path.basename(target));
  fs.mkdirSync(path.dirname(saved), { recursive: true });
  fs.cpSync(target, saved, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true, errorOnExist: true, force: false });
  return { kind: 'files', path: target, saved, files, bytes };
}

/** Copies the saved files back; whatever is at the path now is set aside first, not lost. */
export function restoreFiles(item: FilesItem, asideDir: string): string[] {
  const notes: string[] = [];
  if (fs.existsSync(item.path) || isLink(item.path)) {
    const aside = path.join(asideDir, `replaced-${Date.now()}`, path.basename(item.path));
    fs.mkdirSync(path.dirname(aside), { recursive: true });
    fs.cpSync(item.path, aside, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    fs.rmSync(item.path, { recursive: true, force: true });
    notes.push(`what was at ${item.path} was set aside in ${aside}`);
  }
  fs.mkdirSync(path.dirname(item.path), { recursive: true });
  fs.cpSync(item.saved, item.path, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  notes.push(`${item.path} restored (${item.files} files)`);
  return notes;
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Deleted or truncated files and directories: a copy of what is there now. */
export const checkpoints: CheckpointProvider<FilesItem> = {
  plan(fact: Fact, ctx) {
    const target = String(fact.resolved ?? '');
    if (!target || !fs.existsSync(target) || !ctx.once(`files:${target}`)) return null;
    const d = ctx.impact;
    const bytes = typeof d?.bytes === 'number' && !d.partial ? d.bytes : tally(target, Date.now() + 300).bytes;
    return { what: `a copy of ${path.relative(ctx.cwd, target) || target}`, bytes };
  },
  save(fact, ctx) {
    const saved = saveFiles(String(fact.resolved), ctx.dir, ctx.index, 0, ctx.bytes ?? 0);
    saved.files = tally(saved.saved, Date.now() + 2000).files;
    return saved;
  },
  restore: (item, ctx) => restoreFiles(item, ctx.dir),
  describe: (item) => `files ${item.path}`,
};
