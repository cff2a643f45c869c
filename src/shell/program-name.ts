// The program a command runs, from its first word (shared by the walker, the plain-line splitter
// and normalize; kept apart so the fast path does not load the walker).
import type { Word } from '../types';

/** Basename of argv[0]; null when the program name is not a literal. */
export function programName(w: Word): string | null {
  if (w.value === null) return null;
  const v = w.value;
  const slash = Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\'));
  const base = slash >= 0 ? v.slice(slash + 1) : v;
  // Case-insensitive filesystems (macOS, Windows) run RM as rm and git.exe as git.
  return base.toLowerCase().replace(/\.exe$/, '');
}
