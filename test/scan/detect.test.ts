import { describe, expect, it } from 'vitest';
import { assignmentHits, detectText } from '../../src/scan/detect';
import { fingerprint, maskCredential } from '../../src/scan/mask';
import { storeHits } from '../../src/scan/stores';

const GH = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5';
const RAILWAY = '7f3a9c2e-1b4d-4e8f-a6c5-d0e9f8b7a6c5';

describe('detectText', () => {
  it('names token shapes through secretlint (GitHub, private keys) and keeps the variable', async () => {
    const hits = await detectText('/repo/config.sh', `export GITHUB_TOKEN=${GH}\n`);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ provider: 'github', value: GH, line: 1, variable: 'GITHUB_TOKEN', detector: '@secretlint/secretlint-rule-github' });
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\n' + 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n'.repeat(4) + '-----END OPENSSH PRIVATE KEY-----\n';
    const k = await detectText('/repo/deploy/id_ed25519', key);
    expect(k.map((h) => [h.provider, h.kind])).toEqual([['private-key', 'private key']]);
  });

  it('places a Railway UUID by the variable it is assigned to (no library knows its shape)', async () => {
    const hits = await detectText('/repo/ops/dns/cloudflare-sync.env', `# sync\nCLOUDFLARE_ZONE_ID=0c1d2e3f4a5b6c7d8e9f\nRAILWAY_TOKEN=${RAILWAY}\n`);
    expect(hits.map((h) => ({ provider: h.provider, variable: h.variable, line: h.line }))).toEqual([{ provider: 'railway', variable: 'RAILWAY_TOKEN', line: 3 }]);
  });

  it('skips placeholders, references, ids and URLs without a password', () => {
    const text = [
      'API_KEY=changeme', 'GITHUB_TOKEN=${GITHUB_TOKEN}', 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'SECRET_FILE=/run/secrets/x',
      'DATABASE_URL=postgres://app@db.internal/app', 'NODE_ENV=production', 'token_url: https://example.test/oauth/token', 'password: <your-password>',
    ].join('\n');
    expect(assignmentHits(text)).toEqual([]);
  });

  it('reads tfvars, YAML and JSON assignments', () => {
    const hits = assignmentHits('cloudflare_api_token = "Xk29fLq8ZpW3mN7vB4cR6tY1uI0oP5aS"\nsupabase_service_role_key: eyJhbGciOiJIUzI1NiJ9.e30.abc123\n  "vercel_token": "vc_9f8e7d6c5b4a3f2e1d0c9b8a",\n');
    expect(hits.map((h) => h.provider)).toEqual(['cloudflare', 'supabase', 'vercel']);
  });
});

describe('token stores', () => {
  it('AWS credentials: one secret key per profile, with its key id and the profile as a hint', () => {
    const hits = storeHits('/h/.aws/credentials', '[default]\naws_access_key_id = AKIAQWERTYUIOPASDFGH\naws_secret_access_key = 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\n[prod]\naws_access_key_id=AKIAZXCVBNMASDFGHJKL\naws_secret_access_key=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\n');
    expect(hits.map((h) => [h.variable, h.companions?.accessKeyId, h.hints])).toEqual([
      ['[default] aws_secret_access_key', 'AKIAQWERTYUIOPASDFGH', ['profile default']],
      ['[prod] aws_secret_access_key', 'AKIAZXCVBNMASDFGHJKL', ['profile prod']],
    ]);
  });

  it('Railway CLI login, gh hosts, .netrc (Heroku), .pgpass, kubeconfig, docker, wrangler, Supabase', () => {
    expect(storeHits('/h/.railway/config.json', JSON.stringify({ user: { token: 'rw_user_token_0123456789abcdef' }, projects: {} }))[0]).toMatchObject({ provider: 'railway', kind: 'account token (CLI login)' });
    expect(storeHits('/h/.config/gh/hosts.yml', `github.com:\n    oauth_token: gho_abcdefghijklmnopqrstuvwxyz0123456789\n    user: ops\n`)[0]).toMatchObject({ provider: 'github', hints: ['host github.com'] });
    expect(storeHits('/h/.netrc', 'machine api.heroku.com\n  login ops@example.test\n  password 01234567-89ab-cdef-0123-456789abcdef\n')[0]).toMatchObject({ provider: 'heroku', kind: 'API key' });
    expect(storeHits('/h/.pgpass', 'prod-db.internal:5432:bookings:app:Pg-s3cret-Pass\n')[0]).toMatchObject({ provider: 'postgres', hints: ['host prod-db.internal', 'database bookings'] });
    const kube = 'apiVersion: v1\nclusters:\n- name: prod\n  cluster: {server: "https://k8s.prod.example.test"}\ncontexts:\n- name: prod-admin\n  context: {cluster: prod, user: admin}\nusers:\n- name: admin\n  user: {token: "kube-bearer-0123456789abcdef"}\n';
    expect(storeHits('/h/.kube/config', kube)[0]).toMatchObject({ provider: 'kubernetes', hints: ['context prod-admin', 'host https://k8s.prod.example.test'] });
    expect(storeHits('/h/.docker/config.json', JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from('ops:ghp_x0123456789').toString('base64') } } }))[0]).toMatchObject({ provider: 'docker', hints: ['host ghcr.io'] });
    expect(storeHits('/h/.config/.wrangler/config/default.toml', 'oauth_token = "cf-oauth-0123456789abcdef"\nexpiration_time = "2026-01-01"\n')[0]).toMatchObject({ provider: 'cloudflare' });
    expect(storeHits('/h/.supabase/access-token', 'sbp_0123456789abcdef0123456789abcdef01234567\n')[0]).toMatchObject({ provider: 'supabase', kind: 'personal access token' });
  });
});

describe('masking', () => {
  it('shows a short prefix and a fingerprint, never the value', () => {
    const m = maskCredential(RAILWAY);
    expect(m).toBe(`7f3a…#${fingerprint(RAILWAY).slice(0, 8)}`);
    expect(m).not.toContain(RAILWAY.slice(4, 12));
    expect(maskCredential('short-pw-1')).toMatch(/^…#[0-9a-f]{8}$/);
  });
});
