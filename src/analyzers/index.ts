// The families. Each entry names the programs that wake an analyzer and loads it on first use,
// so a benign line never loads the SQL or GraphQL parsers. A new family is one line here.
import type { Analyzer } from './types';

interface Entry {
  programs: readonly string[];
  load: () => Analyzer;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const FAMILIES: Entry[] = [
  { programs: ['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'gh'], load: () => require('./http').default },
  { programs: ['railway'], load: () => require('./railway').default },
];
/* eslint-enable @typescript-eslint/no-require-imports */

let byProgram: Map<string, Entry[]> | null = null;
const loaded = new Map<Entry, Analyzer>();

/** Analyzers interested in a program basename. */
export function analyzersFor(program: string): Analyzer[] {
  if (!byProgram) {
    byProgram = new Map();
    for (const e of FAMILIES) for (const p of e.programs) byProgram.set(p, [...(byProgram.get(p) ?? []), e]);
  }
  const entries = byProgram.get(program) ?? byProgram.get(program.toLowerCase().replace(/\.exe$/, '')) ?? [];
  return entries.map((e) => {
    let a = loaded.get(e);
    if (!a) {
      a = e.load();
      loaded.set(e, a);
    }
    return a;
  });
}

/** Every program name some family watches (the shims and the fast path use it). */
export function watchedPrograms(): string[] {
  return [...new Set(FAMILIES.flatMap((e) => e.programs))];
}
