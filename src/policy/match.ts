// Matching one fact against a rule's `match` block. Globs are picomatch, case-insensitive,
// compiled once per pattern.
import type { Fact } from '../types';
import type { FactMatch } from './types';

const cache = new Map<string, (s: string) => boolean>();
const GLOB_SYNTAX = /[*?[\]{}()!+@\\]/;

export function glob(pattern: string): (s: string) => boolean {
  let m = cache.get(pattern);
  if (!m) {
    if (!GLOB_SYNTAX.test(pattern)) {
      // Most patterns are plain words (program names, actions): compare without picomatch.
      const lower = pattern.toLowerCase();
      m = (s: string) => s.length === lower.length && s.toLowerCase() === lower;
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const picomatch = require('picomatch') as typeof import('picomatch');
      m = picomatch(pattern, { nocase: true, dot: true, bash: true });
    }
    cache.set(pattern, m);
  }
  return m;
}

export function getField(fact: Fact, path: string): unknown {
  let cur: unknown = fact;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function matchValue(actual: unknown, expected: unknown): boolean {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const e = expected as Record<string, unknown>;
    if ('not' in e) return !matchValue(actual, e.not);
    if ('exists' in e) return (actual !== undefined && actual !== null) === Boolean(e.exists);
    if ('all' in e) return (e.all as unknown[]).every((x) => matchValue(actual, x));
    if ('gte' in e) return typeof actual === 'number' && actual >= Number(e.gte);
    return false;
  }
  if (Array.isArray(expected)) return expected.some((x) => matchValue(actual, x));
  if (typeof expected === 'boolean') return Boolean(actual) === expected && !(Array.isArray(actual) && actual.length === 0 && expected);
  if (typeof expected === 'number') return actual === expected;
  if (typeof expected !== 'string') return false;
  if (Array.isArray(actual)) return actual.some((a) => typeof a === 'string' && glob(expected)(a));
  if (typeof actual === 'string') return glob(expected)(actual);
  if (typeof actual === 'number' || typeof actual === 'boolean') return glob(expected)(String(actual));
  return false;
}

export function matchFact(fact: Fact, m: FactMatch): boolean {
  for (const [key, expected] of Object.entries(m)) {
    const actual = key === 'type' ? fact.type : getField(fact, key);
    if (!matchValue(actual, expected)) return false;
  }
  return true;
}
