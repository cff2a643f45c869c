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
  '(?:[a-z0-9]+[_-])*(?:password|passwd|pwd|token|secret|api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|sig|signature)|_auth(?:Token)?|_password';

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
    /(?<!\/)\b((?:Proxy-)?Authorization|Project-Access-Token|Team-Access-Token|X-Railway-Token|X-Api-Key|X-Auth-Token|X-Access-Token|X-Vault-Token|Api-?Key|Private-Token|Cookie|X-[A-Za-z]+-(?:Token|Key|Secret))(\s*:\s*)(?:(Bearer|Basic|Token|Bot|Digest|Negotiate)\s+)?([^\s'"\\]+)/gi,
    (_m, name, sep, scheme, value) => `${name}${sep}${scheme ? scheme + ' ' : ''}${maskValue(value!)}`,
  ],
  // Bearer tokens anywhere else.
  [/\b(Bearer\s+)([A-Za-z0-9._~+/=-]{4,})/g, (_m, pre, tok) => pre + maskValue(tok!)],
  // Passwords in URLs: scheme://user:pass@host
  // Anchored on `://` (not on every letter of a possible scheme): linear in the line length.
  [/(:\/\/[^\s:/@'"]*:)([^\s@/'"]+)@/g, (_m, pre, pass) => `${pre}${maskValue(pass!)}@`],
  // Webhook URLs are their own secret: Slack, Discord.
  [/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)([A-Za-z0-9/_-]+)/g, (_m, pre, rest) => pre + maskValue(rest!)],
  [/(discord(?:app)?\.com\/api\/webhooks\/[0-9]+\/)([A-Za-z0-9_-]+)/g, (_m, pre, rest) => pre + maskValue(rest!)],
  // openssl -pass pass:x / -passin pass:x / -passout pass:x / -k x
  [/(\s-pass(?:in|out)?\s+pass:)("[^"]*"|'[^']*'|\S+)/g, (_m, pre, v) => pre + maskQuoted(v!)],
  // kubectl create secret --from-literal=key=value
  [/(--from-literal[=\s]+['"]?[^=\s'"]+=)([^\s'"]+|'[^']*'|"[^"]*")/g, (_m, pre, v) => pre + maskQuoted(v!)],
  // GraphQL arguments and JS/YAML objects: password: "x", token: \"x\"
  [/\b(password|passwd|token|secret|apiKey|api_key|accessToken|clientSecret|privateKey)(\s*:\s*\\?")([^"\\]*)(\\?")/gi, (_m, k, sep, v, q) => `${k}${sep}${maskValue(v!)}${q}`],
  // curl -u 'user:pass word' (quoted, spaces included)
  [/(^|\s)(-u\s*|--user[=\s]+|--proxy-user[=\s]+)(['"])([^'":]*):([^'"]*)\3/g, (_m, sp, flag, q, user, pass) => `${sp}${flag}${q}${user}:${maskValue(pass!)}${q}`],
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
      `(^|[\\s?&;'":])(--?(?:${SECRET_NAMES})(?:\\s*=\\s*|\\s+)|(?:${SECRET_NAMES})\\s*=\\s*)("[^"]*"|'[^']*'|[^\\s'"&]+)`,
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
    /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,}|[sr]k_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{8,}|xapp-[A-Za-z0-9-]{10,}|npm_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16})\b/g,
    (m) => maskValue(m),
  ],
  // Long opaque tokens right after a word that says "token"/"key"/"secret" (e.g. `--token abc…`).
  [
    /\b(token|secret|password|credential|api[_-]?key)(s?[\s:=]+)([A-Za-z0-9+/_=.-]{24,})/gi,
    (_m, w, sep, tok) => `${w}${sep}${maskValue(tok!)}`,
  ],
];

/**
 * Option values that are secrets only for a given program (`mysql -pSECRET`, `sshpass -p x`,
 * `redis-cli -a x`, `docker login -p x`, `htpasswd -b file user pass`, `aws configure set
 * aws_secret_access_key x`): one quote-aware pass over the words, linear in the text.
 */
interface ProgramSecrets {
  /** Options whose next word is a secret. */
  next?: string[];
  /** Options whose glued suffix is a secret (-pSECRET). */
  glued?: string[];
  /** Only after this subcommand word (docker login). */
  after?: string;
}
const MYSQL: ProgramSecrets = { glued: ['-p'] };
const LOGIN: ProgramSecrets = { next: ['-p'], glued: ['-p'], after: 'login' };
const BY_PROGRAM: Record<string, ProgramSecrets> = {
  mysql: MYSQL, mariadb: MYSQL, mysqladmin: MYSQL, mysqldump: MYSQL, 'mariadb-dump': MYSQL, mysqlimport: MYSQL, mysqlsh: MYSQL, mysqlcheck: MYSQL,
  sshpass: { next: ['-p'], glued: ['-p'] },
  'redis-cli': { next: ['-a', '--pass'], glued: ['-a'] }, 'valkey-cli': { next: ['-a', '--pass'], glued: ['-a'] }, 'keydb-cli': { next: ['-a', '--pass'] },
  docker: LOGIN, podman: LOGIN, nerdctl: LOGIN, buildah: LOGIN, skopeo: LOGIN, helm: LOGIN, oras: LOGIN, crane: LOGIN, az: LOGIN, cf: { next: ['-p'], after: 'login' },
  mongosh: { next: ['-p'] }, mongo: { next: ['-p'] }, mongodump: { next: ['-p'] }, mongorestore: { next: ['-p'] }, mongoexport: { next: ['-p'] }, mongoimport: { next: ['-p'] },
  sqlcmd: { next: ['-P'], glued: ['-P'] }, bcp: { next: ['-P'] },
  ldapsearch: { next: ['-w'] }, ldapmodify: { next: ['-w'] }, ldapadd: { next: ['-w'] }, ldapdelete: { next: ['-w'] }, ldappasswd: { next: ['-w', '-s'] },
  openssl: { next: ['-k'] }, zip: { next: ['-P', '--password'] }, '7z': { glued: ['-p'] }, unzip: { next: ['-P'] },
  smbclient: { next: ['--password'] }, vault: { next: [] },
};

interface Tok {
  start: number;
  end: number;
  /** Unquoted value. */
  value: string;
}

/** Splits into shell-ish words (quotes kept together), and separators reset the program. */
function* words(text: string): Generator<Tok | null> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '|' || c === '&' || c === '(' || c === ')' || c === '`') {
      i++;
      yield null;
      continue;
    }
    const start = i;
    let value = '';
    while (i < n) {
      const d = text[i]!;
      if (d === ' ' || d === '\t' || d === '\n' || d === ';' || d === '|' || d === '&' || d === ')' || d === '`') break;
      if (d === "'" || d === '"') {
        const close = text.indexOf(d, i + 1);
        const stop = close < 0 ? n : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (d === '\\' && i + 1 < n) {
        value += text[i + 1];
        i += 2;
        continue;
      }
      value += d;
      i++;
    }
    yield { start, end: Math.min(i, n), value };
  }
}

