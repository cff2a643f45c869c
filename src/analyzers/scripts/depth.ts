// How deep scripts calling scripts go (the nested analysis itself is ../inner-facts.ts).
import type { Command } from '../../types';

/** Scripts calling scripts: deeper than this is not followed. */
export const MAX_SCRIPT_DEPTH = 4;

export function scriptDepth(cmd: Command): number {
  return cmd.via.filter((v) => /^(npm|pnpm|yarn|bun|make|gmake|just|task|rake|invoke|inv|nox|tox) /.test(v)).length;
}
