// The families. Each entry names the programs that wake an analyzer and loads it on first use,
// so a benign line never loads the SQL or GraphQL parsers. The entries are generated from each
// family's declaration (src/analyzers/<family>/family.ts) by scripts/gen-registry.mjs.
import type { Analyzer } from './types';
import { familyKeys } from './keys';
import { FAMILIES, type RegistryEntry } from './registry.generated';

export { familyKeys };

type Entry = RegistryEntry;
export { FAMILIES };

let byProgram: Map<string, Entry[]> | null = null;
const loaded = new Map<Entry, Analyzer>();

/** Analyzers interested in a program basename. */
export function analyzersFor(program: string): Analyzer[] {
  if (!byProgram) {
    byProgram = new Map();
    for (const e of FAMILIES) for (const p of e.programs) byProgram.set(p, [...(byProgram.get(p) ?? []), e]);
  }
  let entries: Entry[] = [];
  for (const k of familyKeys(program)) {
    const got = byProgram.get(k);
    if (got) {
      entries = got;
      break;
    }
  }
  return entries.map((e) => {
    let a = loaded.get(e);
    if (!a) {
      a = e.load();
      loaded.set(e, a);
    }
    return a;
  });
}

/** Program -> the families it wakes, in FAMILIES order (the fast path's snapshot). */
export function familiesByProgram(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of FAMILIES) for (const p of e.programs) (out[p] ??= []).push(e.family);
  return out;
}

/** Every program name some family watches (the shims and the fast path use it). */
export function watchedPrograms(): string[] {
  return [...new Set(FAMILIES.flatMap((e) => e.programs))];
}
