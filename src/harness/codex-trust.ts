// Codex runs a hook from hooks.json only once it is trusted, and skips it silently otherwise
// (`codex exec` never asks). Trust lives in config.toml as
//   [hooks.state."<absolute hooks.json path>:pre_tool_use:<group index>:<handler index>"]
//   trusted_hash = "sha256:<hex>"
// the SHA-256 of the compact, sorted-key JSON of the whole hook group (measured with Codex 0.171).
// Moving airlock changes the command, adding a group before ours changes the index: either makes
// the old record stale, so `airlock install codex` rewrites it and `airlock doctor` recomputes it.
import { sha256Hex } from '../util/sha256';
import * as path from 'path';

type Env = Record<string, string | undefined>;
type Obj = Record<string, unknown>;

/** Shell calls, patches, input typed into sessions, MCP tools (a regex, as Codex reads matchers). */
export const CODEX_MATCHER = 'Bash|apply_patch|write_stdin|mcp__.*';
/** Codex's default hook timeout (s), used in the hash when a handler names none. */
const CODEX_DEFAULT_TIMEOUT = 600;
const MARK = '# trusted by airlock install';
const FEATURE_LINE = 'hooks = true  # added by airlock install';
const OLD_FEATURE_LINE = 'codex_hooks = true  # added by airlock install';

export function codexHome(env: Env, home: string): string {
  return env.CODEX_HOME ? path.resolve(env.CODEX_HOME) : path.join(home, '.codex');
}

/** Compact JSON with keys sorted at every level (serde_json's order for Codex's BTreeMap-like hashing). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Obj;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The hash Codex records for one PreToolUse group of hooks.json. */
export function codexGroupHash(group: Obj): string {
  const handlers = Array.isArray(group.hooks) ? group.hooks : [];
  const norm = {
    event_name: 'pre_tool_use',
    hooks: handlers.map((h) => {
      const o = (h && typeof h === 'object' ? h : {}) as Obj;
      return { async: o.async === true, command: o.command, timeout: typeof o.timeout === 'number' ? o.timeout : CODEX_DEFAULT_TIMEOUT, type: typeof o.type === 'string' ? o.type : 'command' };
    }),
    matcher: typeof group.matcher === 'string' ? group.matcher : undefined,
  };
  return 'sha256:' + sha256Hex(canonicalJson(norm));
}

export interface TrustEntry {
  key: string;
  hash: string;
}

/** Trust records for the handlers `isOurs` picks in a parsed hooks.json. */
export function codexTrustEntries(hooksFile: string, data: Obj, isOurs: (command: unknown) => boolean): TrustEntry[] {
  const hooks = data.hooks && typeof data.hooks === 'object' ? (data.hooks as Obj) : {};
  const groups = Array.isArray(hooks.PreToolUse) ? hooks.PreToolUse : [];
  const out: TrustEntry[] = [];
  groups.forEach((g, gi) => {
    if (!g || typeof g !== 'object') return;
    const hs = (g as Obj).hooks;
    if (!Array.isArray(hs)) return;
    hs.forEach((h, hi) => {
      if (isOurs((h as Obj)?.command)) out.push({ key: `${hooksFile}:pre_tool_use:${gi}:${hi}`, hash: codexGroupHash(g as Obj) });
    });
  });
  return out;
}

interface Table {
  header: string;
  /** The `hooks.state` key, when the table is one. */
  stateKey: string | null;
  lines: string[];
}

