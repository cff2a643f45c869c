// Shared bits of the generated shell code.
import * as fs from 'fs';
import { singleQuote } from '../../util/shell-quote';

/** Single-quotes a string for bash/zsh. */
export function shq(s: string): string {
  return singleQuote(s);
}

/** How the hooks start airlock again: node + this script, absolute paths (no PATH lookup per line). */
export function airlockCommand(): string[] {
  const script = process.argv[1] ? safeRealpath(process.argv[1]) : '';
  return [process.execPath, script];
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
