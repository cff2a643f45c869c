// What one argument word becomes before the command runs: brace expansion, "$@" spread, IFS
// splitting of unquoted expansions (apart from walk.ts, which visits the tree and calls this).
import type { Word } from '../types';
import { parseShell, type Node } from './parser';
import type { Scope } from './scope';
import { resolveWord } from './words';

/**
 * The words one argument becomes: brace expansion (`rm -rf {src,lib}`), "$@" as one word per
 * positional parameter, and IFS splitting of unquoted expansions (`W='rm -rf ~'; $W`).
 */
export function expandArgument(child: Node, scope: Scope): Word[] {
  // "$@" is one word per positional parameter.
  const spread = /^("\$@"|\$@|"\$\{@\}")$/.test(child.text) ? scope.positionalArgs() : null;
  if (spread) return spread.map((v) => ({ raw: child.text, value: v }));
  const braces = child.text.includes('{') ? braceExpand(child.text) : null;
  if (braces && braces.length > 1) {
    const out: Word[] = [];
    for (const piece of braces) {
      const node = parseShell(': ' + piece).root.namedChild(0)?.namedChildren[1];
      if (!node) return [{ raw: child.text, value: null }];
      for (const w of expandArgument(node, scope)) out.push({ ...w, raw: child.text });
    }
    return out;
  }
  const w = resolveWord(child, scope);
  const bare = child.type === 'command_name' && child.namedChildCount === 1 ? child.namedChild(0)! : child;
  if (bare.type === 'simple_expansion' || bare.type === 'expansion') {
    // Unquoted expansions are split on IFS (`W='rm -rf ~'; $W`, `IFS=,; c=rm,-rf,/; $c`);
    // an empty one disappears. An IFS we cannot know makes the words unknown.
    const ifs = scope.ifs();
    if (w.value !== null && ifs === null) return [{ raw: child.text, value: null }];
    if (w.value !== null && ifs && [...w.value].some((ch) => ifs.includes(ch))) {
      const seps = new RegExp(`[${ifs.replace(/[\\\]^-]/g, '\\$&')}]+`);
      return w.value.split(seps).filter(Boolean).map((part) => ({ raw: child.text, value: part }));
    }
    if (w.value === '') return [];
  }
  if (bare.type === 'concatenation' && w.value !== null && !w.glob) {
    const split = splitConcatenation(bare, scope, w.value);
    if (split) return split.map((v) => ({ raw: child.text, value: v }));
  }
  return [w];
}

/**
 * `src${IFS}x`, `a$W`: the unquoted expansions inside a concatenation are split on IFS too, while
 * its literal and quoted parts are not. Null when nothing splits (or a part is unknown): the word
 * stays whole.
 */
function splitConcatenation(node: Node, scope: Scope, whole: string): string[] | null {
  const ifs = scope.ifs();
  if (!ifs) return null;
  const fields: string[] = [''];
  let split = false;
  let joined = '';
  for (const part of node.namedChildren) {
    const v = resolveWord(part, scope).value;
    if (v === null) return null;
    joined += v;
    if (part.type !== 'simple_expansion' && part.type !== 'expansion') {
      fields[fields.length - 1] += v;
      continue;
    }
    const pieces = v.split(new RegExp(`[${ifs.replace(/[\\\]^-]/g, '\\$&')}]`));
    if (pieces.length > 1) split = true;
    fields[fields.length - 1] += pieces[0]!;
    for (const p of pieces.slice(1)) fields.push(p);
  }
  // Parts the grammar left unnamed would be missing here: then the word stays whole.
  return split && joined === whole ? fields.filter(Boolean) : null;
}

/**

/**
 * `{a,b}` and `{1..3}` in the source text of one word, outside quotes and `${`, as bash expands them
 * before anything else. Null when the word has no brace expansion; capped like loop values.
 */
export function braceExpand(text: string, limit = 64): string[] | null {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c !== '{' || text[i - 1] === '$') continue;
    // Find the matching close brace and the top-level commas inside.
    let depth = 0;
    let q: string | null = null;
    const commas: number[] = [];
    let close = -1;
    for (let j = i + 1; j < text.length; j++) {
      const d = text[j]!;
      if (d === '\\') {
        j++;
        continue;
      }
      if (q) {
        if (d === q) q = null;
        continue;
      }
      if (d === "'" || d === '"') q = d;
      else if (d === '{') depth++;
      else if (d === '}') {
        if (depth === 0) {
          close = j;
          break;
        }
        depth--;
      } else if (d === ',' && depth === 0) commas.push(j);
    }
    if (close < 0) return null;
    const pre = text.slice(0, i);
    const post = text.slice(close + 1);
    let alts: string[] | null = null;
    if (commas.length) {
      const bounds = [i, ...commas, close];
      alts = bounds.slice(0, -1).map((b, k) => text.slice(b + 1, bounds[k + 1]));
    } else {
      const seq = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$|^([A-Za-z])\.\.([A-Za-z])$/.exec(text.slice(i + 1, close));
      if (seq) {
        alts = [];
        if (seq[1] !== undefined) {
          const a = Number(seq[1]);
          const b = Number(seq[2]);
          const step = Math.abs(Number(seq[3] ?? 1)) || 1;
          for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? step : -step) {
            alts.push(String(n));
            if (alts.length > limit) return alts;
          }
        } else {
          const a = seq[4]!.charCodeAt(0);
          const b = seq[5]!.charCodeAt(0);
          for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? 1 : -1) alts.push(String.fromCharCode(n));
        }
      }
    }
    if (!alts) continue; // `{}` or `{x}`: literal
    const out: string[] = [];
    for (const alt of alts) {
      const rest = braceExpand(pre + alt + post, limit) ?? [pre + alt + post];
      out.push(...rest);
      if (out.length > limit) return out.slice(0, limit + 1);
    }
    return out;
  }
  return null;
}
