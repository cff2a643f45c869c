// HttpRequest -> facts: one `http` fact per URL, one `graphql` fact per root field of every
// GraphQL operation in the body, or a `graphql` fact marked unparsed/unresolved when the document
// cannot be read but the request is aimed at a GraphQL endpoint.
import type { Fact, Target } from '../../types';
import { extractGraphql, markedPaths, rootFields, type GqlRequest } from './graphql';
import { isDatastorePort, isInfraHost, isLocalHost, isRailwayHost, parseUrl, pathResource, pathWords, words, type HttpRequest } from './request';

/** Fields shared by the http and graphql facts of one request. */
export interface FactBase {
  command: string;
  targets: Target[];
  [field: string]: unknown;
}

/** Bodies longer than this are cut in the fact (rules glob over it; the analysis uses all of it). */
const BODY_FACT_MAX = 4096;

/** GraphQL root fields that describe the caller or the schema, not any environment's data. */
const IDENTITY_FIELDS = new Set(['me', 'viewer', 'whoami', 'whoAmI', 'currentUser', 'current_user', '__typename', '__schema', '__type']);

/** Lookup order for the id a human types when a rule has no better template. */
const TARGET_KEYS = ['volumeId', 'volumeInstanceBackupId', 'id', 'name', 'serviceId', 'volumeInstanceId', 'bucketId', 'environmentId', 'projectId', 'workspaceId', 'userId', 'domain', 'recordId', 'rootServiceId', 'guid'];

export function requestFacts(req: HttpRequest, command: string): Fact[] {
  const facts: Fact[] = [];
  const scheme = /^(https|xhs)$/.test(req.client) ? 'https' : 'http';
  const urls = req.urls.length ? req.urls : [{ raw: '', value: null }];
  for (const w of urls) {
    const url = w.value === null ? null : parseUrl(w.value, scheme);
    const host = url?.hostname.replace(/^\[|\]$/g, '') ?? null;
    const railway = (host !== null && isRailwayHost(host)) || (host === null && /railway/i.test(w.raw)) || req.authKinds.some((k) => k === 'project-access-token' || k === 'team-access-token') || req.authText.some((t) => /RAILWAY/i.test(t));
    const auth = req.authKinds.length > 0;
    const local = host !== null && isLocalHost(host);
    const infraApi = host !== null && isInfraHost(host, req.method);
    // Authenticated requests reach infrastructure, except GitHub reads and writes other than DELETE.
    const infra = infraApi || (auth && host !== 'api.github.com' && !local) || (railway && host === null);
    const targets: Target[] = [];
    if (railway && (host === null || isRailwayHost(host))) {
      // Railway's own -staging/-develop stacks say nothing about the user's environment.
      targets.push({ kind: 'host', value: 'backboard.railway.com' });
    } else if (host !== null) {
      targets.push({ kind: 'host', value: host }, { kind: 'url', value: url!.href });
    } else targets.push({ kind: 'url', value: w.raw || 'unknown-url' });
    const base: FactBase = {
      command,
      client: req.client,
      url: url?.href ?? null,
      host,
      auth,
      authKinds: [...new Set(req.authKinds)],
      local,
      railway,
      infra,
      targets,
    };
    const http: Fact = {
      type: 'http',
      ...base,
      method: req.method,
      path: url?.pathname ?? null,
      resource: url ? pathResource(url) : w.raw || 'the request URL',
      pathWords: url ? pathWords(url.pathname) : [],
      infraApi,
      datastorePort: url !== null && isDatastorePort(url),
      hasBody: req.body !== undefined || req.json !== undefined || req.form !== undefined,
      unresolvedUrl: w.value === null,
      unresolvedBody: req.body === null || Boolean(req.opaque) || (req.form ? Object.values(req.form).includes(null) : false),
      unresolvedMethod: req.method === null,
    };
    if (typeof req.body === 'string') http.body = req.body.slice(0, BODY_FACT_MAX);
    const gql = graphqlFacts(req, url, base, http.unresolvedBody as boolean);
    // A query that only asks who the caller is (`query { me { id } }`, introspection) reads no
    // environment's data: it does not cross an environment wall.
    if (gql.length && gql.every((g) => g.operation === 'query' && typeof g.field === 'string' && IDENTITY_FIELDS.has(g.field))) {
      for (const f of [http, ...gql]) (f.infra = false), (f.identityOnly = true);
    }
    facts.push(http, ...gql);
  }
  return facts;
}

