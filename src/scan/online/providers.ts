// Read-only introspection, one function per provider: who the credential is and what it can
// do. Nothing here changes anything at the provider: queries and GETs only (AWS STS
// GetCallerIdentity needs no permission at all).
import { createHash, createHmac } from 'node:crypto';
import type { Capability, Hit } from '../types';
import { endpoint, jsonOf, request } from './http';

type Env = Record<string, string | undefined>;
type Introspect = (hit: Hit, env: Env) => Promise<Capability>;

const rejected = (why: string): Capability => ({ valid: false, broad: false, summary: `rejected by the provider (${why})` });
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

async function graphql(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}, env: Env = process.env) {
  const r = await request(url, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }), env });
  const j = jsonOf(r);
  return { status: r.status, data: obj(j.data), errors: Array.isArray(j.errors) ? j.errors.length : 0 };
}

/** Railway: an account token answers `me`; a project token answers `projectToken` (one environment). */
const railway: Introspect = async (hit, env) => {
  const url = endpoint('railway', 'https://backboard.railway.com/graphql/v2', env);
  const me = await graphql(url, { authorization: `Bearer ${hit.value}` }, 'query { me { id name email } }', {}, env);
  const user = obj(me.data.me);
  if (user.id) {
    return {
      valid: true, broad: true, environments: ['*'], identity: String(user.email ?? user.name ?? user.id),
      summary: 'Railway account token: no per-operation scopes, every project and workspace of the account; can delete volumes in every environment (and their backups), services, environments and projects',
    };
  }
  const pt = await graphql(url, { 'project-access-token': hit.value }, 'query { projectToken { projectId environmentId } }', {}, env);
  const scope = obj(pt.data.projectToken);
  if (scope.projectId) {
    const p = await graphql(url, { 'project-access-token': hit.value }, 'query ($id: String!) { project(id: $id) { name environments { id name } } }', { id: scope.projectId }, env);
    const project = obj(p.data.project);
    const envName = (Array.isArray(project.environments) ? project.environments : []).map(obj).find((e) => e.id === scope.environmentId)?.name;
    const where = String(envName ?? scope.environmentId);
    return {
      valid: true, broad: false, environments: [where], identity: `project ${String(project.name ?? scope.projectId)}`,
      summary: `Railway project token for ${String(project.name ?? scope.projectId)} / ${where}: can deploy, change variables and delete volumes in ${where}`,
    };
  }
  return rejected('neither an account token (me) nor a project token (projectToken)');
};

/** GitHub: GET /user; classic tokens list their scopes in X-OAuth-Scopes. */
const github: Introspect = async (hit, env) => {
  const base = endpoint('github', 'https://api.github.com', env);
  const r = await request(`${base.replace(/\/$/, '')}/user`, { headers: { authorization: `token ${hit.value}`, accept: 'application/vnd.github+json' }, env });
  if (r.status !== 200) return rejected(`GET /user: ${r.status}`);
  const login = String(jsonOf(r).login ?? '?');
  const header = r.headers['x-oauth-scopes'];
  if (header === undefined) return { valid: true, broad: false, identity: login, summary: `GitHub fine-grained or app token of ${login}: permissions are per repository (not listed by the API)` };
  const scopes = String(header).split(',').map((s) => s.trim()).filter(Boolean);
  const broad = scopes.some((s) => ['repo', 'delete_repo', 'admin:org', 'admin:repo_hook', 'workflow', 'write:packages', 'delete:packages', 'admin:enterprise'].includes(s));
  return { valid: true, broad, scopes, identity: login, environments: broad ? ['*'] : undefined, summary: `GitHub token of ${login} with scopes ${scopes.join(', ') || '(none)'}${scopes.includes('delete_repo') ? ': can delete repositories' : scopes.includes('repo') ? ': can push to and change every repository the user can' : ''}` };
};

