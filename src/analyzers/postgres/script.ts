// psql script text (files, stdin, \i) -> SQL chunks and backslash meta-commands, in order.
// A small lexer, because a backslash inside a string or comment is not a meta-command and
// `:name` variables (-v / \set) are interpolated only outside quotes, as psql does.
export type Piece = { sql: string } | { meta: string; args: string };

export function scanScript(text: string, vars: Map<string, string>): Piece[] {
  const out: Piece[] = [];
  let buf = '';
  let i = 0;
  const n = text.length;
  const flush = (): void => {
    if (buf.trim()) out.push({ sql: buf });
    buf = '';
  };
  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth) {
        if (text.startsWith('/*', j)) (depth++, (j += 2));
        else if (text.startsWith('*/', j)) (depth--, (j += 2));
        else j++;
      }
      buf += ' ';
      i = j;
      continue;
    }
    if (c === "'" || c === '"') {
      const escapes = c === "'" && /[eE]$/.test(buf) && !/\w[eE]$/.test(buf);
      let j = i + 1;
      while (j < n) {
        if (escapes && text[j] === '\\') j += 2;
        else if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      buf += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m && !/[A-Za-z0-9_]$/.test(buf)) {
        const end = text.indexOf(m[0], i + m[0].length);
        const j = end < 0 ? n : end + m[0].length;
        buf += text.slice(i, j);
        i = j;
        continue;
      }
    }
    if (c === '\\') {
      const eol = text.indexOf('\n', i);
      const line = text.slice(i + 1, eol < 0 ? n : eol);
      const m = /^([A-Za-z!?]+|\\)\s*([\s\S]*)$/.exec(line);
      flush();
      if (m) out.push({ meta: m[1]!, args: m[2]!.trim() });
      i = eol < 0 ? n : eol;
      continue;
    }
    if (c === ':' && next !== ':' && text[i - 1] !== ':') {
      const m = /^:(?:'([A-Za-z0-9_]+)'|"([A-Za-z0-9_]+)"|([A-Za-z0-9_]+))/.exec(text.slice(i, i + 80));
      const name = m?.[1] ?? m?.[2] ?? m?.[3];
      if (m && name !== undefined && vars.has(name)) {
        const v = vars.get(name)!;
        buf += m[1] ? `'${v.replace(/'/g, "''")}'` : m[2] ? `"${v.replace(/"/g, '""')}"` : v;
        i += m[0].length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

/** Split meta-command arguments the way psql does: whitespace, with '...' and "..." quoting. */
export function metaArgs(s: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^']|'')*)'|"((?:[^"]|"")*)"|(\S+)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2] !== undefined ? m[2] : m[3]!);
  return out;
}
