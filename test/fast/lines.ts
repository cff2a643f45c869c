// The repository's own command lines: every ruleset example and the everyday lines fixture.
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';

const root = path.join(__dirname, '..', '..');

export function repoLines(): string[] {
  const out: string[] = [];
  for (const f of fs.readdirSync(path.join(root, 'rulesets')).filter((f) => f.endsWith('.yaml')).sort()) {
    const data = YAML.parse(fs.readFileSync(path.join(root, 'rulesets', f), 'utf8')) as { rules?: { examples?: { match?: unknown[]; no_match?: unknown[] } }[] } | null;
    for (const r of data?.rules ?? []) for (const l of [...(r.examples?.match ?? []), ...(r.examples?.no_match ?? [])]) if (typeof l === 'string') out.push(l);
  }
  for (const l of fs.readFileSync(path.join(root, 'test', 'fixtures', 'shell', 'everyday-lines.txt'), 'utf8').split('\n')) if (l && !l.startsWith('# ')) out.push(l);
  return out;
}
