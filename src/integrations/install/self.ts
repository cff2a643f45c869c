// Where this airlock lives, so hooks, shims and rc lines can name it by absolute path (a hook
// whose command does not start is silently skipped by most harnesses: fail open).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { shellQuote } from '../../util/shell-quote';

/** Absolute path of the bundle (dist/airlock.cjs). */
export function bundlePath(): string {
  if (process.env.AIRLOCK_BUNDLE) return path.resolve(process.env.AIRLOCK_BUNDLE);
  if (__filename.endsWith('.cjs')) return __filename;
  // Running from src/ (tests): the package root is two levels above src/integrations/install.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const p = path.join(dir, 'dist', 'airlock.cjs');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'rulesets'))) return p;
    dir = path.dirname(dir);
  }
  return path.resolve('dist', 'airlock.cjs');
}

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

/** POSIX single-quote a word for sh. */
export function shq(s: string): string {
  return shellQuote(s);
}

/** The shell command line that runs airlock with `args`: `'/abs/node' '/abs/bin/airlock' args...`. */
export function airlockCommand(args: string[]): string {
  return [nodePath(), launcherPath(), ...args].map(shq).join(' ');
}

export function homeDir(env: Record<string, string | undefined> = process.env): string {
  return env.HOME || os.homedir();
}

/** Expands a leading ~/ against HOME. */
export function expandHome(p: string, env: Record<string, string | undefined> = process.env): string {
  if (p === '~') return homeDir(env);
  if (p.startsWith('~/')) return path.join(homeDir(env), p.slice(2));
  return p;
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
