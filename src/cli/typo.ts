// `airlock expalin`: not a file, so not a script for the shell path; suggest the nearest subcommand.
import * as fs from 'node:fs';

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest subcommand, when it is close enough to be what was meant. */
export function nearestCommand(word: string, commands: string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of commands) {
    const dist = c.startsWith(w) && w.length >= 2 ? 0.5 : editDistance(w, c);
    if (dist < bestD) [best, bestD] = [c, dist];
  }
  return best !== null && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}

/** The exit status for `airlock WORD` when WORD is neither a file nor a subcommand; null: run it as a script. */
export function unknownCommand(word: string, commands: string[], exists: (p: string) => boolean = fs.existsSync): number | null {
  if (word.includes('/') || exists(word)) return null;
  const near = nearestCommand(word, commands);
  if (near === null) return null;
  process.stderr.write(`airlock: '${word}' is not an airlock command or a file. Did you mean:\n  airlock ${near}\n(airlock --help lists the commands; airlock FILE runs FILE as a bash script)\n`);
  return 2;
}
