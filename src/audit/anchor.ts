// The audit chain's head, recorded by the approver (the human's process) with each answer, in
// <stateDir>/audit.anchors. A hash chain alone verifies clean after records are dropped and
// every hash recomputed, or after the log is truncated or deleted; against an anchor it does
// not: the record the approver saw at that position must still be there with that hash.
// Default mode only raises the bar (same OS user); hardened mode has the service write the log.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureStateDir, stateDir } from '../util/paths';

export interface Anchor {
  ts: string;
  /** Number of records in the log when the approver answered. */
  records: number;
  /** Hash of the last of them. */
  hash: string;
}

export function anchorsPath(env: Record<string, string | undefined> = process.env): string {
  return path.join(stateDir(env), 'audit.anchors');
}

/** Appends the current head of the log (called by the approver after each answer). Never throws. */
export function recordAnchor(env: Record<string, string | undefined> = process.env): void {
  try {
    const dir = ensureStateDir(env);
    const text = fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8');
    const lines = text.split('\n').filter(Boolean);
    if (lines.length === 0) return;
    const hash = (JSON.parse(lines[lines.length - 1]!) as { hash?: unknown }).hash;
    if (typeof hash !== 'string') return;
    const a: Anchor = { ts: new Date().toISOString(), records: lines.length, hash };
    fs.appendFileSync(path.join(dir, 'audit.anchors'), JSON.stringify(a) + '\n', { mode: 0o600 });
  } catch {
    // No log yet, or unreadable: nothing to anchor.
  }
}

export function readAnchors(file: string): Anchor[] {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Anchor)
      .filter((a) => typeof a.records === 'number' && typeof a.hash === 'string');
  } catch {
    return [];
  }
}

/** Why the chain (its record hashes, in order) contradicts an anchor, or null. */
export function anchorMismatch(hashes: string[], anchors: Anchor[]): string | null {
  for (const a of anchors) {
    if (hashes.length < a.records) return `the approver recorded ${a.records} records at ${a.ts}; the log now has ${hashes.length} (truncated or deleted)`;
    if (hashes[a.records - 1] !== a.hash) return `record ${a.records} is not the one the approver saw at ${a.ts} (the log was rewritten)`;
  }
  return null;
}
