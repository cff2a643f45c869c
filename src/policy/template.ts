// `{field}` placeholders in resource names and messages, filled from the fact.
import type { Fact } from '../types';
import { getField } from './match';

export function fillTemplate(template: string, fact: Fact, extra: Record<string, string> = {}): string {
  return template.replace(/\{([A-Za-z0-9_.]+)(?:\|([^}]*))?\}/g, (_m, key: string, fallback: string | undefined) => {
    const v = key in extra ? extra[key] : getField(fact, key);
    const s = render(v);
    return s === '' ? (fallback ?? '?') : s;
  });
}

function render(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(render).filter(Boolean).join(' ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
