// What a program file says, in a form the judge (../program.ts) reads the same way for every
// language: its calls with canonical callee names (imports and aliases resolved), argument values
// folded where they are constants, its imports, and its string literals (for hints).
import type * as TS from 'web-tree-sitter';

/** Marks the part of a string only known at run time. */
export const HOLE = '\u0000';

/** A folded value: strings may contain HOLE; UNKNOWN is a value not known at all. */
export type V = string | number | boolean | null | V[] | { [k: string]: V } | typeof UNKNOWN;
export const UNKNOWN: unique symbol = Symbol('unknown');

export interface Arg {
  /** Source text of the argument. */
  text: string;
  value(): V;
  /** Canonical name of the argument when it is a name or a call (`os.environ`, `URI()`). */
  name(): string;
  /** The argument is itself a call: its own arguments. */
  call(): CallSite | null;
}

export interface CallSite {
  /** Canonical dotted callee: `subprocess.run`, `requests.Session().post`, `child_process.execSync`. */
  callee: string;
  args: Arg[];
  kwargs: Record<string, Arg>;
  /** A tagged template (sql`...`, $`...`): args[0] is the template. */
  tagged?: boolean;
  /** 1-based line in the file. */
  line: number;
  /** The receiver's binding, when the callee starts with a variable bound to a call (`cur` = conn.cursor()). */
  root?: CallSite | null;
}

export interface Program {
  calls: CallSite[];
  /** Modules imported or required (`psycopg2`, `child_process`, `database/sql`). */
  imports: string[];
  /** Relative imports of project files, as written (`./db`, `helpers`). */
  relImports: string[];
  /** String literal contents (first ones), for hints on values only known at run time. */
  strings: string[];
  /** `X.body = v` assignments (Ruby Net::HTTP request objects). */
  props: Map<string, Arg>;
}

/** Helpers every adapter shares: names bound once to one value, guards against cycles. */
export class Bindings {
  private map = new Map<string, TS.Node[]>();
  add(name: string, node: TS.Node): void {
    const l = this.map.get(name);
    if (l) l.push(node);
    else this.map.set(name, [node]);
  }
  /** The one node a name is bound to; null when unbound or bound to different values. */
  one(name: string): TS.Node | null {
    const l = this.map.get(name);
    if (!l) return null;
    const t = l[0]!.text;
    return l.every((n) => n.text === t) ? l[0]! : null;
  }
}

export const MAX_EVAL_DEPTH = 12;

/** Follows a binding once per chain of evaluation: a name bound (through others) to itself gives `dflt`. */
export type Follow = <T>(binding: TS.Node, f: () => T, dflt: T) => T;

/** One follower per program, shared by its name and value walks (a cycle met in either stops both). */
export function follower(): Follow {
  const active = new Set<number>();
  return <T>(b: TS.Node, f: () => T, dflt: T): T => {
    if (active.has(b.id)) return dflt;
    active.add(b.id);
    try {
      return f();
    } finally {
      active.delete(b.id);
    }
  };
}

/** A value as text: strings as they are, scalars printed, unknown -> HOLE. */
export function asText(v: V): string {
  if (v === UNKNOWN) return HOLE;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return '';
  return toJson(v);
}

/** JSON text of a folded value; unknown parts become HOLE inside strings. */
export function toJson(v: V): string {
  return JSON.stringify(v, (_k, x: unknown) => (x === UNKNOWN ? HOLE : x)) ?? HOLE;
}

export function isKnown(v: V): boolean {
  if (v === UNKNOWN) return false;
  if (typeof v === 'string') return !v.includes(HOLE);
  if (Array.isArray(v)) return v.every(isKnown);
  if (v && typeof v === 'object') return Object.values(v).every(isKnown);
  return true;
}

/** Every node of the given types, depth first, through a cursor (cheap across the WASM boundary). */
export function collect(root: TS.Node, types: Set<string>, limit = 50000): TS.Node[] {
  const out: TS.Node[] = [];
  const c = root.walk();
  let done = false;
  while (!done) {
    if (types.has(c.nodeType)) {
      out.push(c.currentNode);
      if (out.length >= limit) break;
    }
    if (c.gotoFirstChild()) continue;
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  c.delete();
  return out;
}

/** The languages the judge reads. */
export type Lang = 'python' | 'javascript' | 'ruby' | 'go' | 'php';

/** One program file as the call judges see it. */
export interface Judged {
  file: string;
  lang: Lang;
  program: Program;
}
