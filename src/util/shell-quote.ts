// Quoting a word so that bash (and zsh, and sh) reads back exactly that word: the one helper every
// module that writes a command line or a script uses.

const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** The word bare when it holds only characters no shell treats specially, else single-quoted. */
export function shellQuote(s: string): string {
  return BARE.test(s) ? s : singleQuote(s);
}

/** Always single-quoted (`it's` -> `'it'\''s'`): for generated scripts, where a bare word could
 * still be a keyword, an alias or an assignment. */
export function singleQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Words joined into a line that runs exactly this argv. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
