// Running the analyzers on the commands a script or recipe runs, re-labelled with the outer command line
// so the rules of every family fire on `npm run db:reset` as they would on the script itself.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { analyzersFor } from '../index';
import { commandFacts } from '../../facts';
import { selfFacts } from '../self';

/** Scripts calling scripts: deeper than this is not followed. */
export const MAX_SCRIPT_DEPTH = 4;

export function scriptDepth(cmd: Command): number {
  return cmd.via.filter((v) => /^(npm|pnpm|yarn|bun|make|gmake) /.test(v)).length;
}

export async function innerFacts(outer: Command, text: string, via: string, ctx: AnalyzeContext, label: Record<string, unknown>, remote?: string): Promise<Fact[]> {
  const commands = await ctx.parseNested(text, via);
  const facts: Fact[] = [];
  for (const parsed of commands) {
    // Keep the outer wrappers so scriptDepth() sees scripts calling scripts.
    const c: Command = { ...parsed, via: [...outer.via, ...parsed.via] };
    const where = remote ?? outer.remote;
    if (where) c.remote = where;
    const got: Fact[] = [...commandFacts(c)];
    if (c.program) for (const a of analyzersFor(c.program)) got.push(...(await a.analyze(c, ctx)));
    got.push(...(await selfFacts(c, ctx)));
    for (const f of got) facts.push({ ...f, ...label, command: outer.text, innerCommand: f.command });
  }
  return facts;
}
