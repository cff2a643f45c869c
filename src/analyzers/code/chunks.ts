// Large program files are not parsed whole. One regex pass finds the risky names (a spawn, delete,
// HTTP, SQL or ORM API, followed by a call, a template or a member access); only the top-level
// statements around those hits are parsed, together with the file's imports and short top-level
// bindings (the constants a call's arguments may name). A file with no hit parses only its imports
// (local imports are still followed). A 1 MB file then costs what its risky parts cost.
// The cuts are lexical and may split a construct; tree-sitter recovers from the broken edges, and
// a call whose own text is inside a region is still read.
import type { Lang } from './program';

/** Files up to this size are parsed whole. */
export const WHOLE_FILE_BYTES = 64 * 1024;
/** A region reaches this far back for the start of its top-level statement, at most. */
const MAX_REGION_BACK = 256 * 1024;

/** Names of every call kind the judge looks at (spawns, deletes, HTTP, SQL, ORMs). */
const HOT_NAMES = [
  'subprocess',
  'os.system',
  'os.popen',
  'os.exec',
  'os.spawn',
  'os.remove',
  'os.unlink',
  'os.rmdir',
  'os.removedirs',
  'os.RemoveAll',
  'os.Remove',
  'rmtree',
  'rmSync',
  'rm',
  'unlink',
  'unlinkSync',
  'rmdir',
  'rmdirSync',
  'remove',
  'removeSync',
  'emptyDir',
  'emptyDirSync',
  'rimraf',
  'del',
  'deleteSync',
  'deleteAsync',
  'requests',
  'httpx',
  'urllib',
  'urlopen',
  'aiohttp',
  'fetch',
  'axios',
  'got',
  'ky',
  'superagent',
  'request',
  'rawRequest',
  'GraphQLClient',
  'execute',
  'executemany',
  'executescript',
  'fetchrow',
  'fetchval',
  'query',
  'exec',
  'execSync',
  'execFile',
  'execFileSync',
  'spawn',
  'spawnSync',
  'execa',
  'execaSync',
  'execaCommand',
  'system',
  'popen',
  'Popen',
  'Command',
  'CommandContext',
  'raw',
  'unsafe',
  'executeRaw',
  'queryRaw',
  'executeRawUnsafe',
  'queryRawUnsafe',
  'sql',
  'text',
  'run',
  'prepare',
  'Exec',
  'ExecContext',
  'Query',
  'QueryContext',
  'delete_all',
  'destroy_all',
  'drop_table',
  'dropTable',
  'dropTableIfExists',
  'deleteMany',
  'delete',
  'truncate',
  'FileUtils',
  'Net',
  'HTTParty',
  'Faraday',
  'RestClient',
  'NewRequest',
  'Post',
  'connect',
  'create_engine',
  'Client',
  'Pool',
  'createPool',
  'createConnection',
  'Open',
  'knex',
  'postgres',
  'PrismaClient',
];

/** A word alternation as a trie (`r(?:m(?:tree|Sync)?|aw)`): each word start costs a character or two, not one try per name. */
function trie(words: readonly string[]): string {
  const root = new Map<string, Map<string, unknown>>();
  for (const w of words) {
    let node = root as Map<string, unknown>;
    for (const ch of w) {
      if (!node.has(ch)) node.set(ch, new Map());
      node = node.get(ch) as Map<string, unknown>;
    }
    node.set('', new Map());
  }
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const walk = (node: Map<string, unknown>): string => {
    const ends = node.has('');
    const alts = [...node.keys()].filter((k) => k !== '').map((k) => esc(k) + walk(node.get(k) as Map<string, unknown>));
    if (!alts.length) return '';
    const body = alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
    return ends ? `(?:${body})?` : body;
  };
  return walk(root as Map<string, unknown>);
}

const HOT = new RegExp(`\\b${trie(HOT_NAMES)}\\b`, 'g');

