// Credential hygiene. Facts:
//   secret-read    a token store / secret file is read, copied, encoded or sourced
//                  {program, file, kind, action, variables, reveals} targets: token=file (its environment);
//                  reveals: the credentials in it, masked, from src/scan's detectors
//   secret-search  a recursive search for credentials {program, pattern, paths, scope: home|root|tree,
//                  inScope: credential files the search would read}; a search inside a project whose
//                  enumerated scope (search-scope.ts) holds no credential files is no fact
//   credential-flow a credential taken from a file earlier in the same line is used by a tool
//                  {program, from, kinds, variable, explicit, uses} infra, targets: token=file
//   credential-use a credential typed on the line (header, -u, --token, NAME=value) that the last
//                  scan or the working directory's secret files hold {program, provider, kind,
//                  masked, where, note}: no rule needs it; its note tells the human where it is from
// Commands of one line are analysed in order with one context object, so reads seen earlier in
// the line (inside $(...) too: substitutions are emitted before their command) are remembered
// per context.
import type { Command, Fact, Target } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { describeHits, detectKnown } from '../../scan/detect';
import { whereFound } from '../../scan/known';
import { isPlaceholder } from '../../scan/providers';
import { secretKind, SECRET_PATTERN, CREDENTIAL_VAR, namedVariables, type SecretKind } from './secrets';
import { includeGlobs, searchScope } from './search-scope';

const READERS = ['cat', 'tac', 'less', 'more', 'head', 'tail', 'bat', 'batcat', 'nl', 'view', 'strings', 'od', 'hexdump', 'xxd', 'base64', 'base32', 'basenc', 'openssl', 'gpg', 'jq', 'yq', 'awk', 'gawk', 'sed', 'cut', 'sort', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'cp', 'scp', 'rsync', 'install', 'tar', 'zip', 'gzip', 'source', '.', 'dotenv', 'python', 'python3', 'node', 'git'];
const COPIERS = new Set(['cp', 'scp', 'rsync', 'install', 'tar', 'zip', 'gzip', 'base64', 'base32', 'basenc', 'xxd', 'od', 'hexdump', 'openssl', 'gpg']);
const COPY_DEST = new Set(['cp', 'scp', 'rsync', 'install']);
const SCRIPTED = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'jq', 'yq', 'awk', 'gawk', 'sed']);
const HTTP = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie']);
const USERS = ['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'railway', 'psql', 'pg_dump', 'pg_restore', 'mysql', 'gh', 'aws', 'gcloud', 'gsutil', 'kubectl', 'helm', 'terraform', 'tofu', 'vercel', 'fly', 'flyctl', 'heroku', 'supabase', 'doctl', 'az', 'stripe', 'npx', 'node'];
const AUTH_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|private-token|cookie|x-railway-token|project-access-token)\s*:/i;

interface Read {
  file: string;
  kind: SecretKind;
  /** What the file holds, masked (scan's detectors): provider, kind, variable, line. */
  reveals?: string;
}
const seen = new WeakMap<AnalyzeContext, Read[]>();

const str = (w: { value: string | null }) => w.value ?? '';

/**
 * openssl verbs that create keys, requests and certificates or read certificates: their -out /
 * -keyout files are being made, not copied, and the -key they sign with is not printed.
 */
const OPENSSL_MAKERS = new Set(['genrsa', 'genpkey', 'req', 'x509', 'ecparam', 'dhparam', 'verify', 's_client', 'crl', 'rand', 'version', 'ciphers', 'list']);
/** openssl verbs that read a private key and print it unless told not to. */
const KEY_TOOLS = new Set(['rsa', 'pkey', 'ec', 'dsa']);
/** scp/rsync/sftp options whose value is not a file being copied (the identity file authenticates). */
const COPY_OPTS_WITH_VALUE: Record<string, Set<string>> = {
  scp: new Set(['-i', '-P', '-o', '-F', '-c', '-l', '-J', '-S', '-D', '-X']),
  rsync: new Set(['-e', '--rsh', '--port', '--password-file']),
};

