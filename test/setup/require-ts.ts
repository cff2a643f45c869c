// Analyzer families are loaded with require() (src/analyzers/index.ts) so a benign line never pays
// for them. Under vitest that require is Node's own, which cannot load .ts: compile on the fly.
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

type Loader = (m: { _compile(code: string, file: string): void }, file: string) => void;
const exts = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
if (!exts['.ts']) {
  exts['.ts'] = (m, file) => {
    const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: file, sourcemap: 'inline' });
    m._compile(code, file);
  };
}
