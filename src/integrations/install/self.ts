// Where this airlock lives, so hooks, shims and rc lines can name it by absolute path (a hook
// whose command does not start is silently skipped by most harnesses: fail open).
import * as fs from 'fs';
import * as path from 'path';
import { shellQuote } from '../../util/shell-quote';
import { bundlePath, expandHome, homeDir } from '../../util/install-paths';

export { bundlePath, expandHome, homeDir };

/**
 * What hooks and shims run: bin/airlock next to the bundle (it loads the bundle through a V8 code
 * cache, ~10 ms faster per start), or the bundle itself when there is no launcher.
 */
export function launcherPath(): string {
  const bundle = bundlePath();
  const bin = path.join(path.dirname(bundle), '..', 'bin', 'airlock');
  return fs.existsSync(bin) ? path.resolve(bin) : bundle;
}

/** Absolute path of the node binary running us. */
export function nodePath(): string {
  return process.execPath;
}

/** Quoting is src/util/shell-quote.ts; this name is kept for the install modules. */
export const shq = shellQuote;

/** The shell command line that runs airlock with `args`: `'/abs/node' '/abs/bin/airlock' args...`. */
export function airlockCommand(args: string[]): string {
  return [nodePath(), launcherPath(), ...args].map(shq).join(' ');
}

/** Splits a simple shell command line (as written by airlockCommand) into words. */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated quote');
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        cur += line[j];
      }
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}
