// REST: methods in every spelling, credentials, hosts; and the look-alikes that must pass.
import { describe, expect, it } from 'vitest';
import { finding, run } from './helpers';

describe('HTTP methods and credentials', () => {
  const authed: [string, string][] = [
    ['-X DELETE', 'curl -X DELETE -H "Authorization: Bearer $T" https://api.example.com/v1/items/42'],
    ['-XDELETE', 'curl -XDELETE -H "x-api-key: k" https://api.example.com/v1/items/42'],
    ['--request DELETE', 'curl --request DELETE -u me:pw https://api.example.com/v1/items/42'],
    ['--request=delete', 'curl --request=delete --oauth2-bearer t https://api.example.com/v1/items/42'],
    ['method override header', 'curl -X POST -H "X-HTTP-Method-Override: DELETE" -H "Authorization: token x" https://api.example.com/v1/items/42'],
    ['-H @file unreadable', 'curl -X DELETE -H @/nonexistent/headers.txt https://api.example.com/v1/items/42'],
    ['wget --method', 'wget --method=DELETE --header="Authorization: Bearer $T" https://api.example.com/v1/items/42'],
    ['httpie -a', 'http -a me:pw DELETE https://api.example.com/v1/items/42'],
    ['xh lower-case method', 'xh delete https://api.example.com/v1/items/42 Authorization:"Bearer $T"'],
    ['gh api', 'gh api -X DELETE repos/o/v1/items/42'],
  ];
  for (const [name, line] of authed) {
    it(`confirms an authenticated DELETE: ${name}`, async () => {
      const f = await finding(line, 'http/delete-authenticated');
      expect(f, line).toBeDefined();
      expect(f!.resource).toBe(name === 'gh api' ? 'items/42' : 'items/42');
    });
  }

  it('reads the Authorization header from -H @file', async () => {
    const r = await run('curl -X DELETE -H @- https://api.example.com/v1/items/42 <<< "Authorization: Bearer x"');
    expect(r.findings.map((f) => f.rule)).toContain('http/delete-authenticated');
  });

  it('confirms an unauthenticated DELETE to a remote host, with lower severity', async () => {
    const f = await finding('curl -X DELETE https://api.cloudflare.com/client/v4/zones/abc', 'http/delete-remote');
    expect(f?.severity).toBe('medium');
    expect(f?.resource).toBe('zones/abc');
  });

  it('allows a DELETE to the agent\'s own dev server on localhost', async () => {
    expect((await run('curl -X DELETE http://localhost:3000/todos/1')).decision).toBe('allow');
    expect((await run('http DELETE :3000/todos/1')).decision).toBe('allow');
  });

  it('confirms a DELETE to a datastore port on localhost (may be a tunnel)', async () => {
    expect((await run("curl -X DELETE 'http://localhost:9200/_all'")).decision).toBe('confirm');
    expect((await run('curl 127.0.0.1:8001/plugins/rate-limit -X DELETE')).decision).toBe('confirm');
  });

  it('confirms destructive RPC paths', async () => {
    expect((await run('curl -X POST http://localhost:9090/api/v1/admin/tsdb/delete_series?match[]=up')).decision).toBe('confirm');
    expect((await run('curl -X POST http://jenkins.local/job/deploy-prod/doDelete')).decision).toBe('confirm');
  });

  it('confirms authenticated PUT/PATCH to cloud control planes', async () => {
    expect((await run('curl -X PUT -H "Authorization: Bearer $T" https://api.vercel.com/v9/projects/p -d "{}"')).findings.map((f) => f.rule)).toContain('http/infra-write');
  });

  it('puts authenticated infra requests behind the environment wall', async () => {
    const r = await run('curl -X DELETE -H "Authorization: Bearer $T" https://api.digitalocean.com/v2/droplets/1', { sessionEnvironment: 'staging' });
    expect(r.decision).toBe('deny');
  });

  it('confirms an unknown method, an unknown URL with credentials', async () => {
    expect((await run('curl -X "$M" https://api.example.com/items/1')).decision).toBe('confirm');
    expect((await run('curl -X POST -H "Authorization: Bearer $T" "$URL" -d "{}"')).decision).toBe('confirm');
  });
});

describe('look-alikes that pass', () => {
  const allowed = [
    'curl https://example.com',
    'curl -fsSL -o install.sh https://example.com/install.sh',
    'curl -I https://example.com',
    'curl -X GET https://api.cloudflare.com/client/v4/zones',
    'curl -H "Authorization: Bearer $T" https://api.example.com/v1/items',
    'curl -X POST https://api.sendgrid.com/v3/mail/send -d "{}"',
    'curl -X POST http://localhost:3000/api/delete-account',
    'wget https://example.com/file',
    'http GET :9200/_cat/indices?v',
    'gh api repos/o/r',
    'gh pr list',
    'git commit -m "stop agents from calling volumeDelete"',
    'grep -rn volumeDelete src/',
    'echo \'curl -X DELETE https://api.example.com/items/1\'',
  ];
  for (const line of allowed) {
    it(line, async () => {
      expect((await run(line)).decision).toBe('allow');
    });
  }
});
