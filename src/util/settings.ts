// Settings for informed approval (impact lookups, checkpoints, the hold, retries), read only from
// the human's user config ($AIRLOCK_CONFIG_DIR/config.yaml): the agent cannot shorten the hold,
// switch off escalation or point lookups elsewhere from a file in the working tree.
import * as fs from 'fs';
import * as path from 'path';
import { configDir } from './paths';

type Env = Record<string, string | undefined>;

export interface Settings {
  impact: {
    /** Total time for all lookups of one request, then "could not look up". */
    timeoutMs: number;
    /**
     * A family's own lookup settings (`impact.<family>.<key>: "text"`), each family reading its
     * own: the keys are declared by the family (`impact.settings`), which the schema lists.
     */
    families: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
  undo: {
    /** Checkpoints are skipped (and the approver says so) above this size. */
    maxBytes: number;
    /** How many checkpoints are kept (oldest removed first). */
    keep: number;
    /** Checkpoints older than this are removed. */
    maxAgeDays: number;
    enabled: boolean;
  };
  /** Seconds of countdown after approving a critical finding; 0 = off. */
  holdSeconds: number;
  escalation: {
    /** mark: the approver shows the retry; deny: retries are denied without asking. */
    mode: 'mark' | 'deny';
    windowSeconds: number;
  };
}

export const DEFAULT_SETTINGS: Settings = {
  impact: { timeoutMs: 1500, families: {} },
  undo: { maxBytes: 256 * 1024 * 1024, keep: 20, maxAgeDays: 14, enabled: true },
  holdSeconds: 10,
  escalation: { mode: 'mark', windowSeconds: 30 * 60 },
};

const num = (v: unknown, fallback: number, min = 0): number => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** `impact.<family>: { key: "text" }` blocks: non-empty strings only, trimmed. */
function familySettings(impact: Record<string, unknown>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [family, block] of Object.entries(impact)) {
    if (family === 'timeout_ms' || !block || typeof block !== 'object' || Array.isArray(block)) continue;
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
      const s = str(v);
      if (s !== null) kept[k] = s;
    }
    out[family] = kept;
  }
  return out;
}

/** Builds settings from the parsed config.yaml object; unknown or invalid values keep the default. */
export function parseSettings(data: unknown): Settings {
  const d = obj(data);
  const d0 = DEFAULT_SETTINGS;
  const impact = obj(d.impact);
  const undo = d.undo === false ? { enabled: false } : obj(d.undo);
  const hold = d.hold;
  const esc = typeof d.escalation === 'string' ? { mode: d.escalation } : obj(d.escalation);
  return {
    impact: {
      timeoutMs: num(impact.timeout_ms, d0.impact.timeoutMs, 1),
      families: familySettings(impact),
    },
    undo: {
      maxBytes: num(undo.max_bytes, d0.undo.maxBytes),
      keep: Math.floor(num(undo.keep, d0.undo.keep, 1)),
      maxAgeDays: num(undo.max_age_days, d0.undo.maxAgeDays),
      enabled: undo.enabled !== false,
    },
    holdSeconds: hold === false || hold === 'off' ? 0 : num(typeof hold === 'number' ? hold : obj(hold).seconds, d0.holdSeconds),
    escalation: {
      mode: esc.mode === 'deny' ? 'deny' : 'mark',
      windowSeconds: num(esc.window_seconds, d0.escalation.windowSeconds),
    },
  };
}

let cache: { file: string; mtimeMs: number; settings: Settings } | null = null;

/** The settings in force; a missing or unreadable config.yaml means the defaults. */
export function loadSettings(env: Env = process.env): Settings {
  const file = path.join(configDir(env), 'config.yaml');
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return DEFAULT_SETTINGS;
  }
  if (cache && cache.file === file && cache.mtimeMs === st.mtimeMs) return cache.settings;
  let settings = DEFAULT_SETTINGS;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require('yaml') as typeof import('yaml');
    settings = parseSettings(YAML.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    // A broken config keeps the (safe) defaults; `airlock rules lint` reports the file.
  }
  cache = { file, mtimeMs: st.mtimeMs, settings };
  return settings;
}
