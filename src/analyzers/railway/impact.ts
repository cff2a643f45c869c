// Railway: resolve the ids a mutation (or `railway ... delete`) names into names, services, the
// environments a volume is mounted in and its size, and say what the token reaches. Only the fixed
// read-only queries below are ever sent, with the command's own token, to the command's endpoint.
import * as fs from 'fs';
import type { Command, Fact } from '../../types';
import { loadSettings } from '../../util/settings';
import type { Impact, Lookup, LookupContext } from '../providers';

// https and tls are loaded on the first lookup: loading them costs tens of ms, and every flagged
// line loads this module while most never reach a lookup.
/* eslint-disable @typescript-eslint/no-require-imports */
const https = (): typeof import('https') => require('https') as typeof import('https');
const tls = (): typeof import('tls') => require('tls') as typeof import('tls');
/* eslint-enable @typescript-eslint/no-require-imports */

export const DEFAULT_ENDPOINT = 'https://backboard.railway.com/graphql/v2';

export type RailwayAuth = { kind: 'account'; token: string } | { kind: 'project'; token: string };

export interface RailwayTarget {
  kind: 'volume' | 'service' | 'environment' | 'project';
  id: string;
}

/** Every query airlock sends: read-only by construction (checked again before sending). */
export const QUERIES = {
  volume: `query airlockVolume($id: String!) { volume(id: $id) { id name project { id name } volumeInstances { edges { node { id mountPath currentSizeMB sizeMB environment { id name } serviceInstance { serviceName } } } } } }`,
  service: `query airlockService($id: String!) { service(id: $id) { id name project { id name } } }`,
  environment: `query airlockEnvironment($id: String!) { environment(id: $id) { id name project { id name } } }`,
  project: `query airlockProject($id: String!) { project(id: $id) { id name environments { edges { node { id name } } } } }`,
  me: `query airlockMe { me { email } apiToken { workspaces { id name } } projects { edges { node { id name } } } }`,
  projectToken: `query airlockProjectToken { projectToken { projectId environmentId project { name } environment { name } } }`,
} as const;

/** The token the command presents: a curl/httpie header, or the CLI's variables. */
export function railwayAuth(command: Command | null, env: Record<string, string | undefined>): RailwayAuth | null {
  const words = (command?.argv ?? []).map((w) => w.value ?? '');
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const header = w === '-H' || w === '--header' ? (words[i + 1] ?? '') : w.startsWith('-H') ? w.slice(2) : w.startsWith('--header=') ? w.slice(9) : /^[A-Za-z-]+:/.test(w) ? w : '';
    const bearer = /^\s*authorization\s*:\s*bearer\s+(\S+)/i.exec(header);
    if (bearer) return { kind: 'account', token: bearer[1]! };
    const pat = /^\s*project-access-token\s*:\s*(\S+)/i.exec(header);
    if (pat) return { kind: 'project', token: pat[1]! };
  }
  const get = (k: string) => (command?.env[k] ?? undefined) || env[k];
  const account = get('RAILWAY_API_TOKEN');
  if (account) return { kind: 'account', token: account };
  const project = get('RAILWAY_TOKEN');
  if (project) return { kind: 'project', token: project };
  return null;
}

/** The ids a fact names, by kind. */
export function railwayTargets(fact: Fact): RailwayTarget[] {
  const out: RailwayTarget[] = [];
  const add = (kind: RailwayTarget['kind'], id: unknown) => {
    if (typeof id === 'string' && id && id !== 'unknown' && !out.some((t) => t.kind === kind && t.id === id)) out.push({ kind, id });
  };
  if (fact.type === 'graphql') {
    const args = (fact.args ?? {}) as Record<string, unknown>;
    const field = String(fact.field ?? '');
    add('volume', args.volumeId);
    add('service', args.serviceId);
    add('environment', args.environmentId);
    add('project', args.projectId);
    const id = args.id ?? args.input;
    if (/^volume/i.test(field)) add('volume', id);
    else if (/^service/i.test(field)) add('service', id);
    else if (/^environment/i.test(field)) add('environment', id);
    else if (/^project/i.test(field)) add('project', id);
  } else if (fact.type === 'railway') {
    add('volume', fact.volume);
    add('service', fact.service);
    add('project', fact.project);
    add('environment', fact.environment);
  }
  return out;
}

