// getopt_long-style argv parsing, as the PostgreSQL client programs do it: bundled short flags
// (`-qAtc SQL`), attached values (`-cSQL`, `--command=SQL`), unique long-option prefixes,
// options after positionals (GNU permutation), and `--` ending the options; read by the shared
// tokenizer (src/argv/tokens.ts) from these tables.
import type { Word } from '../../types';
import { tokens, type ArgvSpec } from '../../argv/tokens';

export interface OptSpec {
  /** Short options that take a value, e.g. "cdfhpUv". Other letters are flags. */
  shortWithArg: string;
  /** Long option name -> canonical short letter (or the long name itself) and whether it takes a value. */
  long: Record<string, { key: string; arg: boolean }>;
}

export interface ParsedOpt {
  /** Canonical key: the short letter, or the long name when it has no short form. */
  key: string;
  /** Option value; `null` when it could not be resolved, `true` for flags. */
  value: string | null | true;
}

export interface Parsed {
  opts: ParsedOpt[];
  positionals: Word[];
}

const specs = new WeakMap<OptSpec, ArgvSpec>();

/** The PostgreSQL tables as the shared tokenizer's spec (built once per table). */
function argvSpec(spec: OptSpec): ArgvSpec {
  let a = specs.get(spec);
  if (!a) {
    const longs = Object.entries(spec.long);
    a = {
      value: [...[...spec.shortWithArg].map((c) => `-${c}`), ...longs.filter(([, d]) => d.arg).map(([n]) => `--${n}`)],
      flags: longs.filter(([, d]) => !d.arg).map(([n]) => `--${n}`),
      keys: Object.fromEntries(longs.map(([n, d]) => [`--${n}`, d.key])),
      abbreviations: true,
      digitOptions: true,
      keepClusterEquals: true,
    };
    specs.set(spec, a);
  }
  return a;
}

export function getopt(args: Word[], spec: OptSpec): Parsed {
  const opts: ParsedOpt[] = [];
  const positionals: Word[] = [];
  for (const t of tokens(args, argvSpec(spec))) {
    if (t.kind === 'positional') positionals.push(t.word);
    else if (t.kind === 'end') positionals.push(...args.slice(t.index));
    else if (t.name.startsWith('--')) {
      const name = t.name.slice(2);
      const def = spec.long[name];
      // A long flag ignores a value given with `=`; an unknown option keeps what it was given.
      if (!def) opts.push({ key: name, value: t.value === undefined ? true : t.value });
      else opts.push({ key: def.key, value: !def.arg || t.value === undefined ? true : t.value });
    } else opts.push({ key: t.name.slice(1), value: t.value === undefined ? true : t.value });
  }
  return { opts, positionals };
}

/** Values of every occurrence of an option key, in order. */
export function values(p: Parsed, key: string): (string | null | true)[] {
  return p.opts.filter((o) => o.key === key).map((o) => o.value);
}

export function last(p: Parsed, key: string): string | null | undefined {
  const vs = values(p, key);
  if (!vs.length) return undefined;
  const v = vs[vs.length - 1]!;
  return v === true ? undefined : v;
}

export function has(p: Parsed, ...keys: string[]): boolean {
  return p.opts.some((o) => keys.includes(o.key) && o.value !== 'false');
}
