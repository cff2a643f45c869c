// `{field}` placeholders in resource names and messages, filled from the fact.
import type { Fact } from '../types';
import { getField } from './match';

export function fillTemplate(template: string, fact: Fact, extra: Record<string, string> = {}): string {
  return template.replace(/\{([A-Za-z0-9_.]+)(?:\|([^}]*))?\}/g, (_m, key: string, fallback: string | undefined) => {
    const v = key in extra ? extra[key] : getField(fact, key);
    const s = render(v);
    return s === '' ? fillFallback(fallback, fact, extra) : s;
  });
}

/** A fallback is literal text, or `=field` (another field), then `|` and more fallbacks: `{scope|=arg3|cluster}`. */
function fillFallback(fallback: string | undefined, fact: Fact, extra: Record<string, string>): string {
  if (fallback === undefined) return '?';
  const parts = fallback.split('|');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (!p.startsWith('=')) return p;
    const key = p.slice(1);
    const s = render(key in extra ? extra[key] : getField(fact, key));
    if (s !== '') return s;
  }
  return '?';
}

function render(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(render).filter(Boolean).join(' ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
