// wget's command line -> HttpRequest: --method, --post-data/--post-file (POST), --body-data/--body-file
// (with --method), --header, --user/--password/--http-user, cookies.
import type { Word } from '../../types';
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

  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    const a = w.value;
    if (a === null) {
      // --header="Authorization: Bearer $T": the option is known, its value is not.
      const m = /^(--[a-z-]+)=(.*)$/s.exec(w.raw);
      if (m) option(m[1]!.slice(2), { raw: m[2]!, value: null });
      else req.urls.push(w);
      continue;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) option(name, { raw: w.raw, value: a.slice(eq + 1) });
      else option(name, LONG_ARG.has(name) ? argv[++i] : undefined);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        if (!SHORT_ARG.has(a[k]!)) continue;
        const rest = a.slice(k + 1);
        option(a[k]!, rest ? { raw: rest, value: rest } : argv[++i]);
        break;
      }
    } else req.urls.push(w);
  }
  req.method = req.method ?? (method === undefined ? 'GET' : method);
  if (body !== undefined) req.body = body;
  return req;
}
