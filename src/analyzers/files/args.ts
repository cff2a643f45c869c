// A small getopt: options (short clusters, long options with unique-prefix abbreviation the way
// GNU getopt and git's parse-options accept them) and operands. Values never become operands.
import type { Word } from '../../types';

export interface ArgSpec {
  /** Short options that take a value (`-n 3`, `-n3`). */
  shortValue?: string;
  /** Long options without a value, spelled out; abbreviations resolve against these and longValue. */
  longs?: string[];
  /** Long options that take a value (`--opt v` or `--opt=v`). */
  longValue?: string[];
  /** GNU style: options may follow operands (`rm / -rf`). Default true. */
  permute?: boolean;
}

export interface Opt {
  /** Canonical name: "-f", "--force" (abbreviations expanded), or as written when unknown. */
  name: string;
  value: string | null;
}

export interface ParsedArgs {
  opts: Opt[];
  operands: Word[];
  /** A word we could not read stood where an option might be. */
  dynamic: boolean;
}

export function canonLong(name: string, spec: ArgSpec): string {
  const all = [...(spec.longs ?? []), ...(spec.longValue ?? [])];
  if (all.includes(name)) return name;
  const hits = all.filter((l) => l.startsWith(name));
  // git and getopt reject an ambiguous abbreviation; reading it as the first (most dangerous,
  // by list order) candidate fails closed instead of guessing the command will error out.
  return hits.length >= 1 && name.length > 3 ? hits[0]! : name;
}

export function parseArgs(words: Word[], spec: ArgSpec = {}): ParsedArgs {
  const out: ParsedArgs = { opts: [], operands: [], dynamic: false };
  const permute = spec.permute ?? true;
  let optsDone = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const v = w.value;
    if (v === null) {
      out.dynamic = true;
      out.operands.push(w);
      continue;
    }
    if (optsDone || v === '-' || !v.startsWith('-')) {
      out.operands.push(w);
      if (!permute) optsDone = true;
      continue;
    }
    if (v === '--') {
      optsDone = true;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = canonLong(eq < 0 ? v : v.slice(0, eq), spec);
      if (eq >= 0) out.opts.push({ name, value: v.slice(eq + 1) });
      else if (spec.longValue?.includes(name)) out.opts.push({ name, value: words[++i]?.value ?? null });
      else out.opts.push({ name, value: null });
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const c = v[k]!;
      if (spec.shortValue?.includes(c)) {
        const rest = v.slice(k + 1);
        out.opts.push({ name: '-' + c, value: rest !== '' ? rest : words[++i]?.value ?? null });
        break;
      }
      out.opts.push({ name: '-' + c, value: null });
    }
  }
  return out;
}

export function has(p: ParsedArgs, ...names: string[]): boolean {
  return p.opts.some((o) => names.includes(o.name));
}

export function valueOf(p: ParsedArgs, ...names: string[]): string | null | undefined {
  const o = [...p.opts].reverse().find((x) => names.includes(x.name));
  return o ? o.value : undefined;
}
