// curl's command line -> HttpRequest. Covers every way curl picks a method and a body:
// -X/-XDELETE/--request[=], -d/--data*/--json/-F (POST), -G (GET, data to the query), -I (HEAD), -T (PUT).
import type { Word } from '../../types';
import { tokens, type ArgvSpec } from '../../argv/tokens';
import { addHeader, emptyRequest, type HttpRequest } from './request';

export interface Sources {
  readFile(path: string): string | null;
  /** What the command reads on stdin, when knowable. */
  stdin(): string | null;
  /** Something is piped or redirected into the command. */
  hasStdin(): boolean;
}

/** Short options that take a value (the value may be glued: -XDELETE, -dfoo). */
const SHORT_ARG = new Set('dHXuFoeAbcxTKwmrEYyzPQCDt'.split(''));
/** Long options that take a value; unknown long options are taken as flags. */
const LONG_ARG = new Set(
  ('data data-raw data-binary data-ascii data-urlencode json form form-string header request url user oauth2-bearer output ' +
    'cookie cookie-jar user-agent referer proxy max-time connect-timeout retry config upload-file write-out cacert cert key ' +
    'resolve connect-to aws-sigv4 proxy-user request-target variable netrc-file unix-socket abstract-unix-socket interface ' +
    'limit-rate max-filesize retry-delay retry-max-time range continue-at dns-servers doh-url trace trace-ascii stderr ciphers ' +
    'proxy-header service-name socks4 socks5 socks5-hostname preproxy max-redirs keepalive-time local-port output-dir ' +
    'parallel-max expect100-timeout cert-type key-type pass capath crlfile time-cond quote url-query expand-data expand-url ' +
    'expand-header expand-json expand-user header-file etag-save etag-compare proxy-cacert dump-header hsts alt-svc ' +
    'happy-eyeballs-timeout-ms mail-from mail-rcpt mail-auth login-options sasl-authzid tls-max proto proto-redir')
    .split(' '),
);
/** curl's options as the shared tokenizer reads them (`--no-data` takes a value as `--data` does). */
const SPEC: ArgvSpec = {
  value: [...[...SHORT_ARG].map((c) => `-${c}`), ...[...LONG_ARG].flatMap((n) => [`--${n}`, `--no-${n}`])],
  digitOptions: true,
  keepClusterEquals: true,
  noEndMarker: true,
};
const SHORT_LONG: Record<string, string> = {
  d: 'data', H: 'header', X: 'request', u: 'user', F: 'form', T: 'upload-file', K: 'config', b: 'cookie', E: 'cert',
  G: 'get', I: 'head', n: 'netrc',
};

interface DataPart {
  kind: string;
  word: Word;
}

export function parseCurl(argv: Word[], src: Sources): HttpRequest {
  const req = emptyRequest('curl');
  const data: DataPart[] = [];
  const form: Record<string, string | null> = {};
  let hasForm = false;
  let get = false;
  let head = false;
  let upload = false;
  let explicit: string | null | undefined;

  const option = (name: string, w: Word | undefined): void => {
    const v = w?.value ?? null;
    switch (name) {
      case 'request':
        explicit = v === null ? null : v.toUpperCase();
        break;
      case 'data': case 'data-ascii': case 'data-raw': case 'data-binary': case 'data-urlencode': case 'json':
        if (w) data.push({ kind: name, word: w });
        if (name === 'json') req.contentType = 'application/json';
        break;
      case 'form': case 'form-string': {
        hasForm = true;
        const m = v === null ? null : /^([^=]*)=(.*)$/s.exec(v);
        if (m) form[m[1]!] = name === 'form' && /^[<@]/.test(m[2]!) ? readAt(m[2]!.slice(1), src, false) : m[2]!;
        else form[`$${Object.keys(form).length}`] = null;
        break;
      }
      case 'header':
        if (w) header(req, w, src);
        break;
      case 'url': case 'url-query':
        if (w && name === 'url') req.urls.push(w);
        break;
      case 'user': case 'oauth2-bearer': case 'aws-sigv4': case 'netrc': case 'netrc-file': case 'netrc-optional':
      case 'cookie': case 'cert': case 'negotiate': case 'ntlm': case 'digest': case 'anyauth':
        req.authKinds.push(name === 'user' ? 'basic' : name === 'oauth2-bearer' ? 'bearer' : name.replace(/-.*/, ''));
        if (w) req.authText.push(w.raw);
        break;
      case 'get':
        get = true;
        break;
      case 'head':
        head = true;
        break;
      case 'upload-file':
        upload = true;
        break;
      case 'config': {
        // -K FILE: more options, read like the command line (curl's config syntax). Unreadable: opaque.
        const text = v === null || configDepth > 2 ? null : v === '-' ? src.stdin() : src.readFile(v);
        if (text === null) req.opaque = true;
        else {
          configDepth++;
          run(configWords(text), 0);
          configDepth--;
        }
        break;
      }
      case 'expand-data': case 'expand-json': case 'expand-url':
        req.opaque = true;
        break;
    }
  };
  let configDepth = 0;

  const run = (argv: Word[], from: number): void => {
    for (const t of tokens(argv.slice(from), SPEC)) {
      if (t.kind === 'end') continue; // not produced: curl has no end of options
      if (t.kind === 'positional') {
        const w = t.word;
        if (w.value === null) {
          // -H"Authorization: Bearer $T" / --request=$M: the option is known, its value is not.
          const m = /^(-[A-Za-z]|--[a-z0-9-]+=)(.*)$/s.exec(w.raw);
          if (m && (m[1]!.length === 2 ? SHORT_ARG.has(m[1]![1]!) : true)) {
            const name = m[1]!.length === 2 ? (SHORT_LONG[m[1]![1]!] ?? m[1]![1]!) : m[1]!.slice(2, -1);
            option(name, { raw: m[2]!, value: null });
            continue;
          }
        }
        req.urls.push(w); // an unknown word is a URL as far as curl is concerned
      } else if (t.name.startsWith('--') && t.name.length > 2) {
        // curl has no --opt=value syntax except for a few; treat "--request=DELETE" as the value anyway.
        const name = t.name.slice(2).replace(/^no-/, '');
        option(name, t.attached ? { raw: t.word.raw, value: t.value ?? null } : t.valueWord);
      } else {
        // A short option (`--` alone reads as the option `-`, as before); a glued value is its own word.
        const c = t.name.slice(1) || '-';
        option(SHORT_LONG[c] ?? c, t.attached ? { raw: t.value ?? '', value: t.value ?? null } : t.valueWord);
      }
    }
  };
  run(argv, 1);

  if (hasForm) req.form = form;
  const body = data.length ? joinData(data, src) : undefined;
  if (get) {
    // -G moves the data into the query string of every URL.
    if (body !== undefined) req.urls = req.urls.map((u) => (u.value === null || body === null ? { raw: u.raw, value: body === null ? null : u.value } : { raw: u.raw, value: u.value + (u.value.includes('?') ? '&' : '?') + body }));
  } else if (body !== undefined) req.body = body;
  const implied = head ? 'HEAD' : get ? 'GET' : data.length || hasForm ? 'POST' : upload ? 'PUT' : 'GET';
  const overridden = req.method;
  req.method = explicit === undefined ? implied : explicit;
  if (overridden) req.method = overridden;
  return req;
}