function graphqlFacts(req: HttpRequest, url: URL | null, base: FactBase, unresolvedBody: boolean): Fact[] {
  const endpoint = url !== null && (/graphql|graphiql|\/gql\b|\/v1\/graphql/i.test(url.pathname) || isRailwayHost(url.hostname));
  const suspectEndpoint = endpoint || (url === null && Boolean(base.railway));
  // multipart GraphQL (the upload spec): the operations field carries the JSON body.
  const body = req.form ? (req.form.operations ?? (req.form.query !== undefined ? new URLSearchParams(req.form as Record<string, string>).toString() : undefined)) : req.body;
  const ex = extractGraphql(body, req.json, url);
  const marker = (fields: Record<string, unknown>): Fact => ({ type: 'graphql', ...base, operation: null, field: null, ...fields });
  if (ex.kind === 'none') {
    if (suspectEndpoint && unresolvedBody) return [marker({ unresolved: true, why: 'the request body is only known at run time' })];
    if (suspectEndpoint && req.method === 'POST' && req.body !== undefined && base.auth) return [marker({ graphqlUnparsed: true, why: 'the body is not a GraphQL request airlock can read' })];
    return [];
  }
  if (ex.kind === 'unparsed') return suspectEndpoint || base.auth ? [marker({ graphqlUnparsed: true, why: ex.why })] : [];
  const out: Fact[] = [];
  for (const r of ex.requests) out.push(...fieldFacts(r, base, suspectEndpoint));
  return out;
}

export function fieldFacts(r: GqlRequest, base: FactBase, endpoint: boolean): Fact[] {
  const fields = rootFields(r);
  if (fields === null) {
    // Broken GraphQL only matters when it is really going to a GraphQL server.
    return endpoint || base.auth ? [{ type: 'graphql', ...base, operation: null, field: null, graphqlUnparsed: true, why: 'the GraphQL document does not parse' }] : [];
  }
  return fields.map((f) => {
    const marks = markedPaths(f.args);
    const fact: Fact = {
      type: 'graphql',
      ...base,
      operation: f.operation,
      operationName: f.operationName,
      field: f.field,
      alias: f.alias,
      verbs: words(f.field),
      args: f.args,
      nullArgs: marks.nulls,
      deletedPaths: marks.deleted,
      argNames: argNames(f.args),
      unresolvedArgs: f.missingVariables.length > 0,
    };
    const target = findTarget(f.args);
    if (target) fact.target = target;
    const env = f.args.environmentId ?? (f.args.input as Record<string, unknown> | undefined)?.environmentId;
    if (typeof env === 'string') fact.targets = [...base.targets, { kind: 'railway-environment', value: env }];
    return fact;
  });
}

/** Object keys and `name` values anywhere in the arguments (variable names in upsert inputs). */
function argNames(v: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 8 || v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) for (const x of v) argNames(x, out, depth + 1);
  else {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      if (k === 'name' && typeof x === 'string') out.push(x);
      argNames(x, out, depth + 1);
    }
  }
  return out;
}

function findTarget(args: Record<string, unknown>): string | null {
  const input = args.input && typeof args.input === 'object' ? (args.input as Record<string, unknown>) : {};
  for (const k of TARGET_KEYS) {
    for (const src of [args, input]) {
      const v = src[k];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
  }
  return null;
}
