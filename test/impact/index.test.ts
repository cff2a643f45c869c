// The lookup runner: only confirm findings, one shared deadline, abandoned lookups reported as
// "could not look up", terraform shown in the same place, secrets never in the impact.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { factsFor, impactLines, lookupImpacts } from '../../src/impact/index';
import { stateAddresses, terraformImpact } from '../../src/analyzers/terraform/impact';
import { checked, removeScratch, scratch, write } from './helpers';

afterEach(() => removeScratch());

describe('lookupImpacts', () => {
  it('looks nothing up for an allowed line', async () => {
    const d = scratch();
    const r = await checked('ls -la', d);
    expect(r.decision).toBe('allow');
    expect(await lookupImpacts(r, { cwd: d, timeoutMs: 100 })).toEqual(r.findings);
  });

  it('a server that accepts and never answers is abandoned at the shared deadline', async () => {
    // A TCP listener that never speaks: psql waits for the server's first message.
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const d = scratch();
      const r = await checked(`psql -h 127.0.0.1 -p ${port} -d app -c 'DROP TABLE orders'`, d);
      expect(r.decision).toBe('confirm');
      const [f] = await lookupImpacts(r, { cwd: d, env: { PATH: process.env.PATH, PGCONNECT_TIMEOUT: '60' }, timeoutMs: 400 });
      expect(f!.impact).toEqual([expect.objectContaining({ source: 'postgres', status: 'unavailable', summary: ['could not look up (no answer within 400 ms)'] })]);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it('facts inform only their own family: a file fact does not annotate a SQL finding', () => {
    const facts = [
      { type: 'file-delete', command: 'c', resolved: '/x' },
      { type: 'sql', command: 'c', class: 'drop' },
    ];
    expect(factsFor({ rule: 'postgres/drop', command: 'c' } as never, facts).map((f) => f.type)).toEqual(['sql']);
    expect(factsFor({ rule: 'files/delete-project-path', command: 'c' } as never, facts).map((f) => f.type)).toEqual(['file-delete']);
    expect(factsFor({ rule: 'files/delete-project-path', command: 'other' } as never, facts)).toEqual([]);
  });

  it('impactLines prefixes the source', () => {
    expect(impactLines([{ source: 'git', status: 'looked-up', summary: ['a', 'b'] }])).toEqual(['git: a', 'git: b']);
    expect(impactLines(undefined)).toEqual([]);
  });
});

describe('terraform impact', () => {
  const STATE = JSON.stringify({
    version: 4,
    resources: [
      { mode: 'managed', type: 'railway_volume', name: 'postgres', instances: [{}] },
      { mode: 'data', type: 'railway_project', name: 'p', instances: [{}] },
      { mode: 'managed', type: 'aws_instance', name: 'web', module: 'module.app', instances: [{ index_key: 0 }, { index_key: 1 }] },
      { mode: 'managed', type: 'aws_s3_bucket', name: 'b', instances: [{ index_key: 'logs' }] },
    ],
  });

  it('lists managed addresses from the local state', () => {
    expect(stateAddresses(STATE)).toEqual(['railway_volume.postgres', 'module.app.aws_instance.web[0]', 'module.app.aws_instance.web[1]', 'aws_s3_bucket.b["logs"]']);
  });

  it('terraform destroy: what the state says it destroys, through the pipeline', async () => {
    const d = scratch();
    write(d, 'terraform.tfstate', STATE);
    const r = await checked('terraform destroy -auto-approve', d);
    const [f] = await lookupImpacts(r, { cwd: d, timeoutMs: 5000 });
    expect(f!.impact![0]!.summary[0]).toBe('destroys 4 resources (from the local state): railway_volume.postgres, module.app.aws_instance.web[0], module.app.aws_instance.web[1], aws_s3_bucket.b["logs"]');
  });

  it('no local state: could not look up, with the reason', async () => {
    const d = scratch();
    fs.mkdirSync(path.join(d, 'infra'));
    const ctx = { signal: new AbortController().signal, deadline: Date.now() + 1000, cwd: d, env: {}, command: null, result: null as never };
    const i = await terraformImpact({ type: 'terraform', command: 'x', action: 'destroy', chdir: 'infra', addresses: [] }, ctx);
    expect(i).toMatchObject({ status: 'unavailable', summary: ['could not look up what is destroyed: no local terraform.tfstate (remote backend?)'] });
    const planned = await terraformImpact({ type: 'terraform', command: 'x', action: 'apply', addresses: ['aws_db_instance.main'] }, ctx);
    expect(planned!.summary).toEqual(['destroys 1 resources (from the plan): aws_db_instance.main']);
  });
});
