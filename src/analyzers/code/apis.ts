// Direct file-deleting API calls in inline interpreter code, per language, with their first
// argument when it can be read as a path. Process spawns (os.system, execSync) are lifted into
// nested commands by the core; this covers what never reaches a shell.

export interface ApiCall {
  api: string;
  recursive: boolean;
  /** The path, "~"-prefixed for home, or null when not a literal we can follow. */
  path: string | null;
}

interface ApiSpec {
  /** Regex source for the callee, matched at a word boundary. */
  callee: string;
  recursive: boolean | 'option';
  /** The path is the receiver: Path('x').unlink(). */
  receiver?: boolean;
}

const PY: ApiSpec[] = [
  { callee: 'shutil\\.rmtree|\\brmtree', recursive: true },
  { callee: 'os\\.(?:remove|unlink|rmdir|removedirs)', recursive: false },
  { callee: 'Path\\((.*?)\\)\\.(?:unlink|rmdir)', recursive: false, receiver: true },
];
const FS = `(?:fs|fsp|fsPromises|promises|fs\\.promises|require\\(['"](?:node:)?fs(?:/promises)?['"]\\)(?:\\.promises)?)`;
const JS: ApiSpec[] = [
  { callee: `${FS}\\.(?:rm|rmSync|rmdir|rmdirSync)|(?:fse|fsExtra)\\.(?:rm|rmSync)|rmSync|rmdirSync`, recursive: 'option' },
  { callee: `${FS}\\.(?:unlink|unlinkSync)|unlinkSync`, recursive: false },
  { callee: '(?:fse|fsExtra|fs)\\.(?:remove|removeSync|emptyDir|emptyDirSync)', recursive: true },
  { callee: 'rimraf(?:\\.sync)?|rimrafSync', recursive: true },
  { callee: 'Deno\\.(?:remove|removeSync)', recursive: 'option' },
];
const RUBY: ApiSpec[] = [
  { callee: 'FileUtils\\.(?:rm_rf|rm_r|rmtree|remove_dir|remove_entry|remove_entry_secure)', recursive: true },
  { callee: 'FileUtils\\.(?:rm|rm_f|remove|remove_file|safe_unlink)|File\\.(?:delete|unlink)|Dir\\.(?:rmdir|delete|unlink)', recursive: false },
];
const PERL: ApiSpec[] = [
  { callee: '\\b(?:File::Path::)?(?:rmtree|remove_tree)', recursive: true },
  { callee: '\\b(?:unlink|rmdir)', recursive: false },
];
const PHP: ApiSpec[] = [{ callee: '\\b(?:unlink|rmdir)', recursive: false }];

export function specsFor(program: string): ApiSpec[] {
  if (program.startsWith('python') || program.startsWith('pypy')) return PY;
  if (['node', 'nodejs', 'deno', 'bun'].includes(program)) return JS;
  if (program === 'ruby') return RUBY;
  if (program === 'perl') return PERL;
  if (program === 'php') return PHP;
  return [];
}

