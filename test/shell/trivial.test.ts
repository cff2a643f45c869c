// The no-grammar path for plain lines must read every line it accepts exactly as tree-sitter-bash does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trivialCommands } from '../../src/shell/trivial';
import { extractCommands, Scope } from '../../src/shell/walk';

// Lines that live in the repository: the command lines of every ruleset example, and everyday lines
// and operator corners written for this test.
const YAML = require('yaml') as typeof import('yaml');
const rulesetDir = path.join(__dirname, '..', '..', 'rulesets');
const examples = fs
  .readdirSync(rulesetDir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => ((YAML.parse(fs.readFileSync(path.join(rulesetDir, f), 'utf8')) ?? {}).rules ?? []) as { examples?: { match?: unknown[]; no_match?: unknown[] } }[])
  .flatMap((r) => [...(r.examples?.match ?? []), ...(r.examples?.no_match ?? [])])
  .filter((l): l is string => typeof l === 'string');
const everyday = fs
  .readFileSync(path.join(__dirname, '..', 'fixtures', 'shell', 'everyday-lines.txt'), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('# '));
const corpus = [...examples, ...everyday];
const own = [
  'ls -la && git status | head -5', 'npm test', 'a;b', 'a & b', 'x |& y', 'git push origin main --force', 'kubectl -n prod delete ns x', 'make build-all',
  'git commit -m "fix: x"', 'grep -rn "foo" src', "echo 'hi'", "echo 'a;b|c&d' \"*\" '~' \"#x\"", 'echo "a b"c\'d\'', "printf '%s' ''", 'echo ""',
  'ls >/dev/null 2>&1', 'ls 2>/dev/null | wc -l', 'ls &>/dev/null && echo ok', 'ls > /dev/null', 'ls 2> /dev/null', 'ls 1>/dev/null', 'ls >>/dev/null',
  'ls &>>/dev/null', 'ls >&2', 'ls 1>&2', 'ls 2 >/dev/null', 'make -s 2>&1 | tail -3', "rg -n 'fn main' --type rust",
];

const shape = (cmds: ReturnType<typeof extractCommands>['commands']) =>
  cmds.map((c) => ({ argv: c.argv.map((w) => ({ raw: w.raw, value: w.value, glob: w.glob ?? false })), program: c.program, stdin: c.stdin?.kind ?? null, text: c.text, env: c.env, redirects: c.redirects }));

describe('trivialCommands', () => {
  it('agrees with tree-sitter-bash on every line it accepts', () => {
    let accepted = 0;
    for (const line of [...own, ...corpus]) {
      const fast = trivialCommands(line);
      if (!fast) continue;
      accepted++;
      const real = extractCommands(line, new Scope({}));
      expect(real.errors, line).toEqual([]);
      expect(shape(fast.commands), line).toEqual(shape(real.commands));
    }
    // It must actually take the common case, or it is dead weight.
    expect(accepted).toBeGreaterThan(corpus.length / 4);
  });

  it('leaves expansions, other redirects, keywords, assignments, quoted programs and dangling operators to the grammar', () => {
    for (const line of ['echo "$HOME"', 'echo "`x`"', 'echo "a\\b"', 'echo "hi!"', "'ls' -la", 'X="a b" ls', 'ls >/dev/null -la', '>/dev/null ls', 'ls >/dev/nullx', 'ls > out', 'ls 2>&1x', 'ls < /dev/null', "echo 'é'", 'echo $HOME', 'if true; then ls; fi', 'X=1 ls', 'ls |', 'ls &&', 'echo *', 'cd ~', 'a && || b', 'echo `x`', 'ls # c', '']) {
      expect(trivialCommands(line), line).toBeNull();
    }
  });
});
