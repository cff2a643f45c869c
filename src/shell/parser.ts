// tree-sitter-bash through the native tree-sitter binding: the real bash grammar, loaded in ~5 ms
// (the WebAssembly build costs ~400 ms to compile per process, too slow for a per-command guard).
import type { SyntaxNode, Tree } from 'tree-sitter';

export type Node = SyntaxNode;

let parser: { parse(input: string): Tree } | null = null;

function getParser(): { parse(input: string): Tree } {
  if (!parser) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Parser = require('tree-sitter') as typeof import('tree-sitter');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Bash = require('tree-sitter-bash') as unknown;
    const p = new Parser();
    p.setLanguage(Bash as Parameters<typeof p.setLanguage>[0]);
    parser = p;
  }
  return parser;
}

export interface ParsedLine {
  root: Node;
  /** Human-readable syntax errors; empty when the line parsed cleanly. */
  errors: string[];
}

export function parseShell(source: string): ParsedLine {
  const first = parseOnce(source);
  if (!first.errors.length) return first;
  // Valid bash the grammar cannot place: retry with a same-length stand-in that means the same
  // to the checks, and keep it only when that parses cleanly.
  const repaired = repair(source);
  if (repaired === source) return first;
  const second = parseOnce(repaired);
  return second.errors.length ? first : second;
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
  // The binding's default buffer is 32 KiB; pass a larger one so long lines parse in one go.
  const tree = (getParser() as unknown as { parse(s: string, old: null, o: { bufferSize: number }): Tree }).parse(
    source,
    null,
    { bufferSize: Math.max(32 * 1024, source.length * 4 + 16) },
  );
  const errors: string[] = [];
  if (tree.rootNode.hasError) collectErrors(tree.rootNode, errors);
  return { root: tree.rootNode, errors };
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
