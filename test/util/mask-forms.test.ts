// The secret forms that reached the log, the approver and the agent's messages (issue 14, item
// 12): each is masked, and nothing else on the line is touched. Timing on a 700 KiB line is in
// `npm run bench` (scripts/bench-mask.mjs), not here.
import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/util/mask';

const forms: [string, string][] = [
  ["curl -u 'admin:pass word with spaces' https://x", 'pass word with spaces'],
  ['curl -u "admin:hunter2 hunter2" https://x', 'hunter2 hunter2'],
  ['mysql -pSuperSecret42 -h db app', 'SuperSecret42'],
  ["mysql -u root -p'Super Secret' app", 'Super Secret'],
  ['sshpass -p Hunter2Hunter2 ssh deploy@host', 'Hunter2Hunter2'],
  ['redis-cli -a RedisPassw0rd -h cache FLUSHALL', 'RedisPassw0rd'],
  ['docker login -u me -p DockerPassw0rd registry.example.com', 'DockerPassw0rd'],
  ['aws configure set aws_secret_access_key wJalrXUtnFEMIK7MDENGbPxRfiCY', 'wJalrXUtnFEMIK7MDENGbPxRfiCY'],
  ['curl -d \'{"query":"mutation { login(email: \\"a@b.c\\", password: \\"GraphQLpass1\\") { token } }"}\' https://api.x/graphql', 'GraphQLpass1'],
  ['curl -H "X-Railway-Token: 0b7e1c9a-railway-token-value" https://backboard.railway.app/graphql/v2', '0b7e1c9a-railway-token-value'],
  ["curl -H 'apikey: supabase-anon-key-0123456789' https://x.supabase.co/rest/v1/t", 'supabase-anon-key-0123456789'],
  ['curl -X POST -d @msg.json https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX', 'XXXXXXXXXXXXXXXXXXXXXXXX'],
  ['openssl enc -aes-256-cbc -pass pass:OpensslPassw0rd -in a -out b', 'OpensslPassw0rd'],
  ['htpasswd -b -c .htpasswd admin HtpasswdPassw0rd', 'HtpasswdPassw0rd'],
  ['htpasswd -cb .htpasswd admin HtpasswdPassw0rd', 'HtpasswdPassw0rd'],
  ['kubectl create secret generic db --from-literal=password=KubePassw0rd1', 'KubePassw0rd1'],
  ['curl https://api.stripe.com/v1/charges/sk_live_51HxAbCdEfGhIjKlMnOp', 'sk_live_51HxAbCdEfGhIjKlMnOp'],
  ['wget --http-password=WgetPassw0rd https://x/file', 'WgetPassw0rd'],
  ['npm config set //registry.npmjs.org/:_authToken=npm-auth-token-0123456789', 'npm-auth-token-0123456789'],
  ['sqlcmd -S db -U sa -P SqlServerPassw0rd -Q "select 1"', 'SqlServerPassw0rd'],
];

describe('maskSecrets: the forms that leaked', () => {
  it.each(forms)('%s', (line, secret) => {
    const out = maskSecrets(line);
    expect(out).not.toContain(secret);
    expect(out).toContain('…***');
  });

  it('leaves look-alikes alone', () => {
    for (const s of ['docker run -p 8080:80 nginx', 'mysql -h db -P 3306 -p app', 'redis-cli -h cache ping', 'htpasswd -D .htpasswd admin', 'aws configure set region eu-west-1', 'kubectl get secret db -o yaml', 'curl https://hooks.example.com/services/x']) {
      expect(maskSecrets(s)).toBe(s);
    }
  });
});
