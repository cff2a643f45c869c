// Build time (scripts/build.mjs): writes dist/fast-policy.json from the compiled built-in rulesets
// and the analyzer families' program lists. Not part of any run-time bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinPolicy } from '../policy';
import { builtinRulesetFiles } from '../policy/load';
import { watchedPrograms } from '../analyzers';
import { makeSnapshot } from './snapshot';

export function writeSnapshot(root: string): string {
  const policy = builtinPolicy(root);
  const snap = makeSnapshot(root, policy, watchedPrograms(), builtinRulesetFiles());
  // Sources as package paths: the shipped file must not carry the build machine's paths.
  snap.policy.rules = snap.policy.rules.map((r) => ({ ...r, source: path.relative(root, r.source) }));
  const file = path.join(root, 'dist', 'fast-policy.json');
  fs.writeFileSync(file, JSON.stringify(snap));
  return file;
}
