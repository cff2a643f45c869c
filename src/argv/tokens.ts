// The one argv tokenizer every family reads options with. A declarative spec says which options
// take a value and how the program's option parser behaves (GNU getopt_long with clustered short
// options, Go's flag package with single-dash long names, a stop at the first positional); the
// tokens come out lazily, so a caller walking a subcommand tree can stop where the rest of argv is
// another command line (`railway run CMD...`) and hand over `words.slice(token.index)`.
import type { Word } from '../types';

export interface ArgvSpec {
  /** Options that take a value, as written: `--namespace`, `-n`, Go style `-namespace`. */
  value?: Iterable<string>;
  /** Short options whose value may only be attached (mysql `-pSECRET`); alone they take none. */
  attachedOnly?: Iterable<string>;
  /** Long options that take no value: only needed for `abbreviations`. */
  flags?: Iterable<string>;
  /**
   * `gnu` (default): `--name[=v]` long, `-abc` a cluster of short options where one that takes a
   * value ends the cluster with the rest of the word (`-qAtcSQL`), whole-word matches of `value`
   * first (`-auth v`). `go`: `-name` and `--name` are the same long option, never clustered.
   */
  style?: 'gnu' | 'go';
  /** getopt_long: a unique prefix of a long option is that option (`--comm` is `--command`). */
  abbreviations?: boolean;
  /** Aliases: option name -> canonical key (two names with one key are not ambiguous prefixes). */
  keys?: Record<string, string>;
  /** `-5` is an option (getopt) rather than a positional number (default). */
  digitOptions?: boolean;
  /** getopt: a short option's value is the rest of the word as is (`-c=x` gives `=x`); default splits at `=`. */
  keepClusterEquals?: boolean;
  /** `--` is an option like any other, not the end of options (curl). */
  noEndMarker?: boolean;
  /** Every word after the first positional is positional too (`redis-cli DEL -x`). */
  stopAtPositional?: boolean;
  /**
   * The text a word is read as (default: its value). A word whose value is not knowable may still
   * name its option (`-var-file="$F"` is -var-file, value unknown): return its raw text then; null
   * leaves the word a positional.
   */
  textOf?: (w: Word) => string | null;
  /** Which texts are options (default: `-` and more, not `-5` unless `digitOptions`). */
  isOption?: (text: string) => boolean;
}

export type Token =
  /**
   * An option as written (`--namespace`, `-n`, or the full name an abbreviation stands for).
   * `value`: the attached or next word's value, null when not knowable, undefined when it takes
   * none (or the value is only attachable and none was). `valueWord`: the next word it consumed.
   * `attached`: the value came with `=` or in the same word.
   */
  | { kind: 'option'; name: string; value?: string | null; valueWord?: Word; attached: boolean; index: number; word: Word }
  | { kind: 'positional'; word: Word; index: number }
  /** `--`, or the first positional under `stopAtPositional`: every word from `index` on is positional. */
  | { kind: 'end'; index: number; explicit: boolean };

/** A compiled spec (sets built once per program, not per line). */
export interface Compiled {
  spec: ArgvSpec;
  value: Set<string>;
  attached: Set<string>;
  longs: string[];
}

export function compile(spec: ArgvSpec): Compiled {
  const value = new Set(spec.value ?? []);
  const attached = new Set(spec.attachedOnly ?? []);
  const longs = spec.abbreviations ? [...new Set([...value, ...(spec.flags ?? [])])].filter((n) => n.startsWith('--')) : [];
  return { spec, value, attached, longs };
}

const compiledOf = new WeakMap<ArgvSpec, Compiled>();
function compiled(spec: ArgvSpec | Compiled): Compiled {
  if ('longs' in spec) return spec;
  let c = compiledOf.get(spec);
  if (!c) compiledOf.set(spec, (c = compile(spec)));
  return c;
}

/** The long option a (possibly abbreviated) name stands for, or the name itself. */
function longName(c: Compiled, name: string): string {
  if (!c.spec.abbreviations || c.value.has(name) || c.longs.includes(name)) return name;
  const hits = c.longs.filter((n) => n.startsWith(name));
  const keys = new Set(hits.map((h) => c.spec.keys?.[h] ?? h));
  return name.length > 3 && keys.size === 1 ? hits[0]! : name;
}

export function* tokens(words: readonly Word[], specOrCompiled: ArgvSpec | Compiled): Generator<Token, void, undefined> {
  const c = compiled(specOrCompiled);
  const { spec } = c;
  const go = spec.style === 'go';
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const known = word.value;
    const v = spec.textOf ? spec.textOf(word) : known;
    if (v === null) {
      yield { kind: 'positional', word, index: i };
      if (spec.stopAtPositional) return void (yield { kind: 'end', index: i + 1, explicit: false });
      continue;
    }
    if (known === '--' && !spec.noEndMarker) {
      yield { kind: 'end', index: i + 1, explicit: true };
      return;
    }
    const isOption = spec.isOption ? spec.isOption(v) : v.startsWith('-') && v.length > 1 && (spec.digitOptions || !/^-\d/.test(v));
    if (!isOption) {
      yield { kind: 'positional', word, index: i };
      if (spec.stopAtPositional) return void (yield { kind: 'end', index: i + 1, explicit: false });
      continue;
    }
    const at = i;
    /** The next word as this option's value (null when argv ends there). */
    const next = (name: string): Token => {
      const w = words[i + 1];
      if (w) i++;
      return { kind: 'option', name, value: w ? w.value : null, ...(w ? { valueWord: w } : {}), attached: false, index: at, word };
    };
    // A word whose value is not knowable names its option, but its value cannot be told apart.
    if (known === null) {
      const eq = v.indexOf('=');
      yield { kind: 'option', name: eq > 0 ? v.slice(0, eq) : v, value: null, attached: true, index: at, word };
      continue;
    }
    if (v.startsWith('--') || go) {
      const eq = v.indexOf('=');
      if (eq > 0) {
        yield { kind: 'option', name: longName(c, v.slice(0, eq)), value: v.slice(eq + 1), attached: true, index: at, word };
        continue;
      }
      const name = longName(c, v);
      yield c.value.has(name) && !c.attached.has(name) ? next(name) : { kind: 'option', name, attached: false, index: at, word };
      continue;
    }
    // GNU short options.
    const eq = v.indexOf('=');
    if (eq > 0 && !spec.keepClusterEquals && c.value.has(v.slice(0, eq))) {
      yield { kind: 'option', name: v.slice(0, eq), value: v.slice(eq + 1), attached: true, index: at, word };
      continue;
    }
    if (c.value.has(v) && !c.attached.has(v)) {
      yield next(v);
      continue;
    }
    if (v.length === 2) {
      yield { kind: 'option', name: v, attached: false, index: at, word };
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const o = `-${v[k]}`;
      if (c.value.has(o) || c.attached.has(o)) {
        const rest = v.slice(k + 1);
        if (rest) yield { kind: 'option', name: o, value: spec.keepClusterEquals ? rest : rest.replace(/^=/, ''), attached: true, index: at, word };
        else if (c.attached.has(o)) yield { kind: 'option', name: o, attached: false, index: at, word };
        else yield next(o);
        break;
      }
      yield { kind: 'option', name: o, attached: false, index: at, word };
    }
  }
}
