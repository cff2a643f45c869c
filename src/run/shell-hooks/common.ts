// Shared bits of the generated shell code.
import * as fs from 'fs';
import { singleQuote } from '../../util/shell-quote';

/** Generated hook code always single-quotes (src/util/shell-quote.ts). */
export const shq = singleQuote;

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
