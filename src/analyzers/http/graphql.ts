// GraphQL documents inside request bodies, and their root fields. Decode the transport first
// (JSON object or batch, \u escapes, form `query=`, GET `?query=`), then parse with the reference
// `graphql` package (required lazily) and walk root selections through fragments, so aliases,
// variables, several operations and root fragments cannot hide a mutation.
import type * as G from 'graphql';

export interface GqlRequest {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
}

export interface RootField {
  operation: 'query' | 'mutation' | 'subscription';
  operationName: string | null;
  field: string;
  alias: string | null;
  args: Record<string, unknown>;
  /** Arguments whose value is a variable that was not supplied. */
  missingVariables: string[];
}

export type Extracted =
  | { kind: 'none' }
  /** The body is a GraphQL request whose document cannot be read (broken JSON, persisted query hash). */
  | { kind: 'unparsed'; why: string }
  | { kind: 'ok'; requests: GqlRequest[] };

/** Finds GraphQL requests in a body (and the URL's query string, for GET). */
export function extractGraphql(body: string | null | undefined, json: Record<string, unknown> | undefined, url: URL | null): Extracted {
  const reqs: GqlRequest[] = [];
  if (json) {
    const r = fromObject(json);
    if (r === 'persisted') return { kind: 'unparsed', why: 'persisted query hash' };
    if (r) reqs.push(r);
  }
  const q = url?.searchParams.get('query');
  if (q) reqs.push({ query: q, variables: parseObject(url!.searchParams.get('variables')), operationName: url!.searchParams.get('operationName') });
  if (typeof body === 'string' && body.trim()) {
    const fromBody = fromText(body);
    if (fromBody.kind !== 'ok') return reqs.length ? { kind: 'ok', requests: reqs } : fromBody;
    reqs.push(...fromBody.requests);
  }
  return reqs.length ? { kind: 'ok', requests: reqs } : { kind: 'none' };
}

