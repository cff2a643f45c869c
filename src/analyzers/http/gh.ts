// `gh api [flags] <endpoint>`: REST against api.github.com (or --hostname), or `gh api graphql`
// whose -f/-F fields become the GraphQL query and variables. gh is always authenticated.
import type { Word } from '../../types';
import type { Sources } from './curl';
import { addHeader, emptyRequest, type HttpRequest } from './request';

const ARG = new Set(['-X', '--method', '-H', '--header', '-f', '--raw-field', '-F', '--field', '--input', '--hostname', '-q', '--jq', '-t', '--template', '-p', '--preview', '--cache']);

/** Null when the command is another gh subcommand. */
export function parseGhApi(argv: Word[], src: Sources): HttpRequest | null {
  // gh may have global flags before the subcommand only in rare forms; require `gh api`.
  if (argv[1]?.value !== 'api') return null;
  const req = emptyRequest('gh');
  req.authKinds.push('gh-token');
  let host = 'api.github.com';
  let endpoint: Word | null = null;
  let method: string | null | undefined;
  const fields: Record<string, unknown> = {};
  let hasFields = false;
  let unknown = false;
  let input: string | null | undefined;
  for (let i = 2; i < argv.length; i++) {
    const w = argv[i]!;
    const a = w.value;
    if (a === null) {
      if (!endpoint) endpoint = w;
      else unknown = true;
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : /^-[A-Za-z]./.test(a) && ARG.has(a.slice(0, 2)) ? a.slice(0, 2) : a;
    const glued = eq > 0 ? a.slice(eq + 1) : name !== a ? a.slice(2) : null;
    if (!ARG.has(name)) {
      if (!a.startsWith('-') && !endpoint) endpoint = w;
      continue;
    }
    const val: Word | undefined = glued !== null ? { raw: glued, value: glued } : argv[++i];
    const v = val?.value ?? null;
    if (name === '-X' || name === '--method') method = v === null ? null : v.toUpperCase();
    else if (name === '-H' || name === '--header') {
      if (val) addHeader(req, val);
    } else if (name === '--hostname') host = v ?? '$?';
    else if (name === '--input') input = v === null ? null : v === '-' ? src.stdin() : src.readFile(v);
    else if (['-f', '--raw-field', '-F', '--field'].includes(name)) {
      hasFields = true;
      const m = v === null ? null : /^([^=]+)=(.*)$/s.exec(v);
      if (!m) unknown = true;
      else {
        const typed = name === '-F' || name === '--field';
        let value: unknown = m[2]!;
        if (typed && m[2]!.startsWith('@')) value = m[2] === '@-' ? src.stdin() : src.readFile(m[2]!.slice(1));
        else if (typed) value = m[2] === 'true' ? true : m[2] === 'false' ? false : m[2] === 'null' ? null : /^-?\d+$/.test(m[2]!) ? Number(m[2]) : m[2];
        if (value === null && typed && m[2]!.startsWith('@')) unknown = true;
        fields[m[1]!] = value;
      }
    }
  }
  const ep = endpoint?.value ?? null;
  req.urls.push({ raw: endpoint?.raw ?? '', value: ep === null ? null : /^https?:\/\//.test(ep) ? ep : `https://${host}/${ep.replace(/^\//, '')}` });
  req.method = method === undefined ? (hasFields || input !== undefined ? 'POST' : 'GET') : method;
  if (input !== undefined) req.body = input;
  else if (unknown) req.body = null;
  else if (hasFields && ep === 'graphql') {
    // gh sends {query, operationName, variables: {every other field}}.
    const { query, operationName, ...variables } = fields;
    req.json = { query, operationName, variables };
  } else if (hasFields) req.json = fields;
  return req;
}