interface GqlResponse {
  data?: Record<string, unknown> | null;
  errors?: { message?: string }[];
}

/** POSTs one read-only query; rejects on abort, HTTP errors and non-JSON. */
export function gql(endpoint: string, auth: RailwayAuth, query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<GqlResponse> {
  if (!/^\s*query\b/.test(query)) return Promise.reject(new Error('refusing to send anything but a query'));
  const settings = loadSettings();
  const url = new URL(endpoint);
  const own = Object.hasOwn(settings.impact.families, 'railway') ? settings.impact.families.railway! : {};
  const connectTo = own.connect_to ?? null;
  const caFile = own.ca_file ?? null;
  const [host, port] = connectTo ? splitHostPort(connectTo) : [url.hostname, Number(url.port || 443)];
  const ca = caFile ? [...tls().rootCertificates, fs.readFileSync(caFile, 'utf8')] : undefined;
  const body = JSON.stringify({ query, variables });
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), host: url.host, 'user-agent': 'airlock-impact' };
  if (auth.kind === 'account') headers.authorization = `Bearer ${auth.token}`;
  else headers['project-access-token'] = auth.token;
  return new Promise((resolve, reject) => {
    const req = https().request({ host, port, servername: url.hostname, method: 'POST', path: url.pathname + url.search, headers, ca, signal }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        raw += d;
        if (raw.length > 1024 * 1024) req.destroy(new Error('response too large'));
      });
      res.on('end', () => {
        try {
          resolve(JSON.parse(raw) as GqlResponse);
        } catch {
          reject(new Error(`HTTP ${res.statusCode}: not a GraphQL answer`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', (e) => reject(signal.aborted ? new Error('deadline passed') : e));
    req.end(body);
  });
}

function splitHostPort(s: string): [string, number] {
  const i = s.lastIndexOf(':');
  return i > 0 ? [s.slice(0, i).replace(/^\[|\]$/g, ''), Number(s.slice(i + 1)) || 443] : [s, 443];
}

type Edges<T> = { edges?: { node?: T }[] } | null | undefined;
const nodes = <T>(e: Edges<T>): T[] => (e?.edges ?? []).map((x) => x.node).filter((x): x is T => Boolean(x));

interface VolumeInstance {
  mountPath?: string;
  currentSizeMB?: number;
  sizeMB?: number;
  environment?: { name?: string };
  serviceInstance?: { serviceName?: string };
}

function mb(n: number | undefined): string {
  if (typeof n !== 'number') return '? MB';
  // Railway reports decimal megabytes.
  return n >= 1000 ? `${(n / 1000).toFixed(1)} GB` : `${Math.round(n)} MB`;
}

function describeTarget(t: RailwayTarget, data: Record<string, unknown> | null | undefined): { lines: string[]; details: Record<string, unknown> } {
  const o = (data?.[t.kind] ?? null) as Record<string, unknown> | null;
  if (!o) return { lines: [`${t.kind} ${t.id}: not found with this token`], details: { [t.kind]: null } };
  const project = (o.project as { name?: string } | undefined)?.name;
  if (t.kind === 'volume') {
    const inst = nodes(o.volumeInstances as Edges<VolumeInstance>);
    const envs = [...new Set(inst.map((i) => i.environment?.name).filter(Boolean))] as string[];
    const services = [...new Set(inst.map((i) => i.serviceInstance?.serviceName).filter(Boolean))] as string[];
    const mounts = inst.map((i) => `${i.environment?.name ?? '?'}${i.mountPath ? ` at ${i.mountPath}` : ''}`);
    const size = inst.reduce((s, i) => s + (i.currentSizeMB ?? 0), 0);
    return {
      lines: [
        `volume "${String(o.name)}"${services.length ? ` of service ${services.join(', ')}` : ''}${project ? ` in project ${project}` : ''}`,
        `mounted in ${envs.length ? envs.map((e) => (/prod/i.test(e) ? e.toUpperCase() : e)).join(' and ') : 'no environment'}${mounts.length ? ` (${mounts.join('; ')})` : ''}, ${mb(size)} used`,
        'deleting it deletes it in every environment, with the backups kept on it',
      ],
      details: { volume: { id: o.id, name: o.name, project, services, environments: envs, mounts, sizeMB: size } },
    };
  }
  if (t.kind === 'project') {
    const envs = nodes(o.environments as Edges<{ name?: string }>).map((e) => e.name);
    return { lines: [`project "${String(o.name)}" with environments ${envs.join(', ') || 'none'}`], details: { project: { id: o.id, name: o.name, environments: envs } } };
  }
  return { lines: [`${t.kind} "${String(o.name)}"${project ? ` in project ${project}` : ''}`], details: { [t.kind]: { id: o.id, name: o.name, project } } };
}

function describeReach(auth: RailwayAuth, r: GqlResponse | null): string {
  const d = r?.data;
  if (!d) return `token: could not tell what it reaches${r?.errors?.[0]?.message ? ` (${r.errors[0].message})` : ''}`;
  if (auth.kind === 'project') {
    const p = d.projectToken as { project?: { name?: string }; environment?: { name?: string } } | undefined;
    return `token: project token for project ${p?.project?.name ?? '?'}, environment ${p?.environment?.name ?? '?'}`;
  }
  const me = d.me as { email?: string } | undefined;
  const ws = ((d.apiToken as { workspaces?: { name?: string }[] } | undefined)?.workspaces ?? []).map((w) => w.name);
  const projects = nodes(d.projects as Edges<{ name?: string }>).map((p) => p.name);
  return `token: account token${me?.email ? ` of ${me.email}` : ''}${ws.length ? ` (workspaces ${ws.join(', ')})` : ''}: reaches all ${projects.length} projects${projects.length ? ` (${projects.slice(0, 4).join(', ')})` : ''}, every operation (account tokens have no scopes)`;
}

export async function railwayImpact(fact: Fact, ctx: LookupContext): Promise<Impact | null> {
  if (fact.type !== 'graphql' && fact.type !== 'railway') return null;
  if (fact.type === 'graphql' && !fact.railway) return null;
  const targets = railwayTargets(fact);
  if (!targets.length) return null;
  const auth = railwayAuth(ctx.command, ctx.env);
  if (!auth) return { source: 'railway', status: 'unavailable', summary: ['could not look up: no Railway token on the command line or in the environment'], error: 'no token' };
  const endpoint = fact.type === 'graphql' && typeof fact.url === 'string' && /^https:\/\//.test(fact.url) ? fact.url : DEFAULT_ENDPOINT;
  const reach = gql(endpoint, auth, auth.kind === 'account' ? QUERIES.me : QUERIES.projectToken, {}, ctx.signal).catch(() => null);
  const looked = await Promise.all(targets.map((t) => gql(endpoint, auth, QUERIES[t.kind], { id: t.id }, ctx.signal).then((r) => describeTarget(t, r.data))));
  const summary = looked.flatMap((l) => l.lines);
  summary.push(describeReach(auth, await reach));
  return { source: 'railway', status: 'looked-up', summary, details: Object.assign({ endpoint: new URL(endpoint).host, tokenKind: auth.kind }, ...looked.map((l) => l.details)) };
}

/** The family's impact lookup (its declaration's `impact`), loaded by src/impact through the generated table. */
export const lookup: Lookup = railwayImpact;
