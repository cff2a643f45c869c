// The client-independent shape of one HTTP request, and what can be said about its host.
// Each client parser (curl, wget, httpie/xh, gh api) fills an HttpRequest; facts.ts turns it into facts.
import type { Word } from '../../types';

export interface HttpRequest {
  client: string;
  /** Upper-case method; null when written with an unknown variable (-X "$M"). */
  method: string | null;
  /** URLs as written; value null when not knowable. */
  urls: Word[];
  /** Credential kinds seen: header names (lower-case), "basic", "bearer", "netrc", "cookie"... */
  authKinds: string[];
  /** Raw text of headers that carry credentials, for hints such as a $RAILWAY_* token. */
  authText: string[];
  contentType?: string;
  /** Body text (form fields joined with &); null = there is a body but it cannot be known. */
  body?: string | null;
  /** Form fields (-F, httpie items) when the body is not a single text. */
  form?: Record<string, string | null>;
  /** A JSON body built by the client from items (httpie key=value, gh api -f). */
  json?: Record<string, unknown>;
  /** The request is read from a config file or template we cannot see (curl -K, --expand-*). */
  opaque?: boolean;
}

export function emptyRequest(client: string): HttpRequest {
  return { client, method: null, urls: [], authKinds: [], authText: [] };
}

/** Header names that carry credentials (lower-case). */
const AUTH_HEADERS = /^(authorization|proxy-authorization|project-access-token|team-access-token|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-api-token|x-vault-token|x-consul-token|x-goog-api-key|x-railway-token|cookie|x-amz-security-token|x-upstash-token|x-figma-token|x-shopify-access-token|cf-access-token|x-auth-key)$/;

/** Records a header "Name: value" (value may be unknown): credentials and content type. */
export function addHeader(req: HttpRequest, word: Word): void {
  const text = word.value ?? stripQuotes(word.raw);
  const m = /^\s*([A-Za-z0-9_-]+)\s*[:;]\s*(.*)$/s.exec(text);
  if (!m) return;
  const name = m[1]!.toLowerCase();
  if (AUTH_HEADERS.test(name) || /(^|-)(token|secret|api-?key)$/.test(name)) {
    req.authKinds.push(name);
    req.authText.push(word.raw);
  } else if (name === 'content-type' && word.value !== null) req.contentType = m[2]!.trim().toLowerCase();
  else if (/^x-http-method(-override)?$/.test(name) && word.value !== null) req.method = m[2]!.trim().toUpperCase();
}

export function stripQuotes(raw: string): string {
  return raw.replace(/^\$?["']|["']$/g, '');
}

/** A URL as clients accept it: scheme-less "host/path", httpie's ":port/path". */
export function parseUrl(text: string, defaultScheme = 'http'): URL | null {
  let t = text.trim();
  if (t.startsWith(':')) t = `localhost${t}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) t = `${defaultScheme}://${t}`;
  try {
    return new URL(t);
  } catch {
    return null;
  }
}

export function isLocalHost(host: string): boolean {
  return /^(localhost|127(\.\d+){3}|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal)$/.test(host) || host.endsWith('.localhost');
}

const RAILWAY = /^backboard\.railway(-staging|-develop)?\.(app|com)$/;

export function isRailwayHost(host: string): boolean {
  return RAILWAY.test(host) || /^api\.railway\.(app|com)$/.test(host);
}

/** Cloud and platform control planes: requests here change infrastructure. */
const INFRA_HOSTS = [
  'api.github.com', 'api.cloudflare.com', 'api.heroku.com', 'api.digitalocean.com', 'api.fly.io', 'api.machines.dev',
  'api.vercel.com', 'api.netlify.com', 'api.render.com', 'api.supabase.com', 'api.supabase.io', 'console.neon.tech',
  'api.neon.tech', 'api.planetscale.com', 'management.azure.com', 'api.linode.com', 'api.hetzner.cloud', 'api.vultr.com',
  'api.scaleway.com', 'cloud.mongodb.com', 'api.upstash.com', 'api.turso.tech', 'api.cockroachlabs.cloud',
  'app.terraform.io', 'api.pulumi.com', 'api.aiven.io', 'api.exoscale.com', 'api.ovh.com', 'eu.api.ovh.com',
  'api.cloud.ibm.com', 'api.render.com', 'api.koyeb.com', 'api.northflank.com', 'api.xata.io', 'api.tembo.io',
  'api.clever-cloud.com', 'dashboard.heroku.com', 'api.gitlab.com', 'gitlab.com', 'api.bitbucket.org',
];
const INFRA_SUFFIXES = ['.amazonaws.com', '.googleapis.com', '.azure.com', '.core.windows.net', '.r2.cloudflarestorage.com', '.digitaloceanspaces.com', '.linodeobjects.com', '.oraclecloud.com', '.elastic-cloud.com', '.cloud.es.io'];

/** Known infrastructure API. GitHub only counts for DELETE: everything else there is daily work. */
export function isInfraHost(host: string, method: string | null): boolean {
  if (isRailwayHost(host)) return true;
  if (host === 'api.github.com') return method === 'DELETE' || method === null;
  return INFRA_HOSTS.includes(host) || INFRA_SUFFIXES.some((s) => host.endsWith(s));
}

/** Datastore and admin APIs that take no token (Elasticsearch, Meilisearch, Kong admin...). */
const DATASTORE_PORTS = new Set(['9200', '9300', '7700', '8001', '5984', '8500', '9090', '8086', '6333', '8108', '8983', '8529', '7474', '8087', '4001', '2379', '8200', '15672', '9000', '8091']);

export function isDatastorePort(url: URL): boolean {
  return DATASTORE_PORTS.has(url.port);
}

/** Words of path segments, split on camelCase, _, -, . ("_delete_by_query", "doDelete"). */
export function pathWords(path: string): string[] {
  return words(decodeSafe(path));
}

export function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What a human types to approve a REST call: the last one or two path segments. */
export function pathResource(url: URL): string {
  const segs = url.pathname.split('/').filter(Boolean).map(decodeSafe);
  if (!segs.length) return url.host;
  return segs.slice(-2).join('/');
}
