// Credential hygiene. Facts:
//   secret-read    a token store / secret file is read, copied, encoded or sourced
//                  {program, file, kind, action, variables, reveals} targets: token=file (its environment);
//                  reveals: the credentials in it, masked, from src/scan's detectors
//   secret-search  a recursive search for credentials {program, pattern, paths, scope: home|root|tree}
//   credential-flow a credential taken from a file earlier in the same line is used by a tool
//                  {program, from, kinds, variable, explicit, uses} infra, targets: token=file
// Commands of one line are analysed in order with one context object, so reads seen earlier in
// the line (inside $(...) too: substitutions are emitted before their command) are remembered
// per context.
import type { Command, Fact, Target } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { describeHits, detectKnown } from '../../scan/detect';
import { secretKind, SECRET_PATTERN, CREDENTIAL_VAR, namedVariables, type SecretKind } from './secrets';

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

function reads(cmd: Command): { files: string[]; pattern: string } {
  const prog = cmd.program!;
  const args = cmd.argv.slice(1).map(str);
  if (prog === 'git' && args[0] !== 'grep') return { files: [], pattern: '' };
  const positional: string[] = [];
  let pattern = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a === '-e' || a === '--regexp' || a === '-f') && SCRIPTED.has(prog)) pattern ||= args[++i] ?? '';
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
  const search = secretSearch(cmd, pattern, files);
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

function secretSearch(cmd: Command, pattern: string, paths: string[]): Fact | null {
  const prog = cmd.program!;
  if (!['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'git'].includes(prog) || !pattern) return null;
  // Regex syntax hides the word: api[_-]?key -> apikey.
  const plain = pattern.replace(/\[[^\]]*\][?*+]?|[\\^$.*+?()|{}]/g, '');
  if (!SECRET_PATTERN.test(pattern) && !SECRET_PATTERN.test(plain)) return null;
  const args = cmd.argv.slice(1).map(str);
  const recursive = prog !== 'grep' && prog !== 'egrep' && prog !== 'fgrep'
    ? true
    : args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive' || a === '--dereference-recursive' || /^(-d|--directories)=?recurse$/.test(a));
  if (!recursive) return null;
  const home = (process.env.HOME ?? '/root').replace(/\/+$/, '');
  const scope = paths.some((p) => p === '/' || p === '/home' || p === '/Users') ? 'root' : paths.some((p) => p === home || p === '~' || p === `${home}/`) ? 'home' : 'tree';
  return { type: 'secret-search', command: cmd.text, program: prog, pattern, paths: paths.length ? paths : ['.'], scope, variables: namedVariables(pattern) };
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

export const analyzer: Analyzer = {
  name: 'credentials',
  programs: [...new Set([...READERS, ...USERS])],
  analyze(cmd, ctx) {
    if (!cmd.program) return [];
    const facts: Fact[] = [];
    if (USERS.includes(cmd.program)) {
      const flow = credentialFlow(cmd, ctx);
      if (flow) facts.push(flow);
    }
    if (READERS.includes(cmd.program)) facts.push(...secretReads(cmd, ctx));
    return facts;
  },
};

export default analyzer;
