// Environment walls: identity queries reach no environment's data; implied targets (vercel --prod,
// a deploy remote named production) are production.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/engine';

const staging = (line: string) => check(line, { cwd: '/tmp', env: { HOME: '/home/agent' }, sessionEnvironment: 'staging' });

describe('walls', () => {
  it('a GraphQL identity query does not cross the wall', async () => {
    const r = await staging(`curl -s https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"query { me { id email } }"}'`);
    expect(r.decision).toBe('allow');
  });
  it('a query that reads project data still does', async () => {
    const r = await staging(`curl -s https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"query { me { id } projects { edges { node { name } } } }"}'`);
    expect(r.findings.map((f) => f.rule)).toContain('core/environment-wall');
  });
  it.each(['vercel --prod', 'vercel deploy --prod', 'vercel deploy --target production', 'git push production main', 'git push heroku-prod HEAD:main'])('implied production target is walled: %s', async (line) => {
    const r = await staging(line);
    expect(r.decision).toBe('deny');
    expect(r.findings.map((f) => f.rule)).toContain('core/environment-wall');
  });
  it.each(['vercel', 'vercel deploy', 'git push origin main', 'git push staging main', 'git push'])('no implied production target: %s', async (line) => {
    expect((await staging(line)).decision).toBe('allow');
  });
  it('outside a session, deploying to production is everyday work', async () => {
    expect((await check('vercel --prod', { cwd: '/tmp' })).decision).toBe('allow');
    expect((await check('git push production main', { cwd: '/tmp' })).decision).toBe('allow');
  });
});
