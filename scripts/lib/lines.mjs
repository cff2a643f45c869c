// Command lines that live in the repository, for the scripts: every ruleset example and the
// everyday lines of test/fixtures/shell/everyday-lines.txt.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const YAML = createRequire(import.meta.url)('yaml');

export function repoLines() {
  const out = [];
  for (const f of readdirSync(join(root, 'rulesets')).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const r of YAML.parse(readFileSync(join(root, 'rulesets', f), 'utf8'))?.rules ?? []) {
      for (const l of [...(r.examples?.match ?? []), ...(r.examples?.no_match ?? [])]) if (typeof l === 'string') out.push(l);
    }
  }
  const everyday = readFileSync(join(root, 'test', 'fixtures', 'shell', 'everyday-lines.txt'), 'utf8');
  for (const l of everyday.split('\n')) if (l && !l.startsWith('# ')) out.push(l);
  return out;
}