function sigv4(opts: { keyId: string; secret: string; session?: string; region: string; service: string; host: string; body: string; now: Date }): Record<string, string> {
  const amzDate = opts.now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  const hmac = (k: Buffer | string, s: string) => createHmac('sha256', k).update(s, 'utf8').digest();
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: opts.host, 'x-amz-date': amzDate, ...(opts.session ? { 'x-amz-security-token': opts.session } : {}) };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), hash(opts.body)].join('\n');
  const scope = `${day}/${opts.region}/${opts.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hash(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${opts.secret}`, day), opts.region), opts.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${opts.keyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

/** AWS: sts:GetCallerIdentity (allowed for every credential; tells the account and the principal). */
const aws: Introspect = async (hit, env) => {
  const keyId = hit.companions?.accessKeyId;
  if (!keyId) return { valid: false, broad: false, summary: 'no access key id next to the secret key: not checked' };
  const url = new URL(endpoint('aws', 'https://sts.amazonaws.com/', env));
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const headers = sigv4({ keyId, secret: hit.value, session: hit.companions?.sessionToken, region: 'us-east-1', service: 'sts', host: url.host, body, now: new Date() });
  const r = await request(url.toString(), { headers, body, env });
  if (r.status !== 200) return rejected(`GetCallerIdentity: ${r.status}`);
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(r.body)?.[1] ?? '?';
  const account = /<Account>([^<]+)<\/Account>/.exec(r.body)?.[1] ?? '?';
  const root = /:root$/.test(arn);
  return { valid: true, broad: root, identity: arn, environments: root ? ['*'] : undefined, summary: root ? `AWS root user of account ${account}: can do everything in the account, every environment in it` : `AWS principal ${arn} (account ${account}); its IAM policies decide what it can do (STS does not list them)` };
};

/** Vercel: GET /v2/user. A personal token reaches every project of the user and their teams. */
const vercel: Introspect = async (hit, env) => {
  const base = endpoint('vercel', 'https://api.vercel.com', env);
  const r = await request(`${base.replace(/\/$/, '')}/v2/user`, { headers: { authorization: `Bearer ${hit.value}` }, env });
  if (r.status !== 200) return rejected(`GET /v2/user: ${r.status}`);
  const user = obj(jsonOf(r).user);
  return { valid: true, broad: true, environments: ['*'], identity: String(user.email ?? user.username ?? '?'), summary: `Vercel token of ${String(user.username ?? user.email ?? '?')}: every project and deployment of the account (production included) unless scoped to a team` };
};

/** Cloudflare: GET /user/tokens/verify tells whether the token is active; its policies are shown to tokens that may read them. */
const cloudflare: Introspect = async (hit, env) => {
  const base = endpoint('cloudflare', 'https://api.cloudflare.com/client/v4', env);
  const auth = { authorization: `Bearer ${hit.value}` };
  const r = await request(`${base.replace(/\/$/, '')}/user/tokens/verify`, { headers: auth, env });
  const res = obj(jsonOf(r).result);
  if (r.status !== 200 || res.status !== 'active') return rejected(`tokens/verify: ${r.status} ${String(res.status ?? '')}`.trim());
  const d = await request(`${base.replace(/\/$/, '')}/user/tokens/${encodeURIComponent(String(res.id))}`, { headers: auth, env });
  const policies = (Array.isArray(obj(jsonOf(d).result).policies) ? (obj(jsonOf(d).result).policies as unknown[]) : []).map(obj);
  const groups = policies.flatMap((p) => (Array.isArray(p.permission_groups) ? p.permission_groups : []).map((g) => String(obj(g).name)));
  const broad = policies.some((p) => Object.keys(obj(p.resources)).some((k) => /\*$/.test(k))) || groups.some((g) => /edit|write/i.test(g) && /account|zone/i.test(g));
  return { valid: true, broad, scopes: groups, identity: `token ${String(res.id)}`, summary: groups.length ? `Cloudflare API token: ${groups.join(', ')}${broad ? ' on every zone/account' : ''}` : 'Cloudflare API token: active (its permissions are not readable with it)' };
};

/** Supabase: a personal access token lists every project of the user's organisations. */
const supabase: Introspect = async (hit, env) => {
  if (!/^sbp_/.test(hit.value)) return { valid: false, broad: false, summary: 'a project key (anon or service role): checked only through the project API, not here' };
  const base = endpoint('supabase', 'https://api.supabase.com', env);
  const r = await request(`${base.replace(/\/$/, '')}/v1/projects`, { headers: { authorization: `Bearer ${hit.value}` }, env });
  if (r.status !== 200) return rejected(`GET /v1/projects: ${r.status}`);
  let list: unknown[] = [];
  try {
    list = JSON.parse(r.body) as unknown[];
  } catch {
    list = [];
  }
  const names = (Array.isArray(list) ? list : []).map((p) => String(obj(p).name ?? obj(p).id));
  return { valid: true, broad: true, environments: ['*'], scopes: names, summary: `Supabase personal access token: manages every project of the user's organisations (${names.join(', ') || 'none'}), can delete or pause them` };
};

/** Fly.io: the GraphQL viewer and organisations (what `fly tokens debug` decodes offline). */
const fly: Introspect = async (hit, env) => {
  const url = endpoint('fly', 'https://api.fly.io/graphql', env);
  const token = hit.value.startsWith('FlyV1 ') ? hit.value : `Bearer ${hit.value}`;
  const r = await graphql(url, { authorization: token }, 'query { viewer { email } organizations { nodes { slug } } }', {}, env);
  const viewer = obj(r.data.viewer);
  if (!viewer.email) return rejected('viewer: no answer');
  const orgs = (Array.isArray(obj(r.data.organizations).nodes) ? (obj(r.data.organizations).nodes as unknown[]) : []).map((o) => String(obj(o).slug));
  return { valid: true, broad: true, environments: ['*'], identity: String(viewer.email), scopes: orgs, summary: `Fly.io user token of ${String(viewer.email)}: every app in ${orgs.join(', ') || 'its organisations'}; can destroy apps and volumes` };
};

export const INTROSPECT: Record<string, Introspect> = { railway, github, aws, vercel, cloudflare, supabase, fly };