function tables(text: string): { head: string[]; tables: Table[] } {
  const lines = text.split('\n');
  const head: string[] = [];
  const out: Table[] = [];
  for (const line of lines) {
    if (/^\s*\[/.test(line)) {
      const m = /^\s*\[\s*hooks\s*\.\s*state\s*\.\s*("(?:[^"\\]|\\.)*")\s*\]\s*(#.*)?$/.exec(line);
      let key: string | null = null;
      if (m) {
        try {
          key = JSON.parse(m[1]!) as string;
        } catch {
          key = null;
        }
      }
      out.push({ header: line, stateKey: key, lines: [line] });
    } else if (out.length) out[out.length - 1]!.lines.push(line);
    else head.push(line);
  }
  return { head, tables: out };
}

/** The trust records in a config.toml: key -> trusted_hash. */
export function readCodexTrust(text: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!text) return out;
  for (const t of tables(text).tables) {
    if (t.stateKey === null) continue;
    for (const l of t.lines) {
      const m = /^\s*trusted_hash\s*=\s*"([^"]*)"/.exec(l);
      if (m) out.set(t.stateKey, m[1]!);
    }
  }
  return out;
}

/** config.toml with airlock's trust records set to `entries` (older ones of airlock's removed). */
export function withCodexTrust(text: string | null, entries: TrustEntry[]): string | null {
  if (text === null && entries.length === 0) return null;
  const { head, tables: ts } = tables(text ?? '');
  const keys = new Set(entries.map((e) => e.key));
  const kept = ts.filter((t) => !(t.stateKey !== null && (keys.has(t.stateKey) || t.lines.some((l) => l.trim() === MARK))));
  let out = [...head, ...kept.flatMap((t) => t.lines)].join('\n');
  if (entries.length) {
    out = out.replace(/\n*$/, '');
    const blocks = entries.map((e) => `[hooks.state.${JSON.stringify(e.key)}]\n${MARK}\ntrusted_hash = ${JSON.stringify(e.hash)}\n`);
    out = (out ? out + '\n\n' : '') + blocks.join('\n');
  } else if (text !== null && kept.length !== ts.length) out = out.replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n');
  if (text !== null && out.replace(/\s+/g, '') === '' && entries.length === 0) return text.replace(/\s+/g, '') === '' ? text : '';
  return out;
}

/** The [features] table's line range in `lines`: [header index, end (exclusive)], or null. */
function featuresRange(lines: string[]): [number, number] | null {
  const start = lines.findIndex((l) => /^\s*\[\s*features\s*\]\s*(#.*)?$/.test(l));
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !/^\s*\[/.test(lines[end]!)) end++;
  return [start, end];
}

/**
 * config.toml with `[features] hooks = true` (add) or without airlock's line (remove). The
 * deprecated `codex_hooks` line airlock used to write is replaced.
 */
export function codexFeature(text: string | null, add: boolean): string | null {
  const cur = text ?? '';
  let lines = cur.split('\n').filter((l) => l.trim() !== OLD_FEATURE_LINE.trim());
  const r = featuresRange(lines);
  if (!add) {
    if (!r) return lines.join('\n') === cur ? text : lines.join('\n');
    lines = lines.filter((l, i) => !(i > r[0] && i < r[1] && l.trim() === FEATURE_LINE.trim()));
    const r2 = featuresRange(lines)!;
    // Drop a [features] table airlock created and left empty.
    if (lines.slice(r2[0] + 1, r2[1]).every((l) => l.trim() === '')) lines.splice(r2[0], r2[1] - r2[0]);
    const out = lines.join('\n').replace(/\n{3,}/g, '\n\n');
    if (out === cur) return text;
    return out.trim() === '' ? '' : out.replace(/^\n+/, '');
  }
  if (r) {
    const i = lines.findIndex((l, j) => j > r[0] && j < r[1] && /^\s*hooks\s*=/.test(l));
    if (i >= 0) {
      if (/^\s*hooks\s*=\s*true\b/.test(lines[i]!)) return lines.join('\n') === cur ? text : lines.join('\n');
      lines[i] = FEATURE_LINE;
    } else lines.splice(r[0] + 1, 0, FEATURE_LINE);
    return lines.join('\n');
  }
  const body = lines.join('\n');
  const sep = body === '' || body.endsWith('\n') ? '' : '\n';
  return `${body}${sep}${body ? '\n' : ''}[features]\n${FEATURE_LINE}\n`;
}
