// tree-sitter-bash, the real bash grammar, on one of two runtimes with the same grammar version:
// * native: the tree-sitter Node binding (an optional dependency, compiled or prebuilt at install
//   time), loaded in ~5 ms: the fast path;
// * wasm: web-tree-sitter with the grammar's tree-sitter-bash.wasm, for installs where the native
//   binding could not be built or loaded (no compiler, an older libstdc++). Its start-up costs more
//   (compiling the WebAssembly, see `npm run bench`) and it loads asynchronously: the engine awaits
//   ensureShellParser() when parseShell() throws ShellParserNotReady, then parses again.
// AIRLOCK_PARSER=wasm forces the WebAssembly path (tests run the shell suite on both).
import { loadWasmLanguage, packageWasm, wasmParser } from '../util/treesitter-wasm';

/** The syntax-node API airlock uses, common to both runtimes. */
export interface Node {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: { row: number; column: number };
  readonly isNamed: boolean;
  readonly isError: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly parent: Node | null;
  readonly children: Node[];
  readonly namedChildren: Node[];
  readonly namedChildCount: number;
  child(index: number): Node | null;
  namedChild(index: number): Node | null;
  childForFieldName(name: string): Node | null;
  childrenForFieldName(name: string): Node[];
}

interface AnyTree {
  rootNode: unknown;
  delete?(): void;
}

export type ShellParserKind = 'native' | 'wasm';

/** The WebAssembly parser has not been loaded yet: await ensureShellParser() and parse again. */
export class ShellParserNotReady extends Error {
  constructor() {
    super('the WebAssembly bash parser is not loaded yet (await ensureShellParser() first)');
    this.name = 'ShellParserNotReady';
  }
}

const forcedWasm = (): boolean => process.env.AIRLOCK_PARSER === 'wasm';
let wasmFile: string | undefined;
const bashWasm = (): string => (wasmFile ??= packageWasm('tree-sitter-bash', 'tree-sitter-bash.wasm'));

let native: { parse(s: string, old: null, o: { bufferSize: number }): AnyTree } | null = null;
/** Why the native binding is not used (undefined: not tried yet). */
let nativeProblem: string | null | undefined;

function loadNative(): typeof native {
  if (nativeProblem !== undefined) return native;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Parser = require('tree-sitter') as new () => { setLanguage(l: unknown): void; parse: NonNullable<typeof native>['parse'] };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Bash = require('tree-sitter-bash') as unknown;
    const p = new Parser();
    p.setLanguage(Bash);
    native = p;
    nativeProblem = null;
  } catch (e) {
    nativeProblem = firstLine((e as Error).message);
  }
  return native;
}

const firstLine = (s: string): string => s.split('\n')[0] ?? s;

/** Makes parseShell() usable: the native binding if it loads (and is not overridden), else the WebAssembly build. */
export async function ensureShellParser(): Promise<ShellParserKind> {
  if (!forcedWasm() && loadNative()) return 'native';
  await loadWasmLanguage(bashWasm());
  return 'wasm';
}

/** Which runtime parses, and why the native one is not used; loads them as needed (for `airlock doctor`). */
export async function shellParserInfo(): Promise<{ kind: ShellParserKind; nativeProblem: string | null }> {
  const kind = await ensureShellParser();
  return { kind, nativeProblem: forcedWasm() ? 'AIRLOCK_PARSER=wasm is set' : (nativeProblem ?? null) };
}

export interface ParsedLine {
  root: Node;
  /** Human-readable syntax errors; empty when the line parsed cleanly. */
  errors: string[];
  /** Frees the tree (WebAssembly memory); the nodes must not be used afterwards. */
  dispose(): void;
}

export function parseShell(source: string): ParsedLine {
  const first = parseOnce(source);
  if (!first.errors.length) return first;
  // Valid bash the grammar cannot place: retry with a same-length stand-in that means the same
  // to the checks, and keep it only when that parses cleanly.
  const repaired = repair(source);
  if (repaired === source) return first;
  const second = parseOnce(repaired);
  if (second.errors.length) { second.dispose?.(); return first; }
  first.dispose?.();
  return second;
}

/**
 * `${x:$i:1}` (a variable offset) reads as `${x: i:1}` (bash's arithmetic takes bare names);
 * `exec 3<>f` (open read-write, no truncation) reads as `3>>f`, a write that does not truncate.
 */
export function repair(source: string): string {
  return source
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*):\$([A-Za-z_][A-Za-z0-9_]*)/g, '$${$1: $2')
    .replace(/(^|[^<>])<>(?=[^<>&|])/g, '$1>>');
}

function parseOnce(source: string): ParsedLine {
  let tree: AnyTree;
  const p = forcedWasm() ? null : loadNative();
  if (p) {
    // The binding's default buffer is 32 KiB; pass a larger one so long lines parse in one go.
    tree = p.parse(source, null, { bufferSize: Math.max(32 * 1024, source.length * 4 + 16) });
  } else {
    const w = wasmParser(bashWasm());
    if (!w) throw new ShellParserNotReady();
    tree = w.parse(source);
  }
  const root = tree.rootNode as Node;
  const errors: string[] = [];
  if (root.hasError) collectErrors(root, errors);
  return { root, errors, dispose: () => tree.delete?.() };
}

function collectErrors(node: Node, out: string[]): void {
  if (out.length >= 5) return;
  if (node.isError || node.isMissing) {
    const what = node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 40))}`;
    out.push(`syntax error at ${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${what}`);
    return;
  }
  for (const child of node.children) if (child.hasError || child.isMissing) collectErrors(child, out);
}
