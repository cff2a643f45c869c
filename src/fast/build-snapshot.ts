// Build time (scripts/build.mjs): writes the fast paths' tables. dist/fast-policy.json from the
// compiled built-in rulesets and the analyzer families' program lists; dist/shim-table.json, the
// shims' harmless argument shapes, validated against the full check (shims/fast-table.ts). Not
// part of any run-time bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinPolicy } from '../policy';
import { builtinRulesetFiles } from '../policy/load';
import { familiesByProgram } from '../analyzers';
import { check } from '../engine';
import { shimPrograms } from '../integrations/shims/shims';
import { buildShimTable, shimCandidates } from '../integrations/shims/fast-table';
import { makeSnapshot } from './snapshot';

export function writeSnapshot(root: string): string {
  const policy = builtinPolicy(root);
  const snap = makeSnapshot(root, policy, familiesByProgram(), builtinRulesetFiles());
  const file = path.join(root, 'dist', 'fast-policy.json');
  fs.writeFileSync(file, JSON.stringify(snap));
  return file;
}

/** Every simple command of `lines` (rule examples, everyday lines) as the full check reads it. */
export async function argvsOf(lines: string[], cwd: string): Promise<{ program: string; args: string[] }[]> {
  const out: { program: string; args: string[] }[] = [];
  for (const l of lines) {
    const r = await check(l, { cwd, noFileReads: true });
    for (const c of r.commands) {
      if (!c.program || c.argv.some((w) => w.value === null)) continue;
      out.push({ program: c.program, args: c.argv.slice(1).map((w) => w.value!) });
    }
  }
  return out;
}

/** `cwd`: an empty scratch directory (no layers), as the checks must not depend on the build tree. */
export async function writeShimTable(root: string, lines: string[], cwd: string): Promise<string> {
  const table = await buildShimTable(shimCandidates(shimPrograms()), (line) => check(line, { cwd }), await argvsOf(lines, cwd));
  const file = path.join(root, 'dist', 'shim-table.json');
  fs.writeFileSync(file, JSON.stringify(table));
  return file;
}
