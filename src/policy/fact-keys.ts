// A rule's match keys against the declared fact shapes (src/fact-shape.ts and the families'
// fact-types.ts, compiled into src/generated/facts.generated.ts). A key no fact of the matched
// type has would make the rule silently wider (`dryrun: false` holds for every fact, which has no
// `dryrun`) or never fire: a load error, with the file position and the nearest valid key.
import { COMMON_FACT_FIELDS, FACT_FIELDS } from '../generated/facts.generated';
import type { Rule } from './types';

export interface MatchKeyIssue {
  rule: string;
  /** Index of the match entry (0 for a single mapping). */
  entry: number;
  /** The offending key (`type` when the fact type itself is unknown). */
  key: string;
  message: string;
}

const GLOB = /[*?[\]{}()!+@\\]/;
/** Keys of a match that are not fact fields. */
const SPECIAL = ['type', 'environment'];

/** Declared fact types a `type:` pattern (a name or a glob) covers. */
function typesFor(pattern: string): string[] {
  const all = Object.keys(FACT_FIELDS);
  if (!GLOB.test(pattern)) return all.filter((t) => t === pattern.toLowerCase());
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = require('picomatch') as typeof import('picomatch');
  const m = picomatch(pattern, { nocase: true, dot: true, bash: true });
  return all.filter((t) => m(t));
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The candidate closest to `word` (case differences cost less than letters), if any is close. */
export function nearest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0.5 : levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestD || (d === bestD && best !== null && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

const hint = (n: string | null) => (n ? `; did you mean "${n}"?` : '');

/** Problems of one rule's match keys; empty when every key is a field of the matched fact types. */
export function matchKeyIssues(rule: Rule): MatchKeyIssue[] {
  const issues: MatchKeyIssue[] = [];
  const entries = Array.isArray(rule.match) ? rule.match : rule.match ? [rule.match] : [];
  entries.forEach((m, entry) => {
    if (!m || typeof m !== 'object') return;
    const patterns = (Array.isArray(m.type) ? m.type : [m.type]).filter((t): t is string => typeof t === 'string');
    const types = new Set<string>();
    for (const p of patterns) {
      const got = typesFor(p);
      if (!got.length) {
        issues.push({ rule: rule.id, entry, key: 'type', message: `no fact type is called "${p}"${hint(nearest(p, Object.keys(FACT_FIELDS)))}` });
      }
      for (const t of got) types.add(t);
    }
    if (!types.size) return;
    const fields = new Map<string, string>(Object.entries(COMMON_FACT_FIELDS));
    for (const t of types) for (const [k, v] of Object.entries(FACT_FIELDS[t] ?? {})) fields.set(k, v);
    const what = `${[...types].sort().join(', ')} facts`;
    for (const key of Object.keys(m)) {
      if (SPECIAL.includes(key)) continue;
      const [head, ...rest] = key.split('.');
      const t = fields.get(head!);
      if (t === undefined) {
        issues.push({ rule: rule.id, entry, key, message: `match key "${key}" is not a field of ${what}${hint(nearest(head!, [...fields.keys(), ...SPECIAL]))}` });
      } else if (rest.length && !/object|targets/.test(t)) {
        issues.push({ rule: rule.id, entry, key, message: `match key "${key}": ${head} is a ${t} field of ${what}, it has no parts to reach into` });
      }
    }
  });
  return issues;
}

/** 1-based line and column of a rule's match key in the ruleset text, when it can be found. */
export function locateMatchKey(text: string, issue: MatchKeyIssue): { line: number; col: number } | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require('yaml') as typeof import('yaml');
    const lc = new YAML.LineCounter();
    const doc = YAML.parseDocument(text, { lineCounter: lc });
    const rules = doc.get('rules');
    if (!YAML.isSeq(rules)) return null;
    for (const r of rules.items) {
      if (!YAML.isMap(r) || r.get('id') !== issue.rule) continue;
      let match: unknown = r.get('match', true);
      if (YAML.isSeq(match)) match = match.items[issue.entry];
      if (!YAML.isMap(match)) return null;
      const pair = match.items.find((p) => YAML.isScalar(p.key) && p.key.value === issue.key);
      const node: unknown = issue.key === 'type' && pair && YAML.isScalar(pair.value) ? pair.value : pair?.key;
      const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
      return offset === undefined ? null : lc.linePos(offset);
    }
  } catch {
    /* a position is a courtesy: the message stands without it */
  }
  return null;
}

/** `file:line:col: rule id: message` (file alone when the position is unknown). */
export function describeMatchKeyIssue(file: string, text: string | null, issue: MatchKeyIssue): string {
  const at = text === null ? null : locateMatchKey(text, issue);
  return `${file}${at ? `:${at.line}:${at.col}` : ''}: rule ${issue.rule}: ${issue.message}`;
}

/** Load errors for a rule of `source` (a ruleset file); the file is read again only on a problem. */
export function matchKeyErrors(rule: Rule, source: string): string[] {
  const issues = matchKeyIssues(rule);
  if (!issues.length) return [];
  let text: string | null = null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    text = (require('node:fs') as typeof import('node:fs')).readFileSync(source, 'utf8');
  } catch {
    /* the message names the file without a line */
  }
  return issues.map((i) => describeMatchKeyIssue(source, text, i));
}