/** Arguments of a call starting right after its callee: `(a, b)` or, in Ruby/Perl, `a, b;`. */
function argsAt(code: string, i: number): string[] {
  let k = i;
  while (code[k] === ' ' || code[k] === '\t') k++;
  const paren = code[k] === '(';
  if (paren) k++;
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  let quote: string | null = null;
  for (; k < code.length; k++) {
    const c = code[k]!;
    if (quote) {
      cur += c;
      if (c === '\\') cur += code[++k] ?? '';
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && c === ',') {
      out.push(cur.trim());
      cur = '';
      continue;
    } else if (depth === 0 && !paren && (c === ';' || c === '\n' || (/^(?:if|unless|or|and)\b/.test(code.slice(k, k + 7)) && /\s/.test(code[k - 1] ?? '')))) break;
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const HOME_EXPR = /^(Path\.home\(\)|os\.path\.expanduser\(\s*['"]~['"]\s*\)|os\.environ\[['"]HOME['"]\]|os\.environ\.get\(['"]HOME['"]\)|os\.getenv\(['"]HOME['"]\)|(os|require\(['"](node:)?os['"]\))\.homedir\(\)|process\.env\.HOME|process\.env\[['"]HOME['"]\]|Deno\.env\.get\(['"]HOME['"]\)|Dir\.home|ENV\[['"]HOME['"]\]|\$ENV\{['"]?HOME['"]?\}|getenv\(['"]HOME['"]\))$/;

/** A path expression we can follow: literals, ~ expansion, home lookups, joins of those. */
export function literalPath(expr: string): string | null {
  const e = expr.trim();
  const s = /^[rRbBuU]?(['"])((?:[^'"\\]|\\.)*)\1$/.exec(e) ?? /^`([^`$]*)`$/.exec(e);
  if (s) return (s[2] ?? s[1] ?? '').replace(/\\(.)/g, '$1');
  if (HOME_EXPR.test(e)) return '~';
  const exp = /^(?:os\.path\.expanduser|File\.expand_path|glob|glob\.glob|Dir\.glob)\((.*)\)$/.exec(e) ?? /^Path\((.*)\)\.expanduser\(\)$/.exec(e) ?? /^Path\((.*)\)$/.exec(e);
  if (exp) return literalPath(exp[1]!);
  const join = /^(?:os\.path\.join|path\.join|path\.resolve|File\.join|pathlib\.Path|Path)\((.*)\)$/s.exec(e);
  if (join) {
    const parts = splitTop(join[1]!).map(literalPath);
    if (parts.some((p) => p === null)) return null;
    return parts.reduce<string>((a, b) => (b!.startsWith('/') ? b! : a ? `${a.replace(/\/$/, '')}/${b}` : b!), '');
  }
  return null;
}

function splitTop(s: string): string[] {
  return argsAt(`(${s})`, 0);
}

/** Where string literals are, so `print('shutil.rmtree(...)')` is not a call. */
function stringRanges(code: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c !== '"' && c !== "'" && c !== '`') continue;
    const q = code.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
    let j = i + q.length;
    while (j < code.length && !code.startsWith(q, j)) j += code[j] === '\\' ? 2 : 1;
    out.push([i, j + q.length]);
    i = j + q.length - 1;
  }
  return out;
}

export function findCalls(code: string, program: string): ApiCall[] {
  const calls: ApiCall[] = [];
  const strings = stringRanges(code);
  const inString = (k: number): boolean => strings.some(([a, b]) => k > a && k < b);
  for (const spec of specsFor(program)) {
    const re = new RegExp(`(?<![\\w.])(?:${spec.callee})(?![\\w$])(?=\\s*[('"\`$~\\w])`, 'g');
    for (const m of code.matchAll(re)) {
      if (inString(m.index!)) continue;
      const api = m[0].replace(/^require\(['"](?:node:)?([\w/]+)['"]\)/, '$1').replace(/\((.*?)\)/, '()');
      if (spec.receiver) {
        calls.push({ api, recursive: false, path: literalPath(m[1] ?? '') });
        continue;
      }
      const args = argsAt(code, m.index! + m[0].length);
      if (!args.length) continue;
      const recursive = spec.recursive === 'option' ? args.slice(1).some((a) => /recursive\s*:\s*true/.test(a)) : spec.recursive;
      // Perl, Ruby and PHP take lists of paths (options hashes aside); Python and JS one path.
      const multi = program === 'perl' || program === 'php' || program === 'ruby';
      const targets = multi ? args.filter((a) => !/^(\{|:\w+\s*=>|\w+:\s)/.test(a)) : args.slice(0, 1);
      for (const a of targets) {
        calls.push({ api, recursive, path: literalPath(a) });
      }
    }
  }
  return calls;
}

/**
 * Hosted-service SDK calls that delete or empty live data (search indices...), outside string
 * literals: `client.deleteIndex('prod')`, `index.clearObjects()`. Returns the method names.
 */
const SDK_DELETES = /\.(deleteIndex|clearObjects|clearIndex|deleteObjects|deleteBy|clearRules|clearSynonyms|deleteApiKey|delete_index|clear_objects|delete_objects|delete_by|clear_rules|clear_synonyms|delete_api_key)\s*\(/g;
export function sdkDeletes(code: string): string[] {
  if (!/delete|clear/i.test(code)) return [];
  const strings = stringRanges(code);
  return [...code.matchAll(SDK_DELETES)].filter((m) => !strings.some(([a, b]) => m.index! > a && m.index! < b)).map((m) => m[1]!);
}
