// What `find START EXPR` would pick, computed by walking the tree read-only (lstat and readdir,
// never running anything). Tests we do not model (-mtime, -size, -newer...) are "maybe": an entry
// they might pick counts as picked, so the answer only ever over-approximates what is deleted.
// Bounded: past MAX_FIND_ENTRIES entries or MAX_FIND_MS the answer is null (unknown, so ask).
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Word } from '../../types';

export const MAX_FIND_ENTRIES = 10_000;
export const MAX_FIND_MS = 100;

type Tri = boolean | 'maybe';
interface Entry {
  /** As find prints it: START/sub/name. */
  shown: string;
  name: string;
  type: 'f' | 'd' | 'l' | 'o';
  depth: number;
  abs: string;
}
type Node = (e: Entry) => Tri;

export interface FindPlan {
  test: Node;
  maxdepth: number;
  mindepth: number;
  /** -exec rm -r: a picked directory goes with everything under it. */
  recursiveExec: boolean;
}

const not = (t: Tri): Tri => (t === 'maybe' ? 'maybe' : !t);
const and = (a: Tri, b: () => Tri): Tri => (a === false ? false : ((r) => (r === false ? false : a === 'maybe' || r === 'maybe' ? 'maybe' : true))(b()));
const or = (a: Tri, b: () => Tri): Tri => (a === true ? true : ((r) => (r === true ? true : a === 'maybe' || r === 'maybe' ? 'maybe' : false))(b()));

/** Primaries taking one argument that we treat as "maybe" (time, size, owner, permissions...). */
const MAYBE_WITH_ARG = new Set([
  '-size', '-perm', '-user', '-group', '-uid', '-gid', '-inum', '-samefile', '-newer', '-anewer', '-cnewer', '-mtime', '-atime', '-ctime',
  '-mmin', '-amin', '-cmin', '-used', '-links', '-fstype', '-context', '-lname', '-ilname', '-regex', '-iregex', '-xtype',
]);
/** Options and actions without an argument that are always true for our purpose. */
const TRUE_NOARG = new Set(['-depth', '-d', '-xdev', '-mount', '-print', '-print0', '-delete', '-ls', '-prune', '-quit', '-true', '-noleaf', '-ignore_readdir_race', '-nowarn', '-warn', '-daystart', '-follow']);
const TRUE_WITH_ARG = new Set(['-printf', '-fprint', '-fprint0', '-fls', '-regextype']);

/** Parse the expression part of find's arguments; null when something cannot be read. */
export function parseFindPlan(words: Word[], recursiveExec: boolean): FindPlan | null {
  const toks: string[] = [];
  for (const w of words) {
    if (w.value === null) return null;
    toks.push(w.value);
  }
  let i = 0;
  const plan: FindPlan = { test: () => true, maxdepth: Infinity, mindepth: 0, recursiveExec };
  let bad = false;
  const primary = (): Node => {
    const t = toks[i++];
    if (t === undefined) {
      bad = true;
      return () => true;
    }
    const arg = (): string => {
      const v = toks[i++];
      if (v === undefined) bad = true;
      return v ?? '';
    };
    if (t === '-name' || t === '-iname') {
      const m = picomatch(arg(), { dot: true, nocase: t === '-iname', bash: false });
      return (e) => m(e.name);
    }
    if (t === '-path' || t === '-ipath' || t === '-wholename' || t === '-iwholename') {
      // find's -path pattern: * also matches '/'.
      const re = globToRegex(arg(), t.startsWith('-i'));
      return (e) => re.test(e.shown);
    }
    if (t === '-type') {
      const types = arg().split(',');
      return (e) => types.includes(e.type);
    }
    if (t === '-empty') {
      return (e) => {
        if (e.type === 'f') return fs.lstatSync(e.abs).size === 0;
        if (e.type === 'd') return fs.readdirSync(e.abs).length === 0;
        return false;
      };
    }
    if (t === '-maxdepth' || t === '-mindepth') {
      const n = Number(arg());
      if (!Number.isInteger(n) || n < 0) bad = true;
      if (t === '-maxdepth') plan.maxdepth = n;
      else plan.mindepth = n;
      return () => true;
    }
    if (t === '-exec' || t === '-execdir' || t === '-ok' || t === '-okdir') {
      while (i < toks.length && toks[i] !== ';' && toks[i] !== '+') i++;
      i++;
      return () => true;
    }
    if (t === '-false') return () => false;
    if (TRUE_NOARG.has(t)) return () => true;
    if (TRUE_WITH_ARG.has(t)) {
      arg();
      return () => true;
    }
    if (MAYBE_WITH_ARG.has(t) || /^-newer[aBcmt][aBcmt]$/.test(t)) {
      arg();
      return () => 'maybe';
    }
    bad = true;
    return () => true;
  };
  const unary = (): Node => {
    if (toks[i] === '!' || toks[i] === '-not') {
      i++;
      const n = unary();
      return (e) => not(n(e));
    }
    if (toks[i] === '(') {
      i++;
      const n = orExpr();
      if (toks[i++] !== ')') bad = true;
      return n;
    }
    return primary();
  };
  const andExpr = (): Node => {
    let n = unary();
    while (i < toks.length && toks[i] !== '-o' && toks[i] !== '-or' && toks[i] !== ')' && toks[i] !== ',') {
      if (toks[i] === '-a' || toks[i] === '-and') i++;
      const l = n;
      const r = unary();
      n = (e) => and(l(e), () => r(e));
    }
    return n;
  };
  const orExpr = (): Node => {
    let n = andExpr();
    while (toks[i] === '-o' || toks[i] === '-or' || toks[i] === ',') {
      const comma = toks[i] === ',';
      i++;
      const l = n;
      const r = andExpr();
      // `A , B`: both run, the value is B's; for deletion either side's actions count.
      n = comma ? (e) => or(l(e), () => r(e)) : (e) => or(l(e), () => r(e));
    }
    return n;
  };
  if (toks.length) plan.test = orExpr();
  if (bad || i < toks.length) return null;
  return plan;
}

