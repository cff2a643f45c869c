// HTTPS for --online introspection. Every endpoint can be pointed elsewhere with
// AIRLOCK_SCAN_ENDPOINT_<PROVIDER> (tests point them at stand-ins on 127.0.0.1), and
// AIRLOCK_SCAN_CA_FILE (a list, like PATH) adds CAs to trust (the stand-ins' throwaway certificate).
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import * as tls from 'node:tls';

export class IntrospectionError extends Error {
  override name = 'IntrospectionError';
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function endpoint(provider: string, fallback: string, env: Record<string, string | undefined> = process.env): string {
  const set = env[`AIRLOCK_SCAN_ENDPOINT_${provider.toUpperCase()}`];
  if (set) return set;
  // Tests set this so that a provider without a stand-in can never reach the real one.
  if (env.AIRLOCK_SCAN_ENDPOINTS_ONLY) throw new IntrospectionError(`no endpoint set for ${provider} (AIRLOCK_SCAN_ENDPOINTS_ONLY)`);
  return fallback;
}

let ca: string[] | undefined;
function trusted(env: Record<string, string | undefined>): string[] | undefined {
  const files = env.AIRLOCK_SCAN_CA_FILE;
  if (!files) return undefined;
  ca ??= [...tls.rootCertificates, ...files.split(path.delimiter).filter(Boolean).map((f) => fs.readFileSync(f, 'utf8'))];
  return ca;
}

export function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number; env?: Record<string, string | undefined> } = {}): Promise<Response> {
  const u = new URL(url);
  if (u.protocol !== 'https:') return Promise.reject(new IntrospectionError(`refusing a non-HTTPS endpoint: ${u.origin}`));
  const body = opts.body;
  return new Promise((resolve, reject) => {
    const req = https.request(
      u,
      {
        method: opts.method ?? (body ? 'POST' : 'GET'),
        headers: { 'user-agent': 'airlock-scan', accept: 'application/json', ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...opts.headers },
        ca: trusted(opts.env ?? process.env),
        timeout: opts.timeoutMs ?? 8000,
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (data.length < 1_000_000) data += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      },
    );
    req.on('timeout', () => req.destroy(new IntrospectionError(`${u.host}: no answer in time`)));
    req.on('error', (e) => reject(e instanceof IntrospectionError ? e : new IntrospectionError(`${u.host}: ${(e as Error).message}`)));
    if (body) req.write(body);
    req.end();
  });
}

export function jsonOf(r: Response): Record<string, unknown> {
  try {
    const v = JSON.parse(r.body) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