function header(req: HttpRequest, w: Word, src: Sources): void {
  // -H @file: one header per line.
  if (w.value?.startsWith('@')) {
    const text = readAt(w.value.slice(1), src, true);
    if (text === null) {
      req.authKinds.push('header-file');
      return;
    }
    for (const line of text.split(/\r?\n/)) if (line.trim()) addHeader(req, { raw: line, value: line });
    return;
  }
  addHeader(req, w);
}

function readAt(path: string, src: Sources, keepNewlines: boolean): string | null {
  const text = path === '-' || path === '/dev/stdin' ? src.stdin() : src.readFile(path);
  return text === null || keepNewlines ? text : text.replace(/[\r\n]/g, '');
}

/** The body curl sends: parts joined with "&", @file read (-d strips newlines, --data-binary does not). */
function joinData(parts: DataPart[], src: Sources): string | null {
  const out: string[] = [];
  for (const { kind, word } of parts) {
    const v = word.value;
    if (v === null) return null;
    let text: string | null;
    if (kind === 'data-raw') text = v;
    else if (kind === 'data-urlencode') text = urlencodePart(v, src);
    else if (v.startsWith('@')) text = readAt(v.slice(1), src, kind !== 'data' && kind !== 'data-ascii');
    else text = v;
    if (text === null) return null;
    out.push(text);
  }
  return out.join('&');
}

// --data-urlencode: "content", "=content", "name=content", "@file", "name@file".
function urlencodePart(v: string, src: Sources): string | null {
  const m = /^([^=@]*)([=@])(.*)$/s.exec(v);
  if (!m) return encodeURIComponent(v);
  const [, name, op, rest] = m;
  const content = op === '@' ? readAt(rest!, src, true) : rest!;
  if (content === null) return null;
  return (name ? `${name}=` : '') + encodeURIComponent(content);
}

/**
 * A curl config file (-K) as command-line words: `name = value`, `name value`, `--name value`,
 * a bare `name` for flags; double-quoted values with backslash escapes; # comments.
 */
export function configWords(text: string): Word[] {
  const out: Word[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(-{0,2})([A-Za-z0-9][A-Za-z0-9-]*)\s*[=:]?\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[2]!;
    let value = m[3]!;
    if (value.startsWith('"')) {
      const end = /^"((?:[^"\\]|\\.)*)"/.exec(value);
      value = end ? end[1]!.replace(/\\(.)/g, (_x, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c) : value.slice(1);
    } else value = value.split(/\s+/)[0] ?? '';
    const short = m[1] === '-' || (m[1] === '' && name.length === 1);
    const opt = short ? '-' + name : '--' + name;
    out.push({ raw: opt, value: opt });
    if (value !== '' && (short ? SHORT_ARG.has(name) : LONG_ARG.has(name))) out.push({ raw: value, value });
  }
  return out;
}