function fromText(body: string): Extracted {
  const t = body.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(t);
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined) {
    const items = Array.isArray(parsed) ? parsed : [parsed];
    const reqs: GqlRequest[] = [];
    for (const it of items) {
      const r = isObject(it) ? fromObject(it) : null;
      if (r === 'persisted') return { kind: 'unparsed', why: 'persisted query hash' };
      if (r) reqs.push(r);
      // A mutation of a GraphQL-shaped Hasura/Apollo body written as {"mutation": ...} is not a thing; ignore others.
    }
    return reqs.length ? { kind: 'ok', requests: reqs } : { kind: 'none' };
  }
  // form-encoded: query=...&variables=...
  if (/^(query|operationName|variables)=/.test(t) || /&query=/.test(t)) {
    const p = new URLSearchParams(t);
    const query = p.get('query');
    if (query) return { kind: 'ok', requests: [{ query, variables: parseObject(p.get('variables')), operationName: p.get('operationName') }] };
  }
  // A raw document (application/graphql, or a sloppy -d "mutation {...}").
  if (/^\s*(#[^\n]*\n\s*)*(query|mutation|subscription|fragment)\b|^\s*\{/.test(t)) {
    return { kind: 'ok', requests: [{ query: t, variables: null, operationName: null }] };
  }
  if (/^\s*[{[]/.test(t) && /\b(mutation|query)\b/.test(t)) return { kind: 'unparsed', why: 'body is not valid JSON' };
  return { kind: 'none' };
}

function fromObject(o: Record<string, unknown>): GqlRequest | 'persisted' | null {
  if (typeof o.query === 'string') {
    const variables = isObject(o.variables) ? o.variables : typeof o.variables === 'string' ? parseObject(o.variables) : null;
    return { query: o.query, variables, operationName: typeof o.operationName === 'string' ? o.operationName : null };
  }
  const ext = o.extensions;
  if (isObject(ext) && 'persistedQuery' in ext) return 'persisted';
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function parseObject(s: string | null): Record<string, unknown> | null {
  if (!s) return null;
  try {
    const v: unknown = JSON.parse(s);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** Root fields of the operations a request runs; null when the document does not parse. */
export function rootFields(req: GqlRequest): RootField[] | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const gql = require('graphql') as typeof G;
  let doc: G.DocumentNode;
  try {
    doc = gql.parse(req.query, { noLocation: true, maxTokens: 50_000 });
  } catch {
    return null;
  }
  const fragments = new Map<string, G.FragmentDefinitionNode>();
  const ops: G.OperationDefinitionNode[] = [];
  for (const d of doc.definitions) {
    if (d.kind === gql.Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === gql.Kind.OPERATION_DEFINITION) ops.push(d);
  }
  // With operationName the server runs that one; without it, look at all (a server would refuse, but be safe).
  const chosen = req.operationName ? ops.filter((o) => o.name?.value === req.operationName) : ops;
  const out: RootField[] = [];
  for (const op of chosen.length ? chosen : ops) {
    const defaults: Record<string, unknown> = {};
    for (const v of op.variableDefinitions ?? []) if (v.defaultValue) defaults[v.variable.name.value] = literal(v.defaultValue, {}, [], gql);
    const vars = { ...defaults, ...(req.variables ?? {}) };
    for (const f of collect(op.selectionSet, fragments, new Set(), gql)) {
      const missing: string[] = [];
      const args: Record<string, unknown> = {};
      for (const a of f.arguments ?? []) args[a.name.value] = literal(a.value, vars, missing, gql);
      out.push({ operation: op.operation as RootField['operation'], operationName: op.name?.value ?? req.operationName, field: f.name.value, alias: f.alias?.value ?? null, args, missingVariables: missing });
    }
  }
  return out;
}

function collect(set: G.SelectionSetNode, fragments: Map<string, G.FragmentDefinitionNode>, seen: Set<string>, gql: typeof G): G.FieldNode[] {
  const out: G.FieldNode[] = [];
  for (const s of set.selections) {
    if (s.kind === gql.Kind.FIELD) out.push(s);
    else if (s.kind === gql.Kind.INLINE_FRAGMENT) out.push(...collect(s.selectionSet, fragments, seen, gql));
    else if (s.kind === gql.Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      if (f) out.push(...collect(f.selectionSet, fragments, seen, gql));
    }
  }
  return out;
}

function literal(v: G.ValueNode, vars: Record<string, unknown>, missing: string[], gql: typeof G): unknown {
  switch (v.kind) {
    case gql.Kind.VARIABLE:
      if (!(v.name.value in vars)) {
        missing.push(v.name.value);
        return undefined;
      }
      return vars[v.name.value];
    case gql.Kind.INT:
    case gql.Kind.FLOAT:
      return Number(v.value);
    case gql.Kind.STRING:
    case gql.Kind.ENUM:
      return v.value;
    case gql.Kind.BOOLEAN:
      return v.value;
    case gql.Kind.NULL:
      return null;
    case gql.Kind.LIST:
      return v.values.map((x) => literal(x, vars, missing, gql));
    case gql.Kind.OBJECT: {
      const o: Record<string, unknown> = {};
      for (const f of v.fields) o[f.name.value] = literal(f.value, vars, missing, gql);
      return o;
    }
  }
  return undefined;
}

/** Dotted paths of null values, and of objects marked isDeleted: true (Railway config patches). */
export function markedPaths(value: unknown, prefix = '', out: { nulls: string[]; deleted: string[] } = { nulls: [], deleted: [] }): { nulls: string[]; deleted: string[] } {
  if (value === null && prefix) out.nulls.push(prefix);
  else if (Array.isArray(value)) value.forEach((v, i) => markedPaths(v, `${prefix}${prefix ? '.' : ''}${i}`, out));
  else if (isObject(value)) {
    if (value.isDeleted === true && prefix) out.deleted.push(prefix);
    for (const [k, v] of Object.entries(value)) markedPaths(v, `${prefix}${prefix ? '.' : ''}${k}`, out);
  }
  return out;
}
