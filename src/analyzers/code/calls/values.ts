// Folded argument values as the call matchers read them, and how unknown parts are written into
// the nested command lines they become (a shell word or an SQL name only known at run time).
import { HOLE, UNKNOWN, asText, type Arg, type V } from '../lang/model';
import { shellQuote } from '../../../util/shell-quote';

/** Stands for a value only known at run time inside a nested command line. */
export const SHELL_HOLE = '"$(airlock-computed)"';
export const SQL_HOLE = 'computed_at_run_time';

export function str(a: Arg | undefined): string | null {
  if (!a) return null;
  const v = a.value();
  if (v === UNKNOWN) return HOLE;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return null;
}

export function list(a: Arg | undefined): V[] | null {
  const v = a?.value();
  return Array.isArray(v) ? v : null;
}

export function obj(a: Arg | undefined): Record<string, V> | null {
  const v = a?.value();
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, V>) : null;
}

export function shq(s: string): string {
  if (!s.includes(HOLE)) return shellQuote(s);
  return s.split(HOLE).map((p) => (p ? shq(p) : '')).join(SHELL_HOLE);
}

export function argvLine(items: V[]): string | null {
  if (!items.length) return null;
  const first = items[0];
  if (first === UNKNOWN || (typeof first === 'string' && first.includes(HOLE) && first.replace(HOLE, '') === '')) return null;
  return items.map((v) => (v === UNKNOWN ? SHELL_HOLE : shq(asText(v)))).join(' ');
}

export function shellText(s: string | null): string | null {
  if (s === null) return null;
  if (s.replace(new RegExp(HOLE, 'g'), '').trim() === '') return null;
  return s.split(HOLE).join(SHELL_HOLE);
}

