// File edits for install/uninstall: planned first (so --dry-run can print a diff), applied with
// a one-time backup of the original file, atomically (temp file + rename).
import * as fs from 'fs';
import * as path from 'path';

export interface Change {
  file: string;
  before: string | null;
  /** null: delete the file. */
  after: string | null;
  /** File mode for new files. */
  mode?: number;
}

export function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Parses a JSON settings file (null when missing). Throws with the file name when it is not JSON. */
export function readJson(file: string): { text: string | null; data: Record<string, unknown> } {
  const text = readText(file);
  if (text === null || text.trim() === '') return { text, data: {} };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message}); fix it by hand, airlock will not rewrite it`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file} does not hold a JSON object; airlock will not rewrite it`);
  return { text, data: data as Record<string, unknown> };
}

export function jsonText(data: unknown): string {
  return JSON.stringify(data, null, 2) + '\n';
}

/** Existing backups of `file`. */
export function backupsOf(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file) + '.airlock-backup-';
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => n.startsWith(base))
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * Applies changes; returns the backups made. A file gets one backup, before airlock first
 * changes it (install); uninstall makes none (the pre-install backup is still there).
 */
export function applyChanges(changes: Change[], opts: { backup?: boolean } = {}): string[] {
  const backups: string[] = [];
  for (const c of changes) {
    if (c.before === c.after) continue;
    if (opts.backup !== false && c.before !== null && backupsOf(c.file).length === 0) {
      const b = `${c.file}.airlock-backup-${stamp()}`;
      fs.copyFileSync(c.file, b);
      backups.push(b);
    }
    if (c.after === null) {
      fs.rmSync(c.file, { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(c.file), { recursive: true });
    let mode = c.mode ?? 0o644;
    try {
      mode = fs.statSync(c.file).mode & 0o7777;
    } catch {
      // new file
    }
    const tmp = `${c.file}.airlock-tmp-${process.pid}`;
    fs.writeFileSync(tmp, c.after, { mode });
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, c.file);
  }
  return backups;
}

/** A unified diff of one change (whole-file hunks with 3 lines of context). */
export function diff(c: Change): string {
  const a = c.before === null ? [] : c.before.replace(/\n$/, '').split('\n');
  const b = c.after === null ? [] : c.after.replace(/\n$/, '').split('\n');
  const head = `--- ${c.before === null ? '/dev/null' : c.file}\n+++ ${c.after === null ? '/dev/null' : c.file}\n`;
  if (c.before === c.after) return '';
  const ops = lineDiff(a, b);
  // Group into hunks with 3 lines of context.
  const out: string[] = [];
  const ctx = 3;
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.op === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - ctx);
    let end = i;
    while (end < ops.length) {
      if (ops[end]!.op !== ' ') {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run]!.op === ' ') run++;
      if (end + run >= ops.length || run > ctx * 2) {
        end = Math.min(ops.length, end + ctx);
        break;
      }
      end += run;
    }
    const slice = ops.slice(start, end);
    const aStart = ops.slice(0, start).filter((o) => o.op !== '+').length + 1;
    const bStart = ops.slice(0, start).filter((o) => o.op !== '-').length + 1;
    const aLen = slice.filter((o) => o.op !== '+').length;
    const bLen = slice.filter((o) => o.op !== '-').length;
    out.push(`@@ -${aLen ? aStart : aStart - 1},${aLen} +${bLen ? bStart : bStart - 1},${bLen} @@`);
    for (const o of slice) out.push(o.op + o.line);
    i = end;
    start = end;
  }
  return head + out.join('\n') + '\n';
}

function lineDiff(a: string[], b: string[]): { op: ' ' | '-' | '+'; line: string }[] {
  const n = a.length;
  const m = b.length;
  if (n * m > 4_000_000) return [...a.map((line) => ({ op: '-' as const, line })), ...b.map((line) => ({ op: '+' as const, line }))];
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: { op: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', line: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: '-', line: a[i++]! });
    else out.push({ op: '+', line: b[j++]! });
  }
  while (i < n) out.push({ op: '-', line: a[i++]! });
  while (j < m) out.push({ op: '+', line: b[j++]! });
  return out;
}

// ---- marked blocks in shell rc files ----

export function blockStart(tag: string): string {
  return `# >>> airlock ${tag} >>>`;
}
export function blockEnd(tag: string): string {
  return `# <<< airlock ${tag} <<<`;
}

/** Text with the block `tag` set to `body` (appended when absent, replaced when different). */
export function withBlock(text: string | null, tag: string, body: string): string {
  const block = `${blockStart(tag)}\n${body}\n${blockEnd(tag)}\n`;
  const cur = text ?? '';
  const removed = withoutBlock(cur, tag);
  if (removed !== cur) {
    // Replace in place.
    const s = cur.indexOf(blockStart(tag));
    const e = cur.indexOf(blockEnd(tag), s);
    let endIdx = e + blockEnd(tag).length;
    if (cur[endIdx] === '\n') endIdx++;
    return cur.slice(0, s) + block + cur.slice(endIdx);
  }
  // The leading newline belongs to the block, so uninstall restores the file byte for byte.
  return cur + '\n' + block;
}

/** Text without the block `tag` (and without the blank line install put before it). */
export function withoutBlock(text: string, tag: string): string {
  const s = text.indexOf(blockStart(tag));
  if (s < 0) return text;
  const e = text.indexOf(blockEnd(tag), s);
  if (e < 0) return text;
  let endIdx = e + blockEnd(tag).length;
  if (text[endIdx] === '\n') endIdx++;
  let startIdx = s;
  if (startIdx >= 1 && text[startIdx - 1] === '\n') startIdx--;
  return text.slice(0, startIdx) + text.slice(endIdx);
}

export function blockBody(text: string | null, tag: string): string | null {
  if (!text) return null;
  const s = text.indexOf(blockStart(tag));
  if (s < 0) return null;
  const e = text.indexOf(blockEnd(tag), s);
  if (e < 0) return null;
  return text.slice(s + blockStart(tag).length + 1, e).replace(/\n$/, '');
}
