// getopt_long-style argv parsing, as the PostgreSQL client programs do it: bundled short flags
// (`-qAtc SQL`), attached values (`-cSQL`, `--command=SQL`), unique long-option prefixes,
// options after positionals (GNU permutation), and `--` ending the options.
import type { Word } from '../../types';

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

export function getopt(args: Word[], spec: OptSpec): Parsed {
  const opts: ParsedOpt[] = [];
  const positionals: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (v === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (v === null || !v.startsWith('-') || v === '-') {
      positionals.push(w);
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = v.slice(2, eq < 0 ? undefined : eq);
      const def = longOption(spec, name);
      if (!def) {
        opts.push({ key: name, value: eq < 0 ? true : v.slice(eq + 1) });
        continue;
      }
      if (!def.arg) opts.push({ key: def.key, value: true });
      else if (eq >= 0) opts.push({ key: def.key, value: v.slice(eq + 1) });
      else opts.push({ key: def.key, value: args[++i]?.value ?? null });
      continue;
    }
    // Bundled short options: flags until one that takes a value, which eats the rest or the next word.
    for (let k = 1; k < v.length; k++) {
      const c = v[k]!;
      if (spec.shortWithArg.includes(c)) {
        const rest = v.slice(k + 1);
        opts.push({ key: c, value: rest !== '' ? rest : (args[++i]?.value ?? null) });
        break;
      }
      opts.push({ key: c, value: true });
    }
  }
  return { opts, positionals };
}

function longOption(spec: OptSpec, name: string): { key: string; arg: boolean } | null {
  if (spec.long[name]) return spec.long[name]!;
  // getopt_long accepts any unambiguous prefix (`--comm` for `--command`).
  const hits = Object.keys(spec.long).filter((n) => n.startsWith(name));
  const keys = new Set(hits.map((h) => spec.long[h]!.key));
  return name.length > 1 && keys.size === 1 ? spec.long[hits[0]!]! : null;
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
