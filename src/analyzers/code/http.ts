// HTTP calls made from inline code (requests.post, fetch, axios, urllib, Net::HTTP...) to an
// infrastructure API: airlock cannot read such a request the way it reads curl's argv, so a call
// whose URL names an infra host, with a write method or a GraphQL mutation in the code, is a fact.
import type { Fact } from '../../types';
import { isInfraHost, isRailwayHost, parseUrl } from '../http/request';

const CLIENT = /\b(requests|httpx|urllib|urlopen|aiohttp|fetch|axios|got|superagent|http\.request|https\.request|Net::HTTP|HTTParty|Faraday|curl_exec|LWP|HTTP::Tiny|ky)\b/;
const WRITE = /\b(post|put|patch|delete)\b|method\s*[:=]\s*['"](POST|PUT|PATCH|DELETE)['"]|['"](POST|PUT|PATCH|DELETE)['"]/i;

export function codeHttpFacts(code: string, program: string, command: string): Fact[] {
  if (!CLIENT.test(code)) return [];
  const out: Fact[] = [];
  const seen = new Set<string>();
  for (const m of code.matchAll(/https?:\/\/[^\s'"`)\\]+/g)) {
    const url = parseUrl(m[0]);
    if (!url || seen.has(url.host)) continue;
    seen.add(url.host);
    const mutation = /\bmutation\b/.test(code);
    const write = WRITE.test(code);
    const railway = isRailwayHost(url.hostname);
    if (!(railway || isInfraHost(url.hostname, write ? 'POST' : 'GET'))) continue;
    if (!write && !mutation) continue;
    const field = /\bmutation\b[^{]*\{\s*(?:\w+\s*:\s*)?(\w+)/.exec(code)?.[1] ?? '';
    out.push({ type: 'code-http', command, tool: program, url: url.href, host: url.hostname, mutation, field, railway, infra: true, targets: [{ kind: 'host', value: url.hostname }] });
  }
  return out;
}
