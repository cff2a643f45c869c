// Both runtimes of the bash grammar (native binding, WebAssembly build) must give the same trees.
import { afterEach, describe, expect, it } from 'vitest';
import { ensureShellParser, parseShell, ShellParserNotReady } from '../../src/shell/parser';

const lines = [
  "psql -h prod-db -c 'DROP TABLE users'",
  'for f in *.log; do rm -f "$f"; done',
  'cat <<EOF | psql "$DATABASE_URL"\nDELETE FROM t;\nEOF',
  'X=1 bash -c "echo $(whoami) ${HOME:-/}" 2>&1 | tee >(wc -l) && { ls; } || (cd /tmp; ls)',
  'echo "é ünïcode ✓" > /tmp/x && rm -rf ~/"a b"',
  'case $x in a) echo a;; *) echo b;; esac',
  'if [ -f x ]; then echo unterminated',
];

const tree = (line: string) => {
  const p = parseShell(line);
  const out = { sexp: (p.root as unknown as { toString(): string }).toString(), text: p.root.text, errors: p.errors, end: p.root.endIndex };
  p.dispose();
  return out;
};

const saved = process.env.AIRLOCK_PARSER;
afterEach(() => {
  if (saved === undefined) delete process.env.AIRLOCK_PARSER;
  else process.env.AIRLOCK_PARSER = saved;
});

describe('shell parser runtimes', () => {
  it('AIRLOCK_PARSER=wasm selects the WebAssembly build', async () => {
    process.env.AIRLOCK_PARSER = 'wasm';
    expect(await ensureShellParser()).toBe('wasm');
  });

  it('gives the same tree, text, offsets and errors on both runtimes', async () => {
    delete process.env.AIRLOCK_PARSER;
    await ensureShellParser();
    const fast = lines.map(tree);
    process.env.AIRLOCK_PARSER = 'wasm';
    await ensureShellParser();
    const wasm = lines.map(tree);
    expect(wasm).toEqual(fast);
    expect(wasm.at(-1)?.errors.length).toBeGreaterThan(0);
  });

  it('ShellParserNotReady is a typed error the engine can wait on', () => {
    const e = new ShellParserNotReady();
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ShellParserNotReady');
  });
});
