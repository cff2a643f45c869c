// The token stores CLIs keep in the home directory, read by their structure: which profile,
// host or context a value belongs to is what tells its environment. Paths are matched by suffix,
// so the same files inside a scanned tree (a committed .npmrc, a copied kubeconfig) count too.
import type { Hit } from './types';

type Extract = (text: string) => Hit[];

const hit = (provider: string, kind: string, value: unknown, detector: string, more: Partial<Hit> = {}): Hit[] =>
  typeof value === 'string' && value.length >= 8 ? [{ provider, kind, value, detector: `airlock/store:${detector}`, ...more }] : [];

function json(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function yaml(text: string): Record<string, unknown> | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const v = (require('yaml') as typeof import('yaml')).parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const lineOf = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : text.slice(0, i).split('\n').length;
};

/** INI sections ([profile]) with key = value lines. */
function ini(text: string): { section: string; key: string; value: string; line: number }[] {
  const out: { section: string; key: string; value: string; line: number }[] = [];
  let section = '';
  text.split('\n').forEach((l, i) => {
    const s = /^\s*\[([^\]]+)\]/.exec(l);
    if (s) section = s[1]!.trim();
    const kv = /^\s*([A-Za-z0-9_.-]+)\s*=\s*"?([^"\s]+)"?\s*$/.exec(l);
    if (kv) out.push({ section, key: kv[1]!, value: kv[2]!, line: i + 1 });
  });
  return out;
}

const awsCredentials: Extract = (text) => {
  const rows = ini(text);
  const out: Hit[] = [];
  for (const r of rows) {
    if (!/^aws_secret_access_key$/i.test(r.key)) continue;
    const keyId = rows.find((x) => x.section === r.section && /^aws_access_key_id$/i.test(x.key))?.value;
    const session = rows.find((x) => x.section === r.section && /^aws_session_token$/i.test(x.key))?.value;
    const profile = r.section.replace(/^profile\s+/, '');
    out.push(...hit('aws', 'secret access key', r.value, 'aws', {
      line: r.line, variable: `[${profile}] aws_secret_access_key`, hints: [`profile ${profile}`],
      companions: { ...(keyId ? { accessKeyId: keyId } : {}), ...(session ? { sessionToken: session } : {}) },
    }));
  }
  return out;
};

const railwayConfig: Extract = (text) => {
  const c = json(text);
  const user = obj(c?.user);
  const projects = Object.values(obj(c?.projects)).map((p) => obj(p));
  const hints = projects.flatMap((p) => [p.name, p.environmentName, p.projectPath].filter((x): x is string => typeof x === 'string'));
  return hit('railway', 'account token (CLI login)', user.token ?? user.accessToken, 'railway', { line: lineOf(text, '"token"'), variable: 'user.token', hints: hints.map((h) => `linked ${h}`) });
};

const ghHosts: Extract = (text) => {
  const c = yaml(text) ?? {};
  return Object.entries(c).flatMap(([host, v]) => {
    const e = obj(v);
    const users = Object.values(obj(e.users)).map((u) => obj(u).oauth_token);
    return [e.oauth_token, ...users].flatMap((t) => hit('github', 'OAuth token (gh CLI)', t, 'gh', { variable: `${host} oauth_token`, hints: [`host ${host}`], line: typeof t === 'string' ? lineOf(text, t) : undefined }));
  });
};

const dockerConfig: Extract = (text) =>
  Object.entries(obj(json(text)?.auths)).flatMap(([registry, v]) => {
    const e = obj(v);
    const value = e.auth ?? e.identitytoken ?? e.registrytoken;
    return hit('docker', 'registry credential', value, 'docker', { variable: `auths.${registry}`, hints: [`host ${registry.replace(/^https?:\/\//, '').replace(/\/.*$/, '')}`], line: typeof value === 'string' ? lineOf(text, value) : undefined });
  });

const kubeconfig: Extract = (text) => {
  const c = yaml(text) ?? {};
  const users = (Array.isArray(c.users) ? c.users : []).map(obj);
  const contexts = (Array.isArray(c.contexts) ? c.contexts : []).map(obj);
  const clusters = (Array.isArray(c.clusters) ? c.clusters : []).map(obj);
  return users.flatMap((u) => {
    const name = String(u.name ?? '');
    const creds = obj(u.user);
    const ctx = contexts.filter((x) => obj(x.context).user === name);
    const hosts = ctx.map((x) => obj(clusters.find((k) => k.name === obj(x.context).cluster)?.cluster).server).filter((s): s is string => typeof s === 'string');
    const hints = [...ctx.map((x) => `context ${String(x.name)}`), ...hosts.map((h) => `host ${h}`)];
    return [
      ...hit('kubernetes', 'bearer token', creds.token, 'kube', { variable: `users.${name}.token`, hints }),
      ...hit('kubernetes', 'client key', creds['client-key-data'], 'kube', { variable: `users.${name}.client-key-data`, hints }),
      ...hit('kubernetes', 'password', creds.password, 'kube', { variable: `users.${name}.password`, hints }),
    ];
  });
};

