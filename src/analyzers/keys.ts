// The names a program is looked up by in the families' program lists, in order. Shared with the
// fast path (src/fast), which must wake exactly when a family would.

export function familyKeys(program: string): string[] {
  // Every mkfs.<type> is a formatter, whatever filesystems the lists know of (mkfs.gfs2, mkfs.ocfs2...).
  return [program, program.toLowerCase().replace(/\.exe$/, ''), ...(/^mkfs\.[a-z0-9]+$/i.test(program) ? ['mkfs'] : [])];
}
