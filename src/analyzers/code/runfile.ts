// Which program file a command runs: `python3 x.py`, `node x.js`, `tsx x.ts`, `bun x.ts`,
// `deno run x.ts`, `ruby x.rb`, `perl x.pl`, `php x.php`, `go run main.go|.|./cmd/x`,
// `rails runner FILE|CODE`. Runners (uv/poetry/pipenv run) and shebang files reach here already
// unwrapped to the interpreter by src/normalize.
import type { Command } from '../../types';
import type { Lang } from './program';

export type Run =
  | { kind: 'file'; path: string; lang: Lang | 'perl'; grammar: string | null }
  | { kind: 'go'; paths: string[]; dir: string | null }
  | { kind: 'code'; code: string; lang: Lang }
  | { kind: 'unknown'; why: string };

const WITH_VALUE: Record<string, string[]> = {
  python: ['-W', '-X', '-Q'],
  node: ['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--inspect-port', '--title', '--env-file', '--stack-size'],
  ruby: ['-I', '-r', '-C', '-E', '-F', '-x'],
  perl: ['-I', '-M', '-m', '-x'],
  php: ['-c', '-d', '-z', '-t'],
  deno: ['-c', '--config', '--import-map', '--env-file', '--location', '--seed', '--v8-flags', '--cert', '--inspect', '--ext', '--lock'],
};

export function grammarFor(path: string, fallback: Lang | 'perl'): { lang: Lang | 'perl'; grammar: string | null } {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  if (ext === 'py' || ext === 'pyw') return { lang: 'python', grammar: 'python' };
  if (['js', 'mjs', 'cjs', 'jsx'].includes(ext)) return { lang: 'javascript', grammar: 'javascript' };
  if (['ts', 'mts', 'cts'].includes(ext)) return { lang: 'javascript', grammar: 'typescript' };
  if (ext === 'tsx') return { lang: 'javascript', grammar: 'tsx' };
  if (ext === 'rb' || ext === 'rake') return { lang: 'ruby', grammar: 'ruby' };
  if (ext === 'go') return { lang: 'go', grammar: 'go' };
  if (ext === 'php') return { lang: 'php', grammar: 'php' };
  if (ext === 'pl' || ext === 'pm') return { lang: 'perl', grammar: null };
  const g: Record<string, string | null> = { python: 'python', javascript: 'typescript', ruby: 'ruby', go: 'go', php: 'php', perl: null };
  return { lang: fallback, grammar: g[fallback] ?? null };
}

function family(program: string): Lang | 'perl' | null {
  const p = program.toLowerCase().replace(/\.exe$/, '');
  if (/^(python[0-9.]*|pypy[0-9.]*)$/.test(p)) return 'python';
  if (/^(node|nodejs|tsx|ts-node|ts-node-esm|ts-node-transpile-only|bun|deno|esno|esr|vite-node)$/.test(p)) return 'javascript';
  if (p === 'ruby' || p === 'rails' || p === 'jruby') return 'ruby';
  if (p === 'perl') return 'perl';
  if (p === 'php') return 'php';
  if (p === 'go') return 'go';
  return null;
}

/** The file (or Go package) a command runs, or null when it runs none (REPL, -m module, -c code). */
export function programRun(cmd: Command): Run | null {
  const program = cmd.program;
  if (!program) return null;
  const fam = family(program);
  if (!fam) return null;
  const p = program.toLowerCase();
  let args = cmd.argv.slice(1);
  if (p === 'go') {
    if (args[0]?.value !== 'run') return null;
    return goRun(args.slice(1));
  }
  if (p === 'rails') {
    if (!/^(runner|r)$/.test(args[0]?.value ?? '')) return null;
    args = args.slice(1).filter((w, i, a) => !(w.value === '-e' || w.value === '--environment' || (i > 0 && /^(-e|--environment)$/.test(a[i - 1]!.value ?? ''))));
    const first = args.find((w) => !(w.value ?? '').startsWith('-'));
    if (!first) return null;
    if (first.value === null) return { kind: 'unknown', why: 'the code given to rails runner is only known at run time' };
    if (/\.rb$/.test(first.value) || first.value.includes('/')) return { kind: 'file', path: first.value, lang: 'ruby', grammar: 'ruby' };
    return { kind: 'code', code: first.value, lang: 'ruby' };
  }
  if (p === 'deno') {
    if (args[0]?.value !== 'run') return null;
    args = args.slice(1);
  }
  if (p === 'bun') {
    if (args[0]?.value === 'run') args = args.slice(1);
    const f = args.find((w) => !(w.value ?? '').startsWith('-'));
    if (!f?.value || !/\.(m|c)?(j|t)sx?$/.test(f.value)) return null;
  }
  if (/^(tsx)$/.test(p) && /^(watch)$/.test(args[0]?.value ?? '')) args = args.slice(1);
  const withValue = WITH_VALUE[fam === 'javascript' ? (p === 'deno' ? 'deno' : 'node') : fam] ?? [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) return { kind: 'unknown', why: 'the program file is only known at run time' };
    if (v === '--') {
      const f = args[i + 1]?.value;
      return f ? { kind: 'file', path: f, ...grammarFor(f, fam) } : null;
    }
    if (fam === 'python' && (v === '-m' || /^-[A-Za-z]*[mc]$/.test(v))) return null;
    if (fam === 'php' && v === '-f') {
      const f = args[i + 1]?.value;
      return f ? { kind: 'file', path: f, ...grammarFor(f, 'php') } : null;
    }
    if (fam === 'php' && /^-[rSaih]$/.test(v)) return null;
    if (/^-(e|p|E|-eval|-print|r)$/.test(v) || (fam === 'javascript' && /^-[a-z]*[ep]$/.test(v))) return null;
    if (v === '-') return null;
    if (v.startsWith('-')) {
      if (withValue.includes(v)) i++;
      continue;
    }
    return { kind: 'file', path: v, ...grammarFor(v, fam) };
  }
  return null;
}

const GO_WITH_VALUE = ['-o', '-p', '-tags', '-ldflags', '-gcflags', '-asmflags', '-mod', '-modfile', '-C', '-exec', '-overlay', '-pkgdir', '-toolexec', '-pgo', '-covermode', '-coverpkg'];

function goRun(args: Command['argv']): Run | null {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) return files.length ? { kind: 'go', paths: files, dir: null } : { kind: 'unknown', why: 'the Go package is only known at run time' };
    if (v.startsWith('-') && !files.length) {
      if (GO_WITH_VALUE.includes(v)) i++;
      continue;
    }
    if (/\.go$/.test(v)) {
      files.push(v);
      continue;
    }
    if (files.length) break;
    // A package: local (., ./cmd/x) is read; a remote module (example.com/x@v1) is not ours to read.
    if (v === '.' || v.startsWith('./') || v.startsWith('../') || v.startsWith('/')) return { kind: 'go', paths: [], dir: v.replace(/\/\.\.\.$/, '') };
    return null;
  }
  return files.length ? { kind: 'go', paths: files, dir: null } : null;
}
