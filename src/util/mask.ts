// Secret masking for everything airlock prints or logs. Commands reach the audit log, the
// approver's screen and the agent's transcript, so credentials in them must not.

const MARK = '…***';

/** Keeps a short prefix (so a human can tell tokens apart) and hides the rest. */
export function maskValue(secret: string): string {
  if (secret.includes(MARK)) return secret; // already masked
  if (secret.length === 0) return secret;
  // Short secrets would be mostly revealed by a 4-char prefix.
  const keep = secret.length >= 12 ? 4 : secret.length >= 8 ? 2 : 0;
  return secret.slice(0, keep) + MARK;
}

const SECRET_NAMES =
  'password|passwd|pwd|token|secret|api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|sig|signature';

// A value: quoted, or a run of non-space characters.
const VALUE = `("[^"]*"|'[^']*'|[^\\s'"]+)`;

function maskQuoted(v: string): string {
  const q = v[0];
  if ((q === '"' || q === "'") && v.endsWith(q) && v.length >= 2) return q + maskValue(v.slice(1, -1)) + q;
  return maskValue(v);
}

type Rule = [RegExp, (m: string, ...groups: string[]) => string];

const RULES: Rule[] = [
  // Header values: -H 'Authorization: Bearer x', X-Api-Key: x, Railway's token headers.
  [
    /\b((?:Proxy-)?Authorization|Project-Access-Token|Team-Access-Token|X-Api-Key|X-Auth-Token|Api-Key|Private-Token|Cookie)(\s*:\s*)(?:(Bearer|Basic|Token|Bot|Digest|Negotiate)\s+)?([^\s'"\\]+)/gi,
    (_m, name, sep, scheme, value) => `${name}${sep}${scheme ? scheme + ' ' : ''}${maskValue(value!)}`,
  ],
  // Bearer tokens anywhere else.
  [/\b(Bearer\s+)([A-Za-z0-9._~+/=-]{4,})/g, (_m, pre, tok) => pre + maskValue(tok!)],
  // Passwords in URLs: scheme://user:pass@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)([^\s@/'"]+)@/gi, (_m, pre, pass) => `${pre}${maskValue(pass!)}@`],
  // curl -u user:pass / --user user:pass / -uuser:pass
  [
    /(^|\s)(-u\s*|--user[=\s]+|--proxy-user[=\s]+)(['"]?)([^\s:'"]*):([^\s'"]+)/g,
    (_m, sp, flag, q, user, pass) => `${sp}${flag}${q}${user}:${maskValue(pass!)}`,
  ],
  // Environment assignments: PGPASSWORD=..., *_TOKEN=, *_SECRET=, *_KEY=, *_PASSWORD=
  [
    new RegExp(`\\b([A-Za-z0-9_]*(?:PASSWORD|PASSWD|TOKEN|SECRET|_KEY|APIKEY|_PAT))=${VALUE}`, 'g'),
    (_m, name, v) => `${name}=${maskQuoted(v!)}`,
  ],
  // password=... in libpq conninfo and query strings; --password=x / --token x flags.
  [
    new RegExp(
      `(^|[\\s?&;'"])(--?(?:${SECRET_NAMES})(?:\\s*=\\s*|\\s+)|(?:${SECRET_NAMES})\\s*=\\s*)("[^"]*"|'[^']*'|[^\\s'"&]+)`,
      'gi',
    ),
    (_m, pre, name, v) => (v!.startsWith('-') ? _m : `${pre}${name}${maskQuoted(v!)}`),
  ],
  // JSON bodies: "password": "...", "token": "..."
  [
    /("(?:password|passwd|token|secret|apiKey|api_key|accessToken|access_token|refreshToken|refresh_token|clientSecret|client_secret|privateKey|private_key)"\s*:\s*")([^"]*)"/gi,
    (_m, pre, v) => `${pre}${maskValue(v!)}"`,
  ],
  // Well-known token shapes, wherever they appear.
  [
    /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16})\b/g,
    (m) => maskValue(m),
  ],
  // Long opaque tokens right after a word that says "token"/"key"/"secret" (e.g. `--token abc…`).
  [
    /\b(token|secret|password|credential|api[_-]?key)(s?[\s:=]+)([A-Za-z0-9+/_=.-]{24,})/gi,
    (_m, w, sep, tok) => `${w}${sep}${maskValue(tok!)}`,
  ],
];

/** Masks credentials in free text (command lines, messages, log records). */
export function maskSecrets(text: string): string {
  let out = text;
  for (const [re, fn] of RULES) {
    out = out.replace(re, (m: string, ...rest: unknown[]) => {
      // replace() passes (match, ...groups, offset, whole); skip text an earlier rule masked.
      const offset = rest[rest.length - 2] as number;
      const whole = rest[rest.length - 1] as string;
      if (whole.startsWith(MARK, offset + m.length) || m.includes(MARK)) return m;
      return fn(m, ...(rest.slice(0, -2) as string[]));
    });
  }
  return out;
}
