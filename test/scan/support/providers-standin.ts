// Local HTTPS stand-ins (127.0.0.1, throwaway certificate) for the read-only introspection
// endpoints `airlock scan --online` calls, speaking each provider's real protocol: GitHub
// GET /user with X-OAuth-Scopes, AWS STS GetCallerIdentity (SigV4-signed form POST, XML answer),
// Vercel GET /v2/user, Cloudflare /user/tokens/verify and /user/tokens/:id, Supabase
// GET /v1/projects, Fly GraphQL viewer. Railway is test/e2e/support/railway-standin.ts.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ProviderTokens {
  github?: { token: string; login: string; scopes: string | null };
  aws?: { keyId: string; arn: string; account: string };
  vercel?: { token: string; username: string };
  cloudflare?: { token: string; id: string; groups: string[] };
  supabase?: { token: string; projects: string[] };
  fly?: { token: string; email: string; orgs: string[] };
}

export interface ProvidersStandIn {
  port: number;
  certFile: string;
  /** AIRLOCK_SCAN_ENDPOINT_* variables pointing every provider here. */
  env: Record<string, string>;
  requests: { path: string; method: string }[];
  close(): Promise<void>;
}

export function selfSignedCert(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile };
}

export async function startProvidersStandIn(t: ProviderTokens): Promise<ProvidersStandIn> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-providers-'));
  const { key, cert, certFile } = selfSignedCert(dir);
  const requests: ProvidersStandIn['requests'] = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = req.url ?? '/';
      requests.push({ path: url, method: req.method ?? '' });
      const auth = req.headers.authorization ?? '';
      const bearer = /^(?:Bearer|token)\s+(.+)$/i.exec(auth)?.[1];
      const json = (status: number, v: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(v));
      };
      if (url === '/github/user' && req.method === 'GET') {
        if (!t.github || bearer !== t.github.token) return json(401, { message: 'Bad credentials' });
        return json(200, { login: t.github.login, id: 1 }, t.github.scopes === null ? {} : { 'x-oauth-scopes': t.github.scopes });
      }
      if (url === '/aws/' && req.method === 'POST') {
        const m = /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/\d{8}\/us-east-1\/sts\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/.exec(auth);
        if (!t.aws || !m || m[1] !== t.aws.keyId || !/Action=GetCallerIdentity/.test(body) || !req.headers['x-amz-date']) {
          res.writeHead(403, { 'content-type': 'text/xml' });
          return res.end('<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>');
        }
        res.writeHead(200, { 'content-type': 'text/xml' });
        return res.end(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${t.aws.arn}</Arn><UserId>AIDAEXAMPLE</UserId><Account>${t.aws.account}</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`);
      }
      if (url === '/vercel/v2/user') {
        if (!t.vercel || bearer !== t.vercel.token) return json(403, { error: { code: 'forbidden' } });
        return json(200, { user: { username: t.vercel.username, email: `${t.vercel.username}@example.test` } });
      }
      if (url === '/cloudflare/user/tokens/verify') {
        if (!t.cloudflare || bearer !== t.cloudflare.token) return json(401, { success: false, errors: [{ code: 1000, message: 'Invalid API Token' }] });
        return json(200, { success: true, result: { id: t.cloudflare.id, status: 'active' } });
      }
      if (t.cloudflare && url === `/cloudflare/user/tokens/${t.cloudflare.id}`) {
        if (bearer !== t.cloudflare.token) return json(403, { success: false });
        return json(200, { success: true, result: { id: t.cloudflare.id, policies: [{ effect: 'allow', resources: { 'com.cloudflare.api.account.zone.*': '*' }, permission_groups: t.cloudflare.groups.map((name) => ({ name })) }] } });
      }
      if (url === '/supabase/v1/projects') {
        if (!t.supabase || bearer !== t.supabase.token) return json(401, { message: 'Unauthorized' });
        return json(200, t.supabase.projects.map((name, i) => ({ id: `ref${i}`, name })));
      }
      if (url === '/fly/graphql' && req.method === 'POST') {
        if (!t.fly || bearer !== t.fly.token) return json(200, { errors: [{ message: 'You must be authenticated to view this.' }], data: null });
        return json(200, { data: { viewer: { email: t.fly.email }, organizations: { nodes: t.fly.orgs.map((slug) => ({ slug })) } } });
      }
      json(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as import('node:net').AddressInfo).port;
  const base = `https://127.0.0.1:${port}`;
  return {
    port,
    certFile,
    requests,
    env: {
      AIRLOCK_SCAN_ENDPOINT_GITHUB: `${base}/github`,
      AIRLOCK_SCAN_ENDPOINT_AWS: `${base}/aws/`,
      AIRLOCK_SCAN_ENDPOINT_VERCEL: `${base}/vercel`,
      AIRLOCK_SCAN_ENDPOINT_CLOUDFLARE: `${base}/cloudflare`,
      AIRLOCK_SCAN_ENDPOINT_SUPABASE: `${base}/supabase`,
      AIRLOCK_SCAN_ENDPOINT_FLY: `${base}/fly/graphql`,
      AIRLOCK_SCAN_CA_FILE: certFile,
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
