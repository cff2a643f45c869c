// wget's command line -> HttpRequest: --method, --post-data/--post-file (POST), --body-data/--body-file
// (with --method), --header, --user/--password/--http-user, cookies.
import type { Word } from '../../types';
import { tokens, type ArgvSpec } from '../../argv/tokens';
import type { Sources } from './curl';
import { addHeader, emptyRequest, type HttpRequest } from './request';

const SHORT_ARG = new Set('OoaeiBtTwQPUlARDXIN'.split(''));
const LONG_ARG = new Set(
  ('header method post-data post-file body-data body-file user password http-user http-password output-document output-file ' +
    'append-output execute input-file base tries timeout wait quota directory-prefix user-agent load-cookies save-cookies ' +
    'referer ca-certificate certificate private-key proxy-user proxy-password level accept reject domains exclude-domains ' +
    'include-directories exclude-directories bind-address limit-rate dns-timeout connect-timeout read-timeout waitretry ' +
    'restrict-file-names default-page local-encoding remote-encoding max-redirect ca-directory config')
    .split(' '),
);

/** wget's options as the shared tokenizer reads them. */
const SPEC: ArgvSpec = {
  value: [...[...SHORT_ARG].map((c) => `-${c}`), ...[...LONG_ARG].map((n) => `--${n}`)],
  digitOptions: true,
  keepClusterEquals: true,
  noEndMarker: true,
};

export function parseWget(argv: Word[], src: Sources): HttpRequest {
  const req = emptyRequest('wget');
  let method: string | null | undefined;
  let body: string | null | undefined;

  const option = (name: string, w: Word | undefined): void => {
    const v = w?.value ?? null;
    switch (name) {
      case 'method':
        method = v === null ? null : v.toUpperCase();
        break;
      case 'post-data': case 'body-data':
        body = v;
        if (name === 'post-data' && method === undefined) method = 'POST';
        break;
      case 'post-file': case 'body-file':
        body = v === null ? null : v === '-' ? src.stdin() : src.readFile(v);
        if (name === 'post-file' && method === undefined) method = 'POST';
        break;
      case 'header':
        if (w) addHeader(req, w);
        break;
      case 'user': case 'password': case 'http-user': case 'http-password': case 'load-cookies': case 'certificate':
        req.authKinds.push(name.includes('cookie') ? 'cookie' : name === 'certificate' ? 'cert' : 'basic');
        break;
      case 'config': case 'input-file': case 'i':
        req.opaque = true;
        break;
    }
  };

  for (const t of tokens(argv.slice(1), SPEC)) {
    if (t.kind === 'end') continue; // not produced: read like curl, `--` is no end of options
    if (t.kind === 'positional') {
      const w = t.word;
      // --header="Authorization: Bearer $T": the option is known, its value is not.
      const m = w.value === null ? /^(--[a-z-]+)=(.*)$/s.exec(w.raw) : null;
      if (m) option(m[1]!.slice(2), { raw: m[2]!, value: null });
      else req.urls.push(w);
    } else if (t.name.startsWith('--') && t.name.length > 2) {
      option(t.name.slice(2), t.attached ? { raw: t.word.raw, value: t.value ?? null } : t.valueWord);
    } else if (t.value !== undefined) {
      // Short flags say nothing about the request; a short option's glued value is its own word.
      option(t.name.slice(1), t.attached ? { raw: t.value ?? '', value: t.value } : t.valueWord);
    }
  }
  req.method = req.method ?? (method === undefined ? 'GET' : method);
  if (body !== undefined) req.body = body;
  return req;
}
