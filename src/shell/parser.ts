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
