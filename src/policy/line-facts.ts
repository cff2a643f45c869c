// Facts about the whole line that no simple command carries: assignments, exports and unsets of
// airlock's own variables (AIRLOCK_*). Bare assignments and `export`/`unset` are shell builtins
// that the walker keeps in its scope and never emits as commands, so they are found in the text.
// Deliberately broad: a quoted "AIRLOCK_ENV=x" in an echo also counts (a false positive that
// costs the agent a rewording, never a missed weakening).
import type { Fact } from '../types';

const NAME = /(\$\{?)?\b(AIRLOCK_[A-Za-z0-9_]*)\b(\+?=)?/g;

function segmentAround(line: string, at: number): string {
  const start = Math.max(line.lastIndexOf(';', at), line.lastIndexOf('&', at), line.lastIndexOf('|', at), line.lastIndexOf('\n', at), line.lastIndexOf('(', at)) + 1;
  const ends = [';', '&', '|', '\n', ')'].map((c) => line.indexOf(c, at)).filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) : line.length;
  return line.slice(start, end).trim();
}

export function lineFacts(line: string): Fact[] {
  if (!line.includes('AIRLOCK_')) return [];
  const out: Fact[] = [];
  for (const m of line.matchAll(NAME)) {
    if (m[1]) continue; // $AIRLOCK_X / ${AIRLOCK_X}: a read
    const name = m[2]!;
    const at = m.index!;
    const segment = segmentAround(line, at);
    const before = segment.slice(0, Math.max(0, segment.indexOf(name)));
    let action: string | null = null;
    if (m[3]) action = /\bexport\b|\bdeclare\b|\btypeset\b|\benv\b/.test(before) ? 'export' : 'set';
    else if (/\bunset\b|\bexport\s+-n\b|(^|\s)-u\s*$|--unset(=|\s+)$/.test(before)) action = 'unset';
    if (!action) continue;
    const valueMatch = m[3] ? /^([^\s;&|]*)/.exec(line.slice(at + m[0].length)) : null;
    out.push({ type: 'env-assign', command: segment, name, action, value: valueMatch?.[1] ?? '' });
  }
  return out;
}