const netrc: Extract = (text) => {
  const out: Hit[] = [];
  const words = text.replace(/#.*$/gm, '').split(/\s+/).filter(Boolean);
  let machine = 'default';
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'machine') machine = words[++i] ?? '';
    else if (words[i] === 'default') machine = 'default';
    else if (words[i] === 'password') {
      const provider = /heroku\.com$/.test(machine) ? 'heroku' : /github\.com$/.test(machine) ? 'github' : /railway\.(app|com)$/.test(machine) ? 'railway' : 'netrc';
      const v = words[++i];
      out.push(...hit(provider, provider === 'heroku' ? 'API key' : 'password', v, 'netrc', { variable: `machine ${machine}`, hints: [`host ${machine}`], line: v ? lineOf(text, v) : undefined }));
    }
  }
  return out;
};

const pgpass: Extract = (text) =>
  text.split('\n').flatMap((l, i) => {
    if (/^\s*#/.test(l)) return [];
    const f = l.split(/(?<!\\):/);
    if (f.length < 5) return [];
    return hit('postgres', 'password', f.slice(4).join(':').trim(), 'pgpass', { line: i + 1, variable: `${f[0]}:${f[2]}:${f[3]}`, hints: [`host ${f[0]}`, `database ${f[2]}`] });
  });

const npmrc: Extract = (text) =>
  text.split('\n').flatMap((l, i) => {
    const m = /^\s*(\/\/[^:]+\/)?:?_(authToken|auth|password)\s*=\s*(\S+)/.exec(l);
    return m ? hit('npm', 'registry token', m[3], 'npmrc', { line: i + 1, variable: `${m[1] ?? ''}_${m[2]}`, hints: m[1] ? [`host ${m[1].replace(/^\/\//, '').replace(/\/.*$/, '')}`] : [] }) : [];
  });

const gcloudAdc: Extract = (text) => {
  const c = json(text) ?? {};
  const project = typeof c.quota_project_id === 'string' ? [`project ${c.quota_project_id}`] : typeof c.project_id === 'string' ? [`project ${c.project_id}`] : [];
  return [
    ...hit('gcp', 'refresh token (application default credentials)', c.refresh_token, 'gcloud', { variable: 'refresh_token', hints: project }),
    ...hit('gcp', `service account key${typeof c.client_email === 'string' ? ` (${c.client_email})` : ''}`, c.private_key, 'gcloud', { variable: 'private_key', hints: project }),
  ];
};

/** Raw token files (one value, nothing else). */
const raw = (provider: string, kind: string): Extract => (text) => hit(provider, kind, text.trim().split('\n')[0], provider, { line: 1 });

const yamlKey = (provider: string, kind: string, ...keys: string[]): Extract => (text) => {
  const c = yaml(text) ?? {};
  return keys.flatMap((k) => hit(provider, kind, c[k], provider, { variable: k, line: typeof c[k] === 'string' ? lineOf(text, c[k] as string) : undefined }));
};

const jsonKey = (provider: string, kind: string, ...keys: string[]): Extract => (text) => {
  const c = json(text) ?? {};
  return keys.flatMap((k) => hit(provider, kind, c[k], provider, { variable: k, line: typeof c[k] === 'string' ? lineOf(text, c[k] as string) : undefined }));
};

const tomlKeys = (provider: string, kind: string, ...keys: string[]): Extract => (text) =>
  ini(text).filter((r) => keys.includes(r.key)).flatMap((r) => hit(provider, kind, r.value, provider, { line: r.line, variable: r.key }));

const azureTokens: Extract = (text) => {
  const c = json(text);
  const tokens = Array.isArray(c) ? c : Object.values(obj(c?.RefreshToken ?? c?.AccessToken));
  return tokens.map(obj).flatMap((t) => hit('azure', 'cached token', t.refreshToken ?? t.secret ?? t.accessToken, 'azure', { variable: 'token cache' })).slice(0, 1);
};

/** Suffix of the absolute path -> how to read it. */
export const STORES: [RegExp, Extract][] = [
  [/\/\.aws\/credentials$/, awsCredentials],
  [/\/\.railway\/config\.json$/, railwayConfig],
  [/\/gh\/hosts\.yml$/, ghHosts],
  [/\/\.docker\/config\.json$/, dockerConfig],
  [/\/\.kube\/config$|\/kubeconfig(\.ya?ml)?$|\.kubeconfig$/, kubeconfig],
  [/\/[._]netrc$/, netrc],
  [/\/\.pgpass$/, pgpass],
  [/\/\.npmrc$/, npmrc],
  [/\/gcloud\/application_default_credentials\.json$|\/gcloud\/legacy_credentials\/[^/]+\/adc\.json$/, gcloudAdc],
  [/\/\.azure\/(accessTokens|msal_token_cache)\.json$/, azureTokens],
  [/\/\.fly\/config\.yml$|\/flyctl\/config\.yml$/, yamlKey('fly', 'access token (flyctl login)', 'access_token')],
  [/com\.vercel\.cli\/auth\.json$|\/\.vercel\/auth\.json$/, jsonKey('vercel', 'access token (CLI login)', 'token')],
  [/\/\.supabase\/access-token$/, raw('supabase', 'personal access token')],
  [/\.wrangler\/config\/default\.toml$/, tomlKeys('cloudflare', 'OAuth token (wrangler login)', 'oauth_token', 'api_token', 'refresh_token')],
  [/\/\.vault-token$/, raw('vault', 'token')],
];

export function storeHits(path: string, text: string): Hit[] {
  for (const [re, extract] of STORES) if (re.test(path)) return extract(text);
  return [];
}