function reads(cmd: Command): { files: string[]; pattern: string } {
  const prog = cmd.program!;
  const args = cmd.argv.slice(1).map(str);
  if (prog === 'git' && args[0] !== 'grep') return { files: [], pattern: '' };
  if (prog === 'openssl' && OPENSSL_MAKERS.has(args[0] ?? '')) return { files: [], pattern: '' };
  // Checking a key (`openssl rsa -in k -check -noout`) or deriving its public half (-pubout) prints
  // and writes nothing secret; -text would print the private components.
  if (prog === 'openssl' && KEY_TOOLS.has(args[0] ?? '') && !args.includes('-text') && (args.includes('-noout') || args.includes('-pubout'))) return { files: [], pattern: '' };
  const skipValue = COPY_OPTS_WITH_VALUE[prog];
  const positional: string[] = [];
  let pattern = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a === '-e' || a === '--regexp' || a === '-f') && SCRIPTED.has(prog)) pattern ||= args[++i] ?? '';
    else if (skipValue?.has(a)) i++;
    else if (a.startsWith('--') && a.includes('=')) positional.push(a.slice(a.indexOf('=') + 1));
    else if (!a.startsWith('-') || a === '-') positional.push(a);
  }
  if (prog === 'git') positional.shift();
  if ((SCRIPTED.has(prog) || prog === 'git') && !pattern) pattern = positional.shift() ?? '';
  // cp/scp/rsync/install: the last path is where the copy goes, not something read.
  if (COPY_DEST.has(prog) && positional.length > 1) positional.pop();
  if (cmd.stdin?.kind === 'file' && cmd.stdin.path) positional.push(cmd.stdin.path);
  for (const r of cmd.redirects) if (r.op === '<' && r.target?.value) positional.push(r.target.value);
  return { files: positional, pattern };
}

function secretReads(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const prog = cmd.program!;
  const { files, pattern } = reads(cmd);
  const out: Fact[] = [];
  const variables = namedVariables(pattern);
  for (const file of new Set(files)) {
    const kind = secretKind(file);
    if (!kind) continue;
    const action = prog === 'source' || prog === '.' || prog === 'dotenv' ? 'source' : COPIERS.has(prog) ? 'copy' : 'read';
    const reveals = revealed(file, ctx);
    out.push({ type: 'secret-read', command: cmd.text, program: prog, file, kind, action, variables, ...(reveals ? { reveals } : {}), targets: [{ kind: 'token', value: file }] });
    const list = seen.get(ctx) ?? [];
    list.push({ file, kind, reveals });
    seen.set(ctx, list);
  }
  const search = secretSearch(cmd, pattern, files, ctx);
  if (search) out.push(search);
  return out;
}

/** The credentials in a file the command reads, masked, for the finding's message and the approver. */
function revealed(file: string, ctx: AnalyzeContext): string | undefined {
  const text = ctx.readFile(file);
  if (!text) return undefined;
  const hits = detectKnown(file, text);
  return hits.length ? describeHits(hits) : undefined;
}

/** Values with a credential's shape (AWS key ids, GitHub/GitLab/Stripe/Slack tokens, Google keys, JWTs, PEM keys): hunting for them asks anywhere. */
const VALUE_SHAPED = /AKIA|ASIA[0-9A-Z]|ghp_|gho_|ghs_|ghu_|github_pat_|glpat-|sk_live|sk_test|rk_live|xox[abprs]-|AIza|BEGIN[A-Z ]*PRIVATE|eyJ[A-Za-z0-9]/;
/** Directories that hold configuration and deploy secrets rather than source code. */
const CONFIG_DIR = /^(config|configs|conf|secrets?|credentials?|private|env|envs|deploy|\.[^/]*)$/i;
const SECRET_WORDS = new RegExp(SECRET_PATTERN.source, 'gi');

/**
 * A search for a code identifier that merely contains a credential word (ReadOnlyPasswordHashField,
 * password_reset_form): what remains once the credential words and their usual suffixes are taken
 * out is a real name. Bare words (password, api_key) and UPPER_SNAKE variables (RAILWAY_TOKEN) are not.
 */
function isCodeIdentifier(pattern: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(pattern) || !/[a-z]/.test(pattern)) return false;
  const rest = pattern.replace(SECRET_WORDS, ' ').replace(/(^|_|\s)(keys?|ids?|values?|string|str|var|env|file|s)(?=_|\s|$|[A-Z])/gi, ' ');
  return (rest.match(/[A-Za-z]/g) ?? []).length >= 4;
}

