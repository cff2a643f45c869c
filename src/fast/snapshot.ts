// The fast path's start-up snapshot (dist/fast-policy.json, written by the build): the built-in
// policy as loaded (rules without their examples), and the analyzer families each program wakes.
// It is bound to the compiled rulesets it was made from (the build id at the start of
// dist/rulesets.json, and its size); when the full check would read the YAML sources instead
// (AIRLOCK_DEV_RULESETS, tests), to each source file's size and mtime. A mismatch, a missing or
// unreadable file: no fast path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedRule, Policy } from '../policy/load';

export const SNAPSHOT_VERSION = 2;

interface Stamp {
  file: string;
  size: number;
  mtimeMs: number;
}

export interface SnapshotFile {
  version: number;
  compiled: { file: string; size: number; buildId: string };
  sources: Stamp[];
  /** Program -> the analyzer families it wakes (src/analyzers/index.ts familiesByProgram). */
  families: Record<string, string[]>;
  policy: Policy;
}

export interface Snapshot {
  families: Map<string, string[]>;
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

const EVALUATED = ['id', 'match', 'decision', 'severity', 'message', 'resource', 'suggestion', 'environment'] as const;

function pick<T extends object>(o: T, keys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if ((o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
  return out as Partial<T>;
}

/** Build time: the snapshot of `policy` (the built-in policy) and the analyzers' programs. */
export function makeSnapshot(root: string, policy: Policy, families: Record<string, string[]>, sourceFiles: string[]): SnapshotFile {
  return {
    version: SNAPSHOT_VERSION,
    compiled: compiledStamp(root),
    sources: sourceFiles.map((f) => stamp(root, path.relative(root, f))),
    families,
    // Only what evaluate() reads of each rule (src/policy/evaluate.ts): the file is read per command.
    policy: { ...policy, files: [], workTree: '', rules: policy.rules.map((r) => pick(r, EVALUATED) as LoadedRule) },
  };
}

/** The build id a compiled rulesets file starts with ({"buildId":"…","files":…}). */
function compiledStamp(root: string): SnapshotFile['compiled'] {
  const file = 'dist/rulesets.json';
  const full = path.join(root, file);
  const fd = fs.openSync(full, 'r');
  try {
    const head = Buffer.alloc(80);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const id = /^\{"buildId":"([0-9a-f]+)"/.exec(head.subarray(0, n).toString('latin1'))?.[1] ?? '';
    return { file, size: fs.fstatSync(fd).size, buildId: id };
  } finally {
    fs.closeSync(fd);
  }
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
    const now = compiledStamp(root);
    if (data.version !== SNAPSHOT_VERSION || !data.compiled.buildId || now.buildId !== data.compiled.buildId || now.size !== data.compiled.size) return null;
    // The full check reads the YAML sources in these cases (policy/load.ts loadBuiltin).
    if ((env.AIRLOCK_DEV_RULESETS === '1' || env.VITEST) && !data.sources.every((s) => same(root, s))) return null;
    if (data.policy.errors.length || data.policy.warnings.length) return null;
    cached = { families: new Map(Object.entries(data.families)), policy: data.policy };
  } catch {
    cached = null;
  }
  return cached;
}

/** Tests: forget the loaded snapshot. */
export function resetSnapshot(): void {
  cached = undefined;
}
