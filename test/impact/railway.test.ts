// Railway impact against the local stand-in (real GraphQL over HTTPS on 127.0.0.1): ids resolved
// to names, environments and sizes; what the token reaches; only queries sent; the shared bound.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupImpacts } from '../../src/impact/index';
import { QUERIES, gql, railwayAuth, railwayTargets } from '../../src/analyzers/railway/impact';
import type { Command } from '../../src/types';
import { IDS, startRailwayStandIn, type StandIn } from '../e2e/support/railway-standin';
import { checked, removeScratch, scratch } from './helpers';

const ACCOUNT = '7f3a9c2e-1b4d-4e8f-a6c5-d0e9f8b7a6c5';
const PROJECT = '11111111-2222-4333-8444-555555555555';
let si: StandIn;
let cwd: string;

beforeAll(async () => {
  si = await startRailwayStandIn([
    { value: ACCOUNT, label: 'custom domains', kind: 'account' },
    { value: PROJECT, label: 'deploys', kind: 'project' },
  ]);
  fs.writeFileSync(path.join(process.env.AIRLOCK_CONFIG_DIR!, 'config.yaml'), `impact:\n  railway:\n    connect_to: "127.0.0.1:${si.port}"\n    ca_file: ${JSON.stringify(si.certFile)}\n`);
  cwd = scratch();
}, 60_000);

afterAll(async () => {
  fs.rmSync(path.join(process.env.AIRLOCK_CONFIG_DIR!, 'config.yaml'), { force: true });
  await si?.close();
  removeScratch();
});

const curl = (header: string, mutation = `volumeDelete(volumeId: \\"${IDS.volume}\\")`) =>
  `curl -X POST https://backboard.railway.app/graphql/v2 -H "${header}" -d '{"query":"mutation { ${mutation} }"}'`;

const words = (...w: string[]) => ({ argv: w.map((value) => ({ raw: value, value })), env: {} }) as unknown as Command;

describe('what the command presents', () => {
  it('finds the token in headers and in the CLI variables', () => {
    expect(railwayAuth(words('curl', '-H', 'Authorization: Bearer abc'), {})).toEqual({ kind: 'account', token: 'abc' });
    expect(railwayAuth(words('curl', '--header=Project-Access-Token: p1'), {})).toEqual({ kind: 'project', token: 'p1' });
    expect(railwayAuth(words('railway', 'volume', 'delete'), { RAILWAY_TOKEN: 'p2' })).toEqual({ kind: 'project', token: 'p2' });
    expect(railwayAuth(words('railway', 'volume', 'delete'), { RAILWAY_API_TOKEN: 'a2', RAILWAY_TOKEN: 'p2' })).toEqual({ kind: 'account', token: 'a2' });
    expect(railwayAuth(words('railway', 'volume', 'delete'), {})).toBeNull();
  });

  it('names the ids a mutation or CLI command targets', () => {
    expect(railwayTargets({ type: 'graphql', command: '', field: 'volumeDelete', args: { volumeId: 'v1' } })).toEqual([{ kind: 'volume', id: 'v1' }]);
    expect(railwayTargets({ type: 'graphql', command: '', field: 'serviceDelete', args: { id: 's1', environmentId: 'e1' } })).toEqual([
      { kind: 'environment', id: 'e1' },
      { kind: 'service', id: 's1' },
    ]);
    expect(railwayTargets({ type: 'railway', command: '', volume: 'v2', environment: 'unknown' })).toEqual([{ kind: 'volume', id: 'v2' }]);
  });

  it('never sends anything but a query', async () => {
    await expect(gql('https://backboard.railway.app/graphql/v2', { kind: 'account', token: ACCOUNT }, 'mutation { volumeDelete(volumeId: "x") }', {}, new AbortController().signal)).rejects.toThrow(/anything but a query/);
    for (const q of Object.values(QUERIES)) expect(q).toMatch(/^query /);
  });
});

describe('railway impact through the pipeline', () => {
  it('the incident curl: volume name, service, environments it is mounted in, size, and the token reach', async () => {
    const before = si.requests.length;
    const r = await checked(curl(`Authorization: Bearer ${ACCOUNT}`), cwd);
    const [f] = await lookupImpacts(r, { cwd, timeoutMs: 20_000 });
    const i = f!.impact!.find((x) => x.source === 'railway')!;
    expect(i.status).toBe('looked-up');
    expect(i.summary[0]).toBe('volume "postgres-volume" of service postgres in project carrental');
    expect(i.summary[1]).toMatch(/^mounted in PRODUCTION and staging \(production at \/var\/lib\/postgresql\/data; staging at \/var\/lib\/postgresql\/data\), 41\.0 GB used$/);
    expect(i.summary.at(-1)).toMatch(/^token: account token of ops@carrental\.example \(workspaces Carrental Ops\): reaches all 1 projects \(carrental\)/);
    expect(JSON.stringify(i)).not.toContain(ACCOUNT);
    const sent = si.requests.slice(before);
    expect(sent.map((s) => s.operation)).toEqual(sent.map(() => 'query'));
    expect(si.volumeDir && fs.existsSync(si.volumeDir)).toBe(true);
  });

  it('a project token says which project and environment it is for', async () => {
    const r = await checked(curl(`Project-Access-Token: ${PROJECT}`), cwd);
    const [f] = await lookupImpacts(r, { cwd, timeoutMs: 20_000 });
    expect(f!.impact![0]!.summary.at(-1)).toBe('token: project token for project carrental, environment production');
  });

  it('an unknown id is "not found with this token"; a stalled API is "could not look up" at the bound', async () => {
    const r = await checked(curl(`Authorization: Bearer ${ACCOUNT}`, 'volumeDelete(volumeId: \\"00000000-dead-4000-8000-000000000000\\")'), cwd);
    const [f] = await lookupImpacts(r, { cwd, timeoutMs: 20_000 });
    expect(f!.impact![0]!.summary[0]).toBe('volume 00000000-dead-4000-8000-000000000000: not found with this token');
    si.stall(true);
    try {
      const [g] = await lookupImpacts(await checked(curl(`Authorization: Bearer ${ACCOUNT}`), cwd), { cwd, timeoutMs: 300 });
      expect(g!.impact![0]).toMatchObject({ source: 'railway', status: 'unavailable', summary: ['could not look up (no answer within 300 ms)'] });
    } finally {
      si.stall(false);
    }
  });

  it('without a token there is nothing to ask with', async () => {
    const r = await checked(`railway volume delete --volume ${IDS.volume} --yes`, cwd);
    const [f] = await lookupImpacts(r, { cwd, env: { PATH: process.env.PATH }, timeoutMs: 5000 });
    expect(f!.impact![0]!.status).toBe('unavailable');
    expect(f!.impact![0]!.summary[0]).toMatch(/no Railway token/);
  });
});