/** A path inside the project's source: relative (or under cwd), no dot-directories, config dirs or secret files. */
function isSourcePath(p: string, cwd: string): boolean {
  let rel = p;
  if (rel.startsWith(cwd + '/')) rel = rel.slice(cwd.length + 1);
  rel = rel.replace(/^(\.\/)+/, '');
  if (!rel || rel === '.' || rel.startsWith('/') || rel.startsWith('~') || rel.startsWith('-')) return false;
  const segs = rel.split('/').filter(Boolean);
  if (segs.some((s) => s === '..' || CONFIG_DIR.test(s))) return false;
  return secretKind(rel) === null && !/(^|\/)\.env|\.envrc/.test(rel);
}

function secretSearch(cmd: Command, pattern: string, paths: string[], ctx: AnalyzeContext): Fact | null {
  const prog = cmd.program!;
  if (!['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'git'].includes(prog) || !pattern) return null;
  // Regex syntax hides the word: api[_-]?key -> apikey.
  const plain = pattern.replace(/\[[^\]]*\][?*+]?|[\\^$.*+?()|{}]/g, '');
  const shaped = VALUE_SHAPED.test(pattern) || VALUE_SHAPED.test(plain);
  if (!shaped && !SECRET_PATTERN.test(pattern) && !SECRET_PATTERN.test(plain)) return null;
  const args = cmd.argv.slice(1).map(str);
  const recursive = prog !== 'grep' && prog !== 'egrep' && prog !== 'fgrep'
    ? true
    : args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive' || a === '--dereference-recursive' || /^(-d|--directories)=?recurse$/.test(a));
  if (!recursive) return null;
  const home = (ctx.env.HOME ?? process.env.HOME ?? '/root').replace(/\/+$/, '');
  const scope = paths.some((p) => p === '/' || p === '/home' || p === '/Users') ? 'root' : paths.some((p) => p === home || p === '~' || p === `${home}/`) ? 'home' : 'tree';
  if (!shaped && scope === 'tree') {
    // Reading the project's own source for a name is everyday work; its config, env files and
    // dot-directories (and the whole tree, for bare credential words) are where tokens live.
    if (paths.length && paths.every((p) => isSourcePath(p, ctx.cwd))) return null;
    if (isCodeIdentifier(plain) && paths.every((p) => p === '.' || p === './' || isSourcePath(p, ctx.cwd))) return null;
  }
  const roots = paths.length ? paths : ['.'];
  // Inside a project (not the home itself, not /), what the search would print is decided by the
  // files it reads: enumerated, bounded; none holding or named like credentials, nothing to expose.
  let inScope: string[] = [];
  if (!shaped && scope === 'tree' && !ctx.noFileReads && !dynamicPaths(cmd)) {
    const cwd = ctx.cwd.replace(/\/+$/, '');
    // A working directory inside the home's dot-directories (~/.config, ~/.aws) is configuration, not a project.
    const inHomeDotDir = cwd.startsWith(home + '/') && cwd.slice(home.length + 1).split('/').some((s) => s.startsWith('.'));
    if (cwd && cwd !== home && !isAncestor(cwd, home) && !inHomeDotDir) {
      const found = searchScope(roots, cwd, includeGlobs(prog, args));
      if (found.complete && !found.secrets.length) return null;
      inScope = found.secrets;
    }
  }
  return {
    type: 'secret-search', command: cmd.text, program: prog, pattern, paths: roots, scope, variables: namedVariables(pattern),
    ...(inScope.length ? { inScope } : {}),
  };
}

/** A word of the command is only known at run time (`grep -r token $DIR`): its scope is unknown. */
function dynamicPaths(cmd: Command): boolean {
  return cmd.argv.slice(1).some((w) => w.value === null) || Boolean(cmd.dynamicTail);
}

/** cwd is / or a directory above the home (/home): a search there reaches every home. */
function isAncestor(dir: string, home: string): boolean {
  return dir === '' || dir === '/' || home.startsWith(dir + '/');
}

function credentialFlow(cmd: Command, ctx: AnalyzeContext): Fact | null {
  const earlier = seen.get(ctx);
  if (!earlier?.length) return null;
  const prog = cmd.program!;
  let explicit = false;
  let variable = '';
  for (const [name, value] of Object.entries(cmd.env)) {
    if (value === null && CREDENTIAL_VAR.test(name)) {
      explicit = true;
      variable = name;
    }
  }
  if (HTTP.has(prog)) {
    const argv = cmd.argv.slice(1);
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const next = argv[i + 1];
      if ((a.value === '-H' || a.value === '--header') && next && next.value === null && AUTH_HEADER.test(next.raw.replace(/^['"]/, ''))) explicit = true;
      if (/^(-u|--user|--oauth2-bearer|--password|--http-password|--header=.*|--auth)$/.test(a.value ?? '') && next?.value === null) explicit = true;
      if (a.value === null && /^['"]?(authorization|x-api-key|-u|--user)/i.test(a.raw)) explicit = true;
    }
  }
  const dotenv = earlier.filter((r) => r.kind === 'dotenv');
  if (!explicit && !dotenv.length) return null;
  const from = explicit ? earlier : dotenv;
  const targets: Target[] = [...new Set(from.map((r) => r.file))].map((f) => ({ kind: 'token', value: f }));
  const told = from.filter((r) => r.reveals);
  const uses = told.map((r) => (told.length > 1 ? `${r.reveals} from ${r.file}` : r.reveals)).join('; ');
  return {
    type: 'credential-flow', command: cmd.text, program: prog, from: targets.map((t) => t.value), kinds: [...new Set(from.map((r) => r.kind))],
    variable, explicit, infra: true, targets, ...(uses ? { uses } : {}),
  };
}

/** Options whose value is a credential, for the tools that take one on the line. */
const TOKEN_OPTS = /^--?(token|api-?key|access-token|auth-token|password|secret|bearer|oauth2-bearer|pat)$/i;

/** Credential values written literally on the line: auth headers, -u user:pass, --token X, NAME=X. */
function literalCredentials(cmd: Command): string[] {
  const out: string[] = [];
  const take = (v: string | null | undefined) => {
    const t = (v ?? '').trim().replace(/^(bearer|token|basic)\s+/i, '');
    if (t.length >= 12 && !/\s/.test(t) && !isPlaceholder(t)) out.push(t);
  };
  for (const [name, value] of Object.entries(cmd.env)) if (CREDENTIAL_VAR.test(name)) take(value);
  const argv = cmd.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!.value;
    if (a === null) continue;
    const next = argv[i + 1]?.value;
    const header = (h: string) => {
      const m = /^([A-Za-z0-9-]+)\s*:\s*(.+)$/.exec(h);
      if (m && AUTH_HEADER.test(`${m[1]}:`)) take(m[2]);
    };
    if ((a === '-H' || a === '--header') && next) header(next);
    else if (a.startsWith('--header=')) header(a.slice(9));
    else if (/^[A-Za-z0-9-]+:\S/.test(a) && HTTP.has(cmd.program!)) header(a); // httpie: Authorization:'Bearer x'
    else if ((a === '-u' || a === '--user') && next) take(next.slice(next.indexOf(':') + 1));
    else if (TOKEN_OPTS.test(a) && next) take(next);
    else if (/^--?[a-z0-9-]+=/.test(a) && TOKEN_OPTS.test(a.slice(0, a.indexOf('=')))) take(a.slice(a.indexOf('=') + 1));
  }
  return [...new Set(out)];
}

function credentialUses(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const out: Fact[] = [];
  for (const value of literalCredentials(cmd)) {
    const known = whereFound(value, { cwd: ctx.cwd, env: ctx.env });
    if (!known) continue;
    const what = `${known.provider === 'unknown' ? 'a credential' : `the ${known.provider} ${known.kind}`} ${known.masked}`;
    out.push({
      type: 'credential-use', command: cmd.text, program: cmd.program!, provider: known.provider, kind: known.kind, masked: known.masked, where: known.where,
      note: `This command uses ${what}, found in ${known.where}${known.environment && known.environment !== 'unknown' ? ` (${known.environment})` : ''}.`,
    });
  }
  return out;
}

export const analyzer: Analyzer = {
  name: 'credentials',
  analyze(cmd, ctx) {
    if (!cmd.program) return [];
    const facts: Fact[] = [];
    if (USERS.includes(cmd.program)) {
      const flow = credentialFlow(cmd, ctx);
      if (flow) facts.push(flow);
      facts.push(...credentialUses(cmd, ctx));
    }
    if (READERS.includes(cmd.program)) facts.push(...secretReads(cmd, ctx));
    return facts;
  },
};

export default analyzer;
