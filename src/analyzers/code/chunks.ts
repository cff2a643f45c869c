// Large program files are not parsed whole: a lexical pass (strings, comments and bracket depth
// tracked) cuts the file into top-level statements, and only those that name a risky API, import
// something, or bind a short constant are parsed. A 1 MB file then costs what its risky parts cost.
import type { Lang } from './program';

/** Files up to this size are parsed whole. */
export const WHOLE_FILE_BYTES = 64 * 1024;

/** Identifiers of every call kind the judge looks at (spawns, deletes, HTTP, SQL, ORMs). */
const HOT = /subprocess|os\.(system|popen|exec|spawn|remove|unlink|rmdir|removedirs|RemoveAll|Remove)|\b(rmtree|rmSync|rm|unlink|unlinkSync|rmdir|rmdirSync|remove|removeSync|emptyDir|emptyDirSync|rimraf|del|deleteSync|deleteAsync|requests|httpx|urllib|urlopen|aiohttp|fetch|axios|got|ky|superagent|request|rawRequest|GraphQLClient|execute|executemany|executescript|fetchrow|fetchval|query|exec|execSync|execFile|execFileSync|spawn|spawnSync|execa|execaSync|execaCommand|system|popen|Popen|Command|CommandContext|raw|unsafe|\$executeRaw|\$queryRaw|\$executeRawUnsafe|\$queryRawUnsafe|sql|text|run|prepare|Exec|ExecContext|Query|QueryContext|delete_all|destroy_all|drop_table|dropTable|dropTableIfExists|deleteMany|delete|truncate|FileUtils|Net|HTTParty|Faraday|RestClient|NewRequest|Post|connect|create_engine|Client|Pool|createPool|createConnection|Open|knex|postgres|PrismaClient)\b|\$`|`/;

/** Lines that start a chunk we always keep: imports and short constant bindings. */
const KEEP = /^(import\b|from\s+\S+\s+import\b|require\b|const\s|let\s|var\s|export\s+const\s|[A-Za-z_][\w.]*\s*=[^=]|package\b)/;

export interface Chunked {
  source: string;
  /** Original 1-based line of a line in `source`. */
  line(n: number): number;
}

export function selectChunks(text: string, lang: Lang): Chunked {
  if (text.length <= WHOLE_FILE_BYTES || lang === 'ruby') return { source: text, line: (n) => n };
  const starts = boundaries(text, lang);
  const parts: string[] = [];
  const lineStarts: [number, number][] = []; // [line in source, line in file]
  let srcLine = 1;
  let fileLine = 1;
  let prev = 0;
  for (let i = 0; i < starts.length; i++) {
    const a = starts[i]!;
    const b = starts[i + 1] ?? text.length;
    fileLine += count(text, prev, a);
    prev = a;
    const chunk = text.slice(a, b);
    if (!((KEEP.test(chunk) && chunk.length < 2048) || HOT.test(chunk))) continue;
    lineStarts.push([srcLine, fileLine]);
    const body = chunk.endsWith('\n') ? chunk : chunk + '\n';
    parts.push(body);
    srcLine += count(body, 0, body.length);
  }
  return {
    source: parts.join(''),
    line: (n) => {
      let lo = 0;
      for (let i = 0; i < lineStarts.length && lineStarts[i]![0] <= n; i++) lo = i;
      const [s, f] = lineStarts[lo] ?? [1, 1];
      return f + (n - s);
    },
  };
}

function count(s: string, a: number, b: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', a); i >= 0 && i < b; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Offsets of lines that begin a top-level statement. */
function boundaries(text: string, lang: Lang): number[] {
  const out = [0];
  let depth = 0;
  let i = 0;
  const n = text.length;
  const py = lang === 'python';
  let joinNext = false;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      i++;
      if (depth === 0 && i < n && !joinNext) {
        const d = text[i]!;
        const rest = text.slice(i, i + 9);
        const cont = py ? /^[\s#)\]}]|^(else|elif|except|finally)\b/.test(rest) : /^[\s)\]}.?:,+&|]|^(else|catch|finally)\b/.test(rest);
        if (!cont && d !== undefined) out.push(i);
      }
      joinNext = py && text[i] === '@';
      continue;
    }
    if (py && c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (!py && c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (!py && c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const triple = py && text.startsWith(c.repeat(3), i);
      const q = triple ? c.repeat(3) : c;
      let j = i + q.length;
      while (j < n && !text.startsWith(q, j)) {
        if (text[j] === '\\') j++;
        else if (!triple && c !== '`' && text[j] === '\n') break; // unterminated: a quote in a comment or regex
        j++;
      }
      i = j + q.length;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    i++;
  }
  return out;
}
