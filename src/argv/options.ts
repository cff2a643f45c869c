// The table-driven view of argv most families read: positionals, option values by name as
// written, every option in order, and whether some word is not knowable. Built on tokens.ts.
import type { Word } from '../types';
import { tokens, type ArgvSpec } from './tokens';

export interface Args {
  /** Positional values in order (null: not knowable before running). */
  pos: (string | null)[];
  /** Option values by option name as written (`--namespace`, `-n`); options without a value hold ''. */
  opts: Map<string, (string | null)[]>;
  /** Every option name seen, in order (`-rf` gives `-r`, `-f`). */
  flags: string[];
  /** Words after `--` (or after the first positional, under `stopAtPositional`). */
  rest: (string | null)[];
  /** Some word is not knowable (a variable, a substitution). */
  dynamic: boolean;
}

/** The spec as the breadth families write it: `withValue` names, `noClusters` for Go-style programs. */
export interface ParseSpec {
  /** Options that consume a value (`--opt v`, `--opt=v`, `-ov`). */
  withValue: readonly string[];
  /** Short options whose value may only be attached (mysql `-pSECRET`). */
  attachedOnly?: readonly string[];
  /** Single-dash long options (`-eval`) are not split into letters. */
  noClusters?: boolean;
  /** Stop option parsing at the first positional (the rest is positional: `redis-cli DEL -x`). */
  stopAtPositional?: boolean;
}

const specs = new WeakMap<ParseSpec, ArgvSpec>();
function argvSpec(s: ParseSpec): ArgvSpec {
  let a = specs.get(s);
  if (!a) {
    a = { value: s.withValue, ...(s.attachedOnly ? { attachedOnly: s.attachedOnly } : {}), style: s.noClusters ? 'go' : 'gnu', ...(s.stopAtPositional ? { stopAtPositional: true } : {}) };
    specs.set(s, a);
  }
  return a;
}

export function parseArgs(words: Word[], spec: ParseSpec): Args {
  const a: Args = { pos: [], opts: new Map(), flags: [], rest: [], dynamic: false };
  for (const t of tokens(words, argvSpec(spec))) {
    if (t.kind === 'option') {
      a.flags.push(t.name);
      a.opts.set(t.name, [...(a.opts.get(t.name) ?? []), t.value === undefined ? '' : t.value]);
    } else if (t.kind === 'positional') {
      if (t.word.value === null) a.dynamic = true;
      a.pos.push(t.word.value);
    } else {
      for (const w of words.slice(t.index)) {
        if (w.value === null) a.dynamic = true;
        a.rest.push(w.value);
      }
    }
  }
  return a;
}

/** Last value given to any of the option names; undefined when none was given. */
export function opt(a: Args, ...names: string[]): string | null | undefined {
  let found: string | null | undefined;
  for (const n of a.flags) if (names.includes(n)) found = a.opts.get(n)!.at(-1);
  return found;
}

/** All values given to any of the option names. */
export function optAll(a: Args, ...names: string[]): (string | null)[] {
  return names.flatMap((n) => a.opts.get(n) ?? []);
}

export function has(a: Args, ...names: string[]): boolean {
  return names.some((n) => a.opts.has(n));
}
