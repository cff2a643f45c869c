// What runs is what was checked: the check records the content hash of every file it read
// (scripts, SQL files, plans, manifests, sourced files; symlinks by their target's content), and
// the runner re-reads them right before exec. A file swapped while the human was approving, or
// a symlink re-pointed, no longer matches: the command is not run.
import * as fs from 'node:fs';
import { sha256Hex } from '../util/sha256';

export interface FileRead {
  /** Absolute path as the command names it. */
  path: string;
  /** SHA-256 of the content read; '' when the file did not exist then. */
  sha256: string;
  /** Where the path pointed (realpath) when read, if a symlink was on the way. */
  target?: string;
}

/** Paths whose content (or symlink target) differs from what the check read. */
export function changedReads(reads: readonly FileRead[]): string[] {
  const changed: string[] = [];
  for (const r of reads) {
    let now = '';
    let target: string | undefined;
    try {
      now = sha256Hex(fs.readFileSync(r.path, 'utf8'));
      const real = fs.realpathSync(r.path);
      if (real !== r.path) target = real;
    } catch {
      now = '';
    }
    if (now !== r.sha256 || (r.target ?? undefined) !== target) changed.push(r.path);
  }
  return changed;
}
