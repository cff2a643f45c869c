import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const OPTS = { cwd: '/tmp', env: {} };

async function argvFact(line: string): Promise<Record<string, unknown>> {
  const r = await check(line, OPTS);
  const f = r.facts.find((x) => x.type === 'argv');
  if (!f) throw new Error(`no argv fact for ${line}`);
  return f;
}

describe('argv helper', () => {
  it('skips options and the values of known value options', async () => {
    const f = await argvFact('vault -namespace admin secrets disable kv/');
    expect(f).toMatchObject({ program: 'vault', path: ['secrets', 'disable', 'kv/'], words: 'secrets disable kv/', arg3: 'kv/', last: 'kv/', flags: { namespace: 'admin' } });
    const d = await argvFact('doppler secrets delete STRIPE_KEY --project payments --config prod -y');
    expect(d).toMatchObject({ path: ['secrets', 'delete', 'STRIPE_KEY'], arg3: 'STRIPE_KEY', flags: { project: 'payments', config: 'prod', y: 'true' } });
  });

  it('names the target from naming options, else the last positional', async () => {
    expect((await argvFact('fastly service delete --service-id abc123')).target).toBe('abc123');
    expect((await argvFact('kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic orders')).target).toBe('orders');
    expect((await argvFact('nats stream delete ORDERS')).target).toBe('ORDERS');
  });

  it('keeps -- and what follows as positionals, and the last raw word', async () => {
    expect(await argvFact('kill -9 -1')).toMatchObject({ path: [], lastArg: '-1', argc: 2 });
    expect(await argvFact('kill -- -1')).toMatchObject({ path: ['-1'], lastArg: '-1' });
  });

  it('records the remote host and stdin text', async () => {
    expect(await argvFact('ssh admin@web1 systemctl stop myapp')).toMatchObject({ remote: 'admin@web1', host: 'admin@web1' });
    expect((await argvFact("echo 'disable server be/web1' | socat stdio /run/haproxy.sock")).stdin).toBe('disable server be/web1');
  });

  it('places the finding in the environment an option names', async () => {
    const r = await check('doppler secrets delete API_KEY --project backend --config prod --yes', OPTS);
    expect(r.findings[0]).toMatchObject({ rule: 'secrets/doppler-delete', resource: 'API_KEY', environment: 'production' });
  });
});