function maskWord(text: string, t: Tok, from = 0): string {
  const raw = text.slice(t.start, t.end);
  const q = raw[from];
  if ((q === '"' || q === "'") && raw.endsWith(q) && raw.length - from >= 2) return raw.slice(0, from) + q + maskValue(raw.slice(from + 1, -1)) + q;
  return raw.slice(0, from) + maskValue(raw.slice(from));
}

function maskProgramOptions(text: string): string {
  const edits: { start: number; end: number; text: string }[] = [];
  let prog: string | null = null;
  let rules: ProgramSecrets | null = null;
  let armed = false;
  let positional: Tok[] = [];
  let htpasswdBatch = false;
  let aws: string[] = [];
  let pending: 'secret' | null = null;
  const flush = () => {
    // htpasswd -b FILE USER PASSWORD (-n: USER PASSWORD)
    if (prog === 'htpasswd' && htpasswdBatch && positional.length >= 2) {
      const t = positional[positional.length - 1]!;
      edits.push({ start: t.start, end: t.end, text: maskWord(text, t) });
    }
    prog = null;
    rules = null;
    armed = false;
    positional = [];
    htpasswdBatch = false;
    aws = [];
    pending = null;
  };
  for (const t of words(text)) {
    if (t === null) {
      flush();
      continue;
    }
    if (prog === null) {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t.value) || /^(sudo|env|exec|command|time|nohup|doas)$/.test(t.value)) continue;
      prog = t.value.replace(/^.*\//, '');
      rules = BY_PROGRAM[prog] ?? null;
      armed = !rules?.after;
      continue;
    }
    if (pending === 'secret') {
      if (!text.slice(t.start, t.end).includes(MARK)) edits.push({ start: t.start, end: t.end, text: maskWord(text, t) });
      pending = null;
      continue;
    }
    const v = t.value;
    if (prog === 'htpasswd') {
      if (/^-[a-zA-Z]*b/.test(v)) htpasswdBatch = true;
      else if (!v.startsWith('-')) positional.push(t);
      continue;
    }
    if (prog === 'aws') {
      aws.push(v);
      // aws configure set aws_secret_access_key VALUE
      if (aws.length >= 3 && aws[aws.length - 3] === 'set' && /secret|token|password/i.test(aws[aws.length - 2]!) && aws.includes('configure')) {
        edits.push({ start: t.start, end: t.end, text: maskWord(text, t) });
      }
      continue;
    }
    if (!rules) continue;
    if (!armed) {
      if (v === rules.after) armed = true;
      continue;
    }
    if (rules.next?.includes(v)) {
      pending = 'secret';
      continue;
    }
    const glued = rules.glued?.find((g) => v.startsWith(g) && v.length > g.length && !v.startsWith('--'));
    if (glued && !text.slice(t.start, t.end).includes(MARK)) edits.push({ start: t.start, end: t.end, text: maskWord(text, t, glued.length) });
  }
  flush();
  if (edits.length === 0) return text;
  let out = '';
  let at = 0;
  for (const e of edits.sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Masks credentials in free text (command lines, messages, log records). */
export function maskSecrets(text: string): string {
  let out = maskProgramOptions(text);
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
