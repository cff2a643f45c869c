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
const own = ['ls -la && git status | head -5', 'npm test', 'a;b', 'a & b', 'x |& y', 'git push origin main --force', 'kubectl -n prod delete ns x', 'make build-all'];

const shape = (cmds: ReturnType<typeof extractCommands>['commands']) =>
  cmds.map((c) => ({ argv: c.argv.map((w) => w.value), program: c.program, stdin: c.stdin?.kind ?? null, text: c.text, env: c.env }));

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

  it('leaves quoting, expansions, redirects, keywords, assignments and dangling operators to the grammar', () => {
    for (const line of ["echo 'x'", 'echo $HOME', 'ls > out', 'if true; then ls; fi', 'X=1 ls', 'ls |', 'ls &&', 'echo *', 'cd ~', 'a && || b', 'echo `x`', 'ls # c', '']) {
      expect(trivialCommands(line), line).toBeNull();
    }
  });
});
