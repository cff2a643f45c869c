// `cd` earlier in the same line moves where relative paths land (`cd / && rm -rf usr`).
// The walker flattens subshells and conditionals, so every directory the line may be in is
// kept, and paths are judged against the worst of them. null = a directory we cannot know.
import * as path from 'node:path';
import type { Command } from '../../types';
import type { AnalyzeContext } from '../types';

const seen = new WeakMap<AnalyzeContext, (string | null)[]>();
/** Directories reached with `cd ..`: what lies there belongs to someone else, even in /tmp. */
const climbed = new WeakMap<AnalyzeContext, Set<string>>();

export function climbedTo(ctx: AnalyzeContext, dir: string): boolean {
  return climbed.get(ctx)?.has(dir) ?? false;
}

export function cwdsOf(ctx: AnalyzeContext): (string | null)[] {
  return seen.get(ctx) ?? [ctx.cwd];
}

/**
 * Before judging a command: where the shell walker says it runs (`cmd.dirs`, after the line's
 * `cd`s, narrowed by `cd X && …`). A command of a nested line (bash -c, eval, ssh…) starts
 * wherever the outer line was, which only the cds seen so far say: its own dirs are taken
 * relative to each of those. A command without dirs keeps what the cds seen so far say.
 */
export function applyDirs(cmd: Command, ctx: AnalyzeContext): void {
  const home = ctx.env.HOME && ctx.env.HOME.startsWith('/') ? ctx.env.HOME : null;
  const nested = cmd.via.some((v) => !/^(xargs|parallel|find -exec|sudo|doas|env|nohup|nice|time|timeout|command|exec|builtin|stdbuf|ionice|chronic|watch)$/.test(v));
  if (!cmd.dirs) return;
  const bases = nested ? cwdsOf(ctx) : [ctx.cwd];
  const out: (string | null)[] = [];
  for (const base of bases) {
    for (const d of cmd.dirs) {
      let r: string | null;
      if (d === null) r = null;
      else if (d === '') r = base;
      else if (d === '~' || d.startsWith('~/')) r = home ? path.posix.normalize(home + d.slice(1)) : null;
      else if (d.startsWith('~')) r = null;
      else if (d.startsWith('/')) r = path.posix.normalize(d);
      else r = base === null ? null : path.posix.join(base, d);
      if (!out.includes(r)) out.push(r);
    }
  }
  seen.set(ctx, out);
}

/** Record a cd / pushd / popd. Returns no facts: moving around destroys nothing. */
export function noteCd(cmd: Command, ctx: AnalyzeContext): void {
  const cur = cwdsOf(ctx);
  const args = cmd.argv.slice(1).filter((w) => !(w.value !== null && /^-[LPe@]+$/.test(w.value)));
  let next: (string | null)[];
  const a = args[0];
  if (cmd.program === 'popd' || (a && a.value === '-')) next = [null];
  else if (!a) next = [ctx.env.HOME ?? null];
  else if (a.value === null || a.glob) next = [null];
  else {
    const v = a.value === '~' || a.value.startsWith('~/') ? (ctx.env.HOME ? ctx.env.HOME + a.value.slice(1) : null) : a.value;
    next = v === null ? [null] : cur.map((c) => (v.startsWith('/') ? path.posix.normalize(v) : c === null ? null : path.posix.join(c, v)));
  }
  if (a?.value && !a.value.startsWith('/') && path.posix.normalize(a.value).startsWith('..')) {
    const set = climbed.get(ctx) ?? new Set<string>();
    for (const n of next) if (n) set.add(n);
    climbed.set(ctx, set);
  }
  const all = [...cur];
  for (const n of next) if (!all.includes(n)) all.push(n);
  seen.set(ctx, all);
}
