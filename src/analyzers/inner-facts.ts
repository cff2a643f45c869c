// Running the analyzers on the commands a script, recipe or program runs, re-labelled with the
// outer command line so the rules of every family fire on `npm run db:reset` as they would on the
// script itself. Beside the Analyzer contract: every family that runs nested lines shares it.
import type { Command, Fact } from '../types';
import type { AnalyzeContext } from './types';

export async function innerFacts(outer: Command, text: string, via: string, ctx: AnalyzeContext, label: Record<string, unknown>, remote?: string): Promise<Fact[]> {
  const commands = await ctx.parseNested(text, via);
  const facts: Fact[] = [];
  for (const parsed of commands) {
    // Keep the outer wrappers so scriptDepth() sees scripts calling scripts.
    const c: Command = { ...parsed, via: [...outer.via, ...parsed.via] };
    const where = remote ?? outer.remote;
    if (where) c.remote = where;
    const got = await ctx.analyzeNested([c]);
    for (const f of got) facts.push({ ...f, ...label, command: outer.text, innerCommand: f.command });
  }
  return facts;
}
