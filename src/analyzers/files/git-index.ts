// The git index read directly (format versions 2-4), so the common case of a delete, a directory
// whose files are all committed and untouched, needs no `git` process: a file whose size and
// mtime match its index entry (and is not racily newer than the index) is what git itself would
// call unmodified. Anything this reader does not model (split or sparse index, sha256 repositories,
// assume-unchanged or skip-worktree entries) answers null, and the caller asks git instead.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface IndexEntry {
  size: number;
  mtimeS: number;
  mtimeNs: number;
}

export interface GitIndex {
  entries: Map<string, IndexEntry>;
  /** Directories holding at least one tracked file ('' = the top). */
  dirs: Set<string>;
  /** The index file's own mtime in ms: a file changed in the same instant may be racily clean. */
  mtimeMs: number;
}

const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** The repository directory of a work tree (`.git`, or where a `.git` file points). */
export function gitDirOf(top: string): string | null {
  const dotgit = path.join(top, '.git');
  try {
    const st = fs.statSync(dotgit);
    if (st.isDirectory()) return dotgit;
    const m = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotgit, 'utf8'));
    return m ? path.resolve(top, m[1]!.trim()) : null;
  } catch {
    return null;
  }
}

export function readIndex(top: string): GitIndex | null {
  const gitDir = gitDirOf(top);
  if (!gitDir) return null;
  let buf: Buffer;
  let mtimeMs: number;
  try {
    const config = fs.readFileSync(path.join(gitDir, 'config'), 'utf8');
    if (/objectformat\s*=\s*sha256/i.test(config)) return null;
    const st = fs.statSync(path.join(gitDir, 'index'));
    if (st.size > MAX_INDEX_BYTES) return null;
    mtimeMs = st.mtimeMs;
    buf = fs.readFileSync(path.join(gitDir, 'index'));
  } catch {
    return null;
  }
  try {
    return parse(buf, mtimeMs);
  } catch {
    return null;
  }
}

function parse(buf: Buffer, mtimeMs: number): GitIndex | null {
  if (buf.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = buf.readUInt32BE(8);
  const entries = new Map<string, IndexEntry>();
  const dirs = new Set<string>(['']);
  let off = 12;
  let prev: Buffer = Buffer.alloc(0);
  for (let n = 0; n < count; n++) {
    const start = off;
    const mtimeS = buf.readUInt32BE(off + 8);
    const mtimeNs = buf.readUInt32BE(off + 12);
    const mode = buf.readUInt32BE(off + 24);
    const size = buf.readUInt32BE(off + 36);
    const flags = buf.readUInt16BE(off + 60);
    off += 62;
    // assume-valid: git stops looking at the file, so its stat says nothing.
    if (flags & 0x8000) return null;
    if (flags & 0x4000) {
      if (version < 3) return null;
      const ext = buf.readUInt16BE(off);
      off += 2;
      // skip-worktree / intent-to-add: the work tree and the index disagree on purpose.
      if (ext & 0x6000) return null;
    }
    let name: Buffer;
    if (version === 4) {
      let c = buf[off++]!;
      let strip = c & 127;
      while (c & 128) {
        c = buf[off++]!;
        strip = ((strip + 1) << 7) + (c & 127);
      }
      const end = buf.indexOf(0, off);
      name = Buffer.concat([prev.subarray(0, prev.length - strip), buf.subarray(off, end)]);
      off = end + 1;
      prev = name;
    } else {
      const end = buf.indexOf(0, off);
      name = buf.subarray(off, end);
      off = start + ((off - start + name.length + 8) & ~7);
    }
    // Sparse-index directory entries and submodules (gitlinks): not plain files we can stat.
    if ((mode & 0o170000) === 0o040000 || (mode & 0o170000) === 0o160000) return null;
    // Unmerged entries (stages 1-3): a conflict in progress is work in progress.
    if (flags & 0x3000) return null;
    const p = name.toString('utf8');
    entries.set(p, { size, mtimeS, mtimeNs });
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
      const d = p.slice(0, i);
      if (dirs.has(d)) break;
      dirs.add(d);
    }
  }
  // A split index keeps most entries in another file.
  for (; off + 8 <= buf.length - 20; ) {
    const sig = buf.toString('latin1', off, off + 4);
    if (sig === 'link' || sig === 'sdir') return null;
    off += 8 + buf.readUInt32BE(off + 4);
  }
  return { entries, dirs, mtimeMs };
}

/** True when the file is what the index records (git's own stat check; racily clean entries excluded). */
export function unchanged(e: IndexEntry, st: fs.BigIntStats, index: GitIndex): boolean {
  if (Number(st.size % 4294967296n) !== e.size) return false;
  const sec = Number((st.mtimeNs / 1_000_000_000n) % 4294967296n);
  const ns = Number(st.mtimeNs % 1_000_000_000n);
  if (sec !== e.mtimeS || (e.mtimeNs !== 0 && ns !== e.mtimeNs)) return false;
  // Changed in the same instant the index was written: git re-reads such a file; we ask git.
  return Number(st.mtimeNs / 1_000_000n) < index.mtimeMs;
}
