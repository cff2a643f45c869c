// The WebAssembly tree-sitter runtime (web-tree-sitter), shared by every grammar that needs it:
// nothing to compile at install time, so it works wherever Node runs. Loading is asynchronous
// (compiling the runtime and a grammar's .wasm); parsing afterwards is synchronous.
//
//   await loadWasmLanguage(file)      once per process, before the synchronous path needs it
//   wasmParser(file)?.parse(text)     synchronous; null until loadWasmLanguage(file) has resolved
//
// Trees live in WebAssembly memory, not the JS heap: call tree.delete() when done with one.
import * as path from 'node:path';
import type { Language, Parser, Tree } from 'web-tree-sitter';

type Runtime = typeof import('web-tree-sitter');

let runtime: Promise<Runtime> | null = null;
const languages = new Map<string, Promise<Language>>();
const parsers = new Map<string, Parser>();

/** Raised when a grammar's .wasm cannot be found or loaded. */
export class WasmGrammarError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`cannot load the WebAssembly grammar ${file}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'WasmGrammarError';
  }
}

function initRuntime(): Promise<Runtime> {
  if (!runtime) {
    runtime = (async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require('web-tree-sitter') as Runtime;
      await mod.Parser.init();
      return mod;
    })();
    runtime.catch(() => (runtime = null));
  }
  return runtime;
}

/** The path of a grammar's .wasm shipped inside an npm package (`tree-sitter-bash`, `tree-sitter-bash.wasm`). */
export function packageWasm(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** Loads a grammar (and, the first time, the runtime). Concurrent and repeated calls share one load. */
export function loadWasmLanguage(file: string): Promise<Language> {
  let lang = languages.get(file);
  if (!lang) {
    lang = (async () => {
      const mod = await initRuntime();
      try {
        const language = await mod.Language.load(file);
        const parser = new mod.Parser();
        parser.setLanguage(language);
        parsers.set(file, parser);
        return language;
      } catch (e) {
        throw new WasmGrammarError(file, e);
      }
    })();
    languages.set(file, lang);
    lang.catch(() => languages.delete(file));
  }
  return lang;
}

/** The parser of a loaded grammar, or null while loadWasmLanguage(file) has not resolved. */
export function wasmParser(file: string): { parse(source: string): Tree } | null {
  const parser = parsers.get(file);
  if (!parser) return null;
  return {
    parse(source: string): Tree {
      const tree = parser.parse(source);
      // null only when parsing was cancelled, which airlock never asks for.
      if (!tree) throw new Error('the WebAssembly parser returned no tree');
      return tree;
    },
  };
}
