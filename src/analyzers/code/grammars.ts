// Tree-sitter grammars for program files, run in WASM by web-tree-sitter. Nothing here loads until
// a line runs a program file: the runtime (~70 ms) and each grammar (~5-60 ms) load on first use and
// are shared by every later check in the process.
import type * as TS from 'web-tree-sitter';

export type Grammar = 'python' | 'javascript' | 'typescript' | 'tsx' | 'ruby' | 'go' | 'php';

/* eslint-disable @typescript-eslint/no-require-imports */
let runtime: Promise<typeof TS> | null = null;
const parsers = new Map<Grammar, Promise<TS.Parser>>();

function loadRuntime(): Promise<typeof TS> {
  if (!runtime) {
    const mod = require('web-tree-sitter') as typeof TS;
    runtime = mod.Parser.init().then(() => mod);
    runtime.catch(() => (runtime = null));
  }
  return runtime;
}

/** A parser for one grammar (the grammar's .wasm from @vscode/tree-sitter-wasm). */
export function parserFor(g: Grammar): Promise<TS.Parser> {
  let p = parsers.get(g);
  if (!p) {
    p = loadRuntime().then(async (mod) => {
      const lang = await mod.Language.load(require.resolve(`@vscode/tree-sitter-wasm/wasm/tree-sitter-${g}.wasm`));
      const parser = new mod.Parser();
      parser.setLanguage(lang);
      return parser;
    });
    p.catch(() => parsers.delete(g));
    parsers.set(g, p);
  }
  return p;
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Grammars loaded so far (the bench checks that a plain line loads none). */
export function loadedGrammars(): Grammar[] {
  return [...parsers.keys()];
}