function globToRegex(pat: string, nocase: boolean): RegExp {
  let re = '';
  for (let k = 0; k < pat.length; k++) {
    const c = pat[k]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pat.indexOf(']', k + 2);
      if (end < 0) re += '\\[';
      else {
        re += '[' + pat.slice(k + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        k = end;
      }
    } else if (c === '\\' && k + 1 < pat.length) re += '\\' + pat[++k];
    else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp('^' + re + '$', nocase ? 'i' : '');
}

export interface WalkOptions {
  /** Directories (relative to the start) not descended into: what lies under them is judged by name. */
  skip?(rel: string): boolean;
}

/** Absolute paths of the entries the plan may pick under start; null past the bounds or on errors. */
export function findMatches(start: string, shownStart: string, plan: FindPlan, o: WalkOptions = {}, clock: () => number = Date.now): string[] | null {
  const began = clock();
  const out: string[] = [];
  let seen = 0;
  const typeOf = (st: fs.Stats): Entry['type'] => (st.isSymbolicLink() ? 'l' : st.isDirectory() ? 'd' : st.isFile() ? 'f' : 'o');
  let rootStat: fs.Stats;
  try {
    rootStat = fs.lstatSync(start);
  } catch {
    // Missing now, but an earlier command of the line may create it: unknown.
    return null;
  }
  const stack: Entry[] = [{ shown: shownStart, name: path.basename(shownStart) || shownStart, type: typeOf(rootStat), depth: 0, abs: start }];
  try {
    while (stack.length) {
      const e = stack.pop()!;
      if (++seen > MAX_FIND_ENTRIES || clock() - began > MAX_FIND_MS) return null;
      if (e.depth >= plan.mindepth && plan.test(e) !== false) out.push(e.abs);
      if (e.type !== 'd' || e.depth >= plan.maxdepth) continue;
      const rel = path.relative(start, e.abs);
      if (rel && o.skip?.(rel)) continue;
      for (const d of fs.readdirSync(e.abs, { withFileTypes: true })) {
        const abs = path.join(e.abs, d.name);
        const type: Entry['type'] = d.isSymbolicLink() ? 'l' : d.isDirectory() ? 'd' : d.isFile() ? 'f' : 'o';
        stack.push({ shown: e.shown.replace(/\/$/, '') + '/' + d.name, name: d.name, type, depth: e.depth + 1, abs });
      }
    }
  } catch {
    return null;
  }
  return out;
}
