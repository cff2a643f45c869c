// HTTP client calls per language, read into the request model curl's analyzer fills.
import { addHeader, emptyRequest, type HttpRequest } from '../../http/request';
import { HOLE, UNKNOWN, asText, isKnown, toJson, type Arg, type CallSite, type Program, type V } from '../lang/model';
import type { Lang } from '../lang/model';
import { obj, str } from './values';

const METHODS = /^(get|post|put|patch|delete|head|options)$/i;

export function httpCall(lang: Lang, c: CallSite, p: Program): HttpRequest | null {
  const k = c.callee;
  let method: string | null = null;
  let url: Arg | undefined;
  let body: V | undefined;
  let json: V | undefined;
  let headers: Record<string, V> | null = null;
  let client = '';
  const tail = /\.(\w+)$/.exec(k)?.[1] ?? k;
  switch (lang) {
    case 'python': {
      const m = /^(requests|httpx|requests\.Session\(\)|requests\.session\(\)|httpx\.Client\(\)|httpx\.AsyncClient\(\)|aiohttp\.ClientSession\(\))\.(get|post|put|patch|delete|head|request)$/.exec(k);
      if (m) {
        client = `python ${m[1]!.replace(/\..*/, '')}`;
        if (m[2] === 'request') {
          method = str(c.args[0] ?? c.kwargs.method)?.toUpperCase() ?? null;
          url = c.args[1] ?? c.kwargs.url;
        } else {
          method = m[2]!.toUpperCase();
          url = c.args[0] ?? c.kwargs.url;
        }
        if (c.kwargs.json) json = c.kwargs.json.value();
        if (c.kwargs.data) body = c.kwargs.data.value();
        else if (c.args[1] && m[2] !== 'request') body = c.args[1].value();
        headers = obj(c.kwargs.headers);
        break;
      }
      if (/^urllib\.request\.(urlopen|Request)$|^(urlopen|Request)$/.test(k) && /^urllib/.test(k)) {
        client = 'python urllib';
        const inner = c.args[0]?.call();
        const req = inner && /Request$/.test(inner.callee) ? inner : c;
        url = req.args[0] ?? req.kwargs.url;
        body = (req.args[1] ?? req.kwargs.data)?.value();
        method = str(req.kwargs.method)?.toUpperCase() ?? (body !== undefined ? 'POST' : 'GET');
        headers = obj(req.args[2] ?? req.kwargs.headers);
        if (k.endsWith('Request')) return null; // judged where it is opened
        break;
      }
      return null;
    }
    case 'javascript': {
      if (/^(fetch|node-fetch|undici\.fetch|undici\.request|globalThis\.fetch|window\.fetch)$/.test(k)) {
        client = 'fetch';
        url = c.args[0];
        const o = obj(c.args[1]);
        method = typeof o?.method === 'string' ? o.method.toUpperCase() : o?.method === UNKNOWN ? null : 'GET';
        if (o && 'body' in o) body = o.body;
        headers = (o?.headers as Record<string, V> | undefined) ?? null;
        break;
      }
      const ax = /^(axios|got|ky|superagent|axios\.create\(\)|got\.extend\(\)|ky\.create\(\))(?:\.(get|post|put|patch|delete|head|request))?$/.exec(k);
      if (ax) {
        client = ax[1]!.replace(/\..*/, '');
        const cfgFirst = !ax[2] || ax[2] === 'request';
        const cfg = cfgFirst && !str(c.args[0]) ? obj(c.args[0]) : null;
        if (cfg) {
          method = typeof cfg.method === 'string' ? cfg.method.toUpperCase() : 'GET';
          const u = cfg.url;
          url = { text: '', value: () => u ?? UNKNOWN, name: () => '', call: () => null };
          body = cfg.data ?? cfg.body;
          json = cfg.json;
          headers = (cfg.headers as Record<string, V> | undefined) ?? null;
        } else {
          url = c.args[0];
          const o = obj(c.args[ax[2] && /post|put|patch/.test(ax[2]) && client === 'axios' ? 2 : 1]);
          method = ax[2] && ax[2] !== 'request' ? ax[2].toUpperCase() : typeof o?.method === 'string' ? o.method.toUpperCase() : 'GET';
          if (client === 'axios' && ax[2] && /post|put|patch/.test(ax[2])) body = c.args[1]?.value();
          else {
            body = o?.body;
            json = o?.json;
          }
          headers = (o?.headers as Record<string, V> | undefined) ?? null;
        }
        break;
      }
      // graphql-request: request(url, document, variables) / new GraphQLClient(url).request(document)
      if (/^(graphql-request\.request|graphql-request\.rawRequest)$/.test(k)) {
        client = 'graphql-request';
        url = c.args[0];
        method = 'POST';
        json = { query: c.args[1]?.value() ?? UNKNOWN, variables: c.args[2]?.value() ?? {} };
        break;
      }
      if (/^graphql-request\.GraphQLClient\(\)\.(request|rawRequest)$/.test(k) && c.root) {
        client = 'graphql-request';
        url = c.root.args[0];
        method = 'POST';
        headers = (obj(c.root.args[1])?.headers as Record<string, V> | undefined) ?? null;
        json = { query: c.args[0]?.value() ?? UNKNOWN, variables: c.args[1]?.value() ?? {} };
        break;
      }
      return null;
    }
    case 'ruby': {
      const m = /^(Net::HTTP|HTTParty|Faraday|RestClient|HTTP)\.(get|post|put|patch|delete|post_form)$/.exec(k);
      if (m) {
        client = m[1]!;
        method = m[2] === 'post_form' ? 'POST' : m[2]!.toUpperCase();
        const u = c.args[0]?.call();
        url = u && /^(URI|URI\.parse)$/.test(u.callee) ? u.args[0] : c.args[0];
        body = c.args[1] && !/^\w+:/.test(c.args[1].text) ? c.args[1].value() : c.kwargs.body?.value();
        headers = obj(c.args[2]) ?? obj(c.kwargs.headers);
        break;
      }
      const r = /^Net::HTTP::(Get|Post|Put|Patch|Delete)\.new$/.exec(k);
      if (r) {
        client = 'Net::HTTP';
        method = r[1]!.toUpperCase();
        const u = c.args[0]?.call();
        url = u && /^(URI|URI\.parse)$/.test(u.callee) ? u.args[0] : c.args[0];
        const varName = `${c.line}`;
        body = (p.props.get(`${varName}.body`) ?? p.props.get('*.body'))?.value();
        break;
      }
      return null;
    }
    case 'go': {
      if (/^http\.(Post|Get|PostForm|Head)$/.test(k)) {
        client = 'go net/http';
        method = tail === 'Get' || tail === 'Head' ? tail.toUpperCase() : 'POST';
        url = c.args[0];
        if (tail === 'Post') body = goReader(c.args[2]);
        break;
      }
      if (/^http\.(NewRequest|NewRequestWithContext)$/.test(k)) {
        client = 'go net/http';
        const off = tail === 'NewRequest' ? 0 : 1;
        method = str(c.args[off])?.toUpperCase() ?? null;
        url = c.args[off + 1];
        body = goReader(c.args[off + 2]);
        break;
      }
      return null;
    }
    case 'php':
      return null;
  }
  const req = emptyRequest(client);
  req.method = method && METHODS.test(method) ? method : method;
  const u = url ? str(url) : null;
  const urlKnown = u !== null && !/^[^/]*\u0000/.test(u) && !u.startsWith(HOLE) && /^https?:\/\/[^\u0000/]+/.test(u);
  req.urls = [{ raw: url?.text ?? '(computed)', value: urlKnown ? u!.replace(new RegExp(HOLE, 'g'), 'computed') : null }];
  if (json !== undefined && json !== UNKNOWN && typeof json === 'object' && json !== null && !Array.isArray(json)) {
    req.body = toJson(json).replace(new RegExp(HOLE, 'g'), 'computed');
    req.contentType = 'application/json';
  } else if (body !== undefined) {
    if (body === UNKNOWN) req.body = null;
    else if (typeof body === 'string') req.body = body.replace(new RegExp(HOLE, 'g'), 'computed');
    else if (body && typeof body === 'object') req.body = toJson(body).replace(new RegExp(HOLE, 'g'), 'computed');
  } else if (json === UNKNOWN) req.body = null;
  for (const [name, v] of Object.entries(headers ?? {})) {
    const text = v === UNKNOWN ? '$COMPUTED' : asText(v);
    addHeader(req, { raw: `${name}: ${text}`, value: isKnown(v) ? `${name}: ${text}` : null });
    if (/auth|token|key/i.test(name)) {
      if (!req.authKinds.includes(name.toLowerCase())) req.authKinds.push(name.toLowerCase());
      req.authText.push(`${name}: ${p.strings.some((s) => /RAILWAY/i.test(s)) ? 'RAILWAY' : ''}`);
    }
  }
  return req;
}

function goReader(a: Arg | undefined): V | undefined {
  if (!a) return undefined;
  const inner = a.call();
  if (inner && /^(strings\.NewReader|bytes\.NewBufferString|bytes\.NewBuffer|bytes\.NewReader)$/.test(inner.callee)) {
    const x = inner.args[0]?.call();
    if (x && /^\[\]byte$/.test(x.callee)) return x.args[0]?.value();
    return inner.args[0]?.value();
  }
  if (a.text === 'nil') return undefined;
  return a.value();
}

