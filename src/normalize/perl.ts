// Perl's quoting forms, rewritten into the plain quotes the inline-code readers know: q{..} and
// q(..) become '..', qq{..} becomes "..", qx{..} and `..` become backticks, qw(a b) becomes a list
// ['a', 'b'], and $ENV{HOME} / ${ENV{HOME}} / $ENV{'HOME'} inside strings become $HOME, so the shell
// judges the spawned line with the variable it would expand. No Perl parser ships with the tree-sitter
// grammars airlock loads, so this is a small lexer (strings, comments, POD, bracket nesting), not a parse.
const PAIRS: Record<string, string> = { '{': '}', '(': ')', '[': ']', '<': '>' };

function delimited(code: string, at: number): { body: string; end: number } | null {
  const open = code[at];
  if (open === undefined || /[\w\s]/.test(open)) return null;
  const close = PAIRS[open] ?? open;
  let depth = 1;
  for (let i = at + 1; i < code.length; i++) {
    const c = code[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === close && open !== close) depth--;
    else if (c === open && open !== close) depth++;
    else if (c === close) depth = 0;
    if (depth === 0) return { body: code.slice(at + 1, i), end: i + 1 };
  }
  return null;
}

function envVars(s: string): string {
  return s.replace(/\$\{ENV\{\s*['"]?(\w+)['"]?\s*\}\}|\$ENV\{\s*['"]?(\w+)['"]?\s*\}/g, (_m, a: string | undefined, b: string | undefined) => `\${${a ?? b}}`);
}

/** A q{}/qq{}/qx{} body in plain quotes: its own quote characters escaped. */
const quote = (s: string, q: string) => q + s.replace(new RegExp(`(?<!\\\\)\\${q}`, 'g'), `\\${q}`) + q;

export function perlQuotes(code: string): string {
  let out = '';
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    const prev = i > 0 ? code[i - 1]! : ' ';
    if (c === '#' && !/[$@%&\w]/.test(prev)) {
      const e = code.indexOf('\n', i);
      i = e < 0 ? code.length : e;
      continue;
    }
    if (c === '=' && (i === 0 || prev === '\n') && /^=[a-zA-Z]/.test(code.slice(i, i + 2))) {
      const e = code.indexOf('\n=cut', i);
      i = e < 0 ? code.length : e + 5;
      continue;
    }
    const m = /^(qq|qx|qw|q)(?=\s*[^\w\s=,;)])/.exec(code.slice(i, i + 3));
    if (m && !/[\w$@%&>-]/.test(prev)) {
      let j = i + m[1]!.length;
      while (/\s/.test(code[j] ?? '')) j++;
      const d = delimited(code, j);
      if (d) {
        const k = m[1]!;
        if (k === 'qw') out += `[${d.body.trim().split(/\s+/).filter(Boolean).map((w) => quote(w, "'")).join(', ')}]`;
        else if (k === 'q') out += quote(d.body, "'");
        else if (k === 'qq') out += quote(envVars(d.body), '"');
        else out += quote(envVars(d.body), '`');
        i = d.end;
        continue;
      }
    }
    if (c === '"' || c === '`' || c === "'") {
      const d = delimited(code, i);
      if (d) {
        out += c === "'" ? code.slice(i, d.end) : c + envVars(d.body) + c;
        i = d.end;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}
