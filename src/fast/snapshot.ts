// The fast path's start-up snapshot (dist/fast-policy.json, written by the build): the built-in
// policy's rules that can match a `command` fact, and every program an analyzer family watches.
// It is bound to the compiled rulesets it was made from (size and mtime of dist/rulesets.json);
// when the full check would read the YAML sources instead (AIRLOCK_DEV_RULESETS, tests), to each
// source file's size and mtime. A mismatch, a missing or unreadable file: no fast path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Policy } from '../policy/load';
import { matchValue } from '../policy/match';

export const SNAPSHOT_VERSION = 1;

interface Stamp {
  file: string;
  size: number;
  mtimeMs: number;
}

export interface SnapshotFile {
  version: number;
  compiled: Stamp;
  sources: Stamp[];
  watched: string[];
  policy: Policy;
}

export interface Snapshot {
  watched: Set<string>;
  policy: Policy;
}

function stamp(root: string, file: string): Stamp {
  const st = fs.statSync(path.join(root, file));
  return { file, size: st.size, mtimeMs: st.mtimeMs };
}

function same(root: string, s: Stamp): boolean {
  try {
    const st = fs.statSync(path.join(root, s.file));
    return st.size === s.size && st.mtimeMs === s.mtimeMs;
  } catch {
    return false;
  }
}

/** Whether a rule match entry can apply to a `command` fact (the only facts the fast path makes). */
function appliesToCommand(m: unknown): boolean {
  if (!m || typeof m !== 'object') return true;
  const t = (m as { type?: unknown }).type;
  return t === undefined || matchValue('command', t);
}

/** Build time: the snapshot of `policy` (the built-in policy) and the analyzers' programs. */
export function makeSnapshot(root: string, policy: Policy, watched: string[], sourceFiles: string[]): SnapshotFile {
  const rules = policy.rules.filter((r) => (Array.isArray(r.match) ? r.match : [r.match]).some(appliesToCommand));
  return {
    version: SNAPSHOT_VERSION,
    compiled: stamp(root, 'dist/rulesets.json'),
    sources: sourceFiles.map((f) => stamp(root, path.relative(root, f))),
    watched: [...new Set(watched)].sort(),
    policy: { ...policy, rules, files: [] },
  };
}

let cached: Snapshot | null | undefined;

/** The package root: this code runs from dist/*.cjs (or src/fast in tests). */
function packageRoot(): string {
  return path.resolve(__dirname, '..', ...(path.basename(__dirname) === 'fast' ? ['..'] : []));
}

/** The snapshot, or null when there is none or it may not match what the full check would load. */
export function loadSnapshot(env: Record<string, string | undefined> = process.env): Snapshot | null {
  if (cached !== undefined) return cached;
  cached = null;
  try {
    const root = packageRoot();
    const data = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'fast-policy.json'), 'utf8')) as SnapshotFile;
    if (data.version !== SNAPSHOT_VERSION || !same(root, data.compiled)) return null;
    // The full check reads the YAML sources in these cases (policy/load.ts loadBuiltin).
    if ((env.AIRLOCK_DEV_RULESETS === '1' || env.VITEST) && !data.sources.every((s) => same(root, s))) return null;
    if (data.policy.errors.length || data.policy.warnings.length) return null;
    cached = { watched: new Set(data.watched), policy: data.policy };
  } catch {
    cached = null;
  }
  return cached;
}

/** Tests: forget the loaded snapshot. */
export function resetSnapshot(): void {
  cached = undefined;
}