export interface Chunked {
  source: string;
  /** Original 1-based line of a line in `source`. */
  line(n: number): number;
}

/** What follows a risky name when it is used: a call, a template or a member access. */
const USE = /\s*[(`.]/y;

/** Offsets of the risky names in use (`subprocess.`, `rmtree(`, sql`...`, zx's $`...`). A plain word
 * alternation anchored at \b: V8 runs it over 1 MB in about a millisecond. */
function hotUses(text: string): number[] {
  const out: number[] = [];
  HOT.lastIndex = 0;
  for (let m = HOT.exec(text); m; m = HOT.exec(text)) {
    USE.lastIndex = HOT.lastIndex;
    if (USE.test(text)) out.push(m.index);
  }
  for (let i = text.indexOf('$`'); i >= 0; i = text.indexOf('$`', i + 2)) out.push(i);
  return out.sort((a, b) => a - b);
}

/** A line that starts a top-level statement: column 0, not a continuation or closing bracket. */
function isTopStart(text: string, at: number, py: boolean): boolean {
  const c = text[at];
  if (c === undefined || c === '\n' || c === ' ' || c === '\t' || c === '\r') return false;
  if (py) return !/[#)\]}]/.test(c) && !/^(else|elif|except|finally)\b/.test(text.slice(at, at + 8));
  return !/[)\]}.?:,+&|/*]/.test(c) && !/^(else|catch|finally)\b/.test(text.slice(at, at + 8));
}

export function selectChunks(text: string, lang: Lang): Chunked {
  if (text.length <= WHOLE_FILE_BYTES || lang === 'ruby' || lang === 'php') return { source: text, line: (n) => n };
  const py = lang === 'python';
  const ranges: [number, number][] = [];
  // Imports and short top-level bindings: one multiline regex pass.
  for (const m of text.matchAll(/^(?:import\b|from\s+\S+\s+import\b|require\b|const\s|let\s|var\s|export\s+const\s|[A-Za-z_][\w.]*\s*=[^=]|package\b).*$/gm)) {
    const a = m.index!;
    let b = a + m[0].length;
    // A parenthesised import list continues to its closing bracket.
    if (/\(\s*$/.test(m[0])) b = Math.max(b, text.indexOf(')', b) + 1 || b);
    if (b - a < 2048) ranges.push([a, b]);
  }
  // The top-level statement around each risky name.
  let covered = -1;
  for (const at of hotUses(text)) {
    if (at < covered) continue;
    let a = text.lastIndexOf('\n', at) + 1;
    while (a > 0 && !isTopStart(text, a, py) && at - a < MAX_REGION_BACK) a = text.lastIndexOf('\n', a - 2) + 1;
    let b = text.indexOf('\n', at);
    while (b >= 0 && b + 1 < text.length && !isTopStart(text, b + 1, py)) b = text.indexOf('\n', b + 1);
    covered = b < 0 ? text.length : b;
    ranges.push([a, covered]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const parts: string[] = [];
  const lineStarts: [number, number][] = []; // [line in source, line in file]
  let srcLine = 1;
  let fileLine = 1;
  let prev = 0;
  let done = 0;
  for (const [a0, b] of ranges) {
    const a = Math.max(a0, done);
    if (b <= a) continue;
    fileLine += count(text, prev, a);
    prev = a;
    done = b;
    lineStarts.push([srcLine, fileLine]);
    const body = text.slice(a, b) + '\n';
    parts.push(body);
    srcLine += count(body, 0, body.length);
  }
  return {
    source: parts.join(''),
    line: (n) => {
      let lo = 0;
      for (let i = 0; i < lineStarts.length && lineStarts[i]![0] <= n; i++) lo = i;
      const [s0, f] = lineStarts[lo] ?? [1, 1];
      return f + (n - s0);
    },
  };
}

function count(s: string, a: number, b: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', a); i >= 0 && i < b; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
