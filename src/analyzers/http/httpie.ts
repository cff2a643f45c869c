// HTTPie (http, https) and xh/xhs: `http [flags] [METHOD] URL [ITEM...]`.
// Items: Header:Value, field=value, field:=json, field==query, field@file, field=@file, field:=@file.
// Data items (or piped stdin) make it a POST with a JSON body (or form with -f/--form).
import type { Word } from '../../types';
import { tokens, type ArgvSpec } from '../../argv/tokens';
import type { Sources } from './curl';
import { addHeader, emptyRequest, type HttpRequest } from './request';

const METHODS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT|PURGE|QUERY)$/i;
const FLAG_ARG = new Set(['--auth', '-a', '--auth-type', '-A', '--session', '--session-read-only', '--print', '-p', '--output', '-o', '--timeout', '--proxy', '--cert', '--cert-key', '--verify', '--style', '-s', '--pretty', '--format-options', '--max-redirects', '--default-scheme', '--history-print', '-P', '--bearer', '--raw', '--ssl', '--ciphers', '--boundary', '--chunked-size', '--unix-socket', '--resolve', '--interface', '--http-version']);

/** Options come before the first positional, never clustered; `--` is no end marker. */
const SPEC: ArgvSpec = { style: 'go', value: FLAG_ARG, digitOptions: true, noEndMarker: true, stopAtPositional: true };

export function parseHttpie(argv: Word[], client: string, src: Sources): HttpRequest {
  const req = emptyRequest(client);
  const positional: Word[] = [];
  let form = false;
  let ignoreStdin = false;
  let raw: string | null | undefined;
  const args = argv.slice(1);
  for (const t of tokens(args, SPEC)) {
    if (t.kind === 'positional') {
      positional.push(t.word);
      continue;
    }
    if (t.kind === 'end') {
      positional.push(...args.slice(t.index));
      break;
    }
    const name = t.name;
    const val: Word | undefined = t.attached ? { raw: t.word.raw, value: t.value ?? null } : t.valueWord;
    if (name === '--auth' || name === '-a' || name === '--bearer' || name === '--session' || name === '--session-read-only') {
      req.authKinds.push(name === '--bearer' ? 'bearer' : name.startsWith('--session') ? 'session' : 'basic');
      if (val) req.authText.push(val.raw);
    } else if (name === '--form' || name === '-f' || name === '--multipart') form = true;
    else if (name === '--ignore-stdin' || name === '-I') ignoreStdin = true;
    else if (name === '--raw') raw = val?.value ?? null;
  }
  // `http DELETE url`: a first positional that is a method name, followed by the URL.
  let k = 0;
  if (positional.length > 1 && positional[0]!.value !== null && METHODS.test(positional[0]!.value)) {
    req.method = positional[0]!.value.toUpperCase();
    k = 1;
  } else if (positional.length > 1 && positional[0]!.value === null) {
    req.method = null;
    k = 1;
  }
  if (positional[k]) req.urls.push(positional[k]!);
  const json: Record<string, unknown> = {};
  const fields: Record<string, string | null> = {};
  let hasData = false;
  let unknownData = false;
  for (const w of positional.slice(k + 1)) {
    const it = w.value;
    if (it === null) {
      // Unknown item: a header (Name:$V), a query parameter (k==$V) or a data field.
      if (/^["']?[A-Za-z0-9_-]+:[^=]/.test(w.raw)) addHeader(req, w);
      else if (!/^["']?[^=:]+==/.test(w.raw)) unknownData = true;
      continue;
    }
    const m = /^((?:\\.|[^:=@])*?)(:=@|=@|:=|==|=|@|:|;)(.*)$/s.exec(it);
    if (!m) continue;
    const [, key, sep, value] = m as unknown as [string, string, string, string];
    if (sep === ':' || sep === ';') addHeader(req, { raw: w.raw, value: `${key}:${value}` });
    else if (sep === '==') req.urls = req.urls.map((u) => (u.value === null ? u : { raw: u.raw, value: u.value + (u.value.includes('?') ? '&' : '?') + `${encodeURIComponent(key)}=${encodeURIComponent(value)}` }));
    else {
      hasData = true;
      const text = sep.endsWith('@') ? (sep === '@' ? null : src.readFile(value)) : value;
      if (text === null && sep !== '@') unknownData = true;
      fields[key] = text;
      json[key] = sep.startsWith(':=') && text !== null ? parseJson(text) : text;
    }
  }
  const stdin = !ignoreStdin && src.hasStdin() ? src.stdin() : undefined;
  if (raw !== undefined) req.body = raw;
  else if (stdin !== undefined) req.body = stdin;
  else if (unknownData && !hasData) req.body = null;
  else if (hasData) {
    if (form) req.body = unknownData ? null : new URLSearchParams(fields as Record<string, string>).toString();
    else if (unknownData) req.body = null;
    else req.json = json;
  }
  if (req.method === null && k === 0) req.method = hasData || req.body !== undefined ? 'POST' : 'GET';
  return req;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
