// MCP tool calls in the mcptools form (`mcp call TOOL --params JSON SERVER`), as the harness hooks
// describe them: the generic `tool` fact, and the facts of what the arguments carry (SQL through
// the PostgreSQL analyzer, GraphQL and HTTP through the HTTP analyzer), through the full pipeline.
import { describe, expect, it } from 'vitest';
import { DESTRUCTIVE_VERBS, equivalentLines, nameWords, parseCall } from '../../../src/analyzers/mcp';
import { check } from '../../../src/engine';

const run = (line: string) => check(line, { cwd: '/tmp/airlock-example-project' });
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const call = (tool: string, params: unknown, server: string) => `mcp call ${tool} --params ${q(JSON.stringify(params))} ${server}`;

describe('parseCall', () => {
  it('reads the tool, the params and the server named by its command', () => {
    expect(parseCall(['call', 'query', '--params', '{"sql":"select 1"}', 'npx', '-y', '@modelcontextprotocol/server-postgres'])).toEqual({ tool: 'query', server: 'postgres', params: { sql: 'select 1' }, badParams: false });
    expect(parseCall(['call', 'volume_delete', '--params={"volumeId":"v1"}', 'railway-mcp'])).toMatchObject({ tool: 'volume_delete', server: 'railway', params: { volumeId: 'v1' } });
    expect(parseCall(['call', '-f', 'json', 'list', 'uvx', 'mcp-server-sqlite'])).toMatchObject({ tool: 'list', server: 'sqlite', params: {} });
  });

  it('marks params that are not a JSON object, and unknown (run-time) words', () => {
    expect(parseCall(['call', 'query', '--params', '[1,2]', 'pg'])?.badParams).toBe(true);
    expect(parseCall(['call', 'query', '--params', '{broken', 'pg'])?.badParams).toBe(true);
    expect(parseCall(['call', 'query', '--params', null, 'pg'])?.badParams).toBe(true);
  });

  it('is no tool call for other mcp subcommands or a missing tool', () => {
    expect(parseCall(['tools', 'railway'])).toBeNull();
    expect(parseCall(['call'])).toBeNull();
  });
});

describe('nameWords', () => {
  it('splits snake, kebab and camel case', () => {
    expect(nameWords('volume_delete')).toEqual(['volume', 'delete']);
    expect(nameWords('deleteVolume')).toEqual(['delete', 'volume']);
    expect(nameWords('drop-branch')).toEqual(['drop', 'branch']);
    expect(nameWords('resetDB2Now')).toEqual(['reset', 'db2', 'now']);
  });

  it('knows the destructive verbs the issue names', () => {
    for (const v of ['delete', 'drop', 'destroy', 'truncate', 'reset']) expect(DESTRUCTIVE_VERBS).toContain(v);
  });
});

describe('equivalentLines', () => {
  it('SQL under a sql/query key becomes psql -c with the connection arguments', () => {
    expect(equivalentLines({ tool: 'query', server: 'pg', params: { sql: 'DROP TABLE users', host: 'db.prod', database: 'app' }, badParams: false })).toEqual([`psql -h 'db.prod' -d 'app' -c 'DROP TABLE users'`]);
    expect(equivalentLines({ tool: 'run', server: 'pg', params: { connection_string: 'postgres://u@h/db', statement: 'truncate t' }, badParams: false })).toEqual([`psql 'postgres://u@h/db' -c 'truncate t'`]);
  });

  it('a word that merely looks like SQL is not a statement', () => {
    expect(equivalentLines({ tool: 'search', server: 'docs', params: { term: 'update' }, badParams: false })).toEqual([]);
  });

  it('a GraphQL mutation goes to the endpoint given, or Railway for a Railway server', () => {
    const doc = 'mutation { volumeDelete(volumeId: "v1") }';
    const [line] = equivalentLines({ tool: 'graphql', server: 'railway', params: { query: doc }, badParams: false });
    expect(line).toContain('https://backboard.railway.app/graphql/v2');
    expect(line).toContain('volumeDelete');
    expect(equivalentLines({ tool: 'graphql', server: 'x', params: { url: 'https://api.example.com/graphql', query: doc }, badParams: false })[0]).toContain(`'https://api.example.com/graphql'`);
  });

  it('an HTTP request becomes curl with its method, headers and body', () => {
    expect(equivalentLines({ tool: 'fetch', server: 'http', params: { url: 'https://api.example.com/v1/items/7', method: 'delete', headers: { Authorization: 'Bearer t' } }, badParams: false })).toEqual([`curl -X 'DELETE' 'https://api.example.com/v1/items/7' -H 'Authorization: Bearer t'`]);
    expect(equivalentLines({ tool: 'fetch', server: 'http', params: { url: 'https://api.example.com/v1/items', body: { a: 1 } }, badParams: false })[0]).toMatch(/^curl -X 'POST' .* -d '\{"a":1\}'$/);
  });
});

describe('through the pipeline', () => {
  it('a destructive tool name is confirmed, naming the resource from its id argument', async () => {
    const r = await run(call('volume_delete', { volumeId: '3d2c42fb' }, 'railway'));
    expect(r.decision).toBe('confirm');
    const f = r.findings.find((x) => x.rule === 'tools/destructive');
    expect(f?.resource).toBe('3d2c42fb');
    const t = r.facts.find((x) => x.type === 'tool');
    expect(t).toMatchObject({ tool: 'volume_delete', server: 'railway', action: 'delete', destructive: true });
  });

  it('read-only tools and read-only SQL are quiet', async () => {
    expect((await run(call('list_volumes', {}, 'railway'))).decision).toBe('allow');
    expect((await run(call('query', { sql: 'select count(*) from users' }, 'npx -y @modelcontextprotocol/server-postgres'))).decision).toBe('allow');
  });

  it('DROP TABLE in a query argument is the PostgreSQL finding, reached through the MCP server', async () => {
    const r = await run(call('query', { sql: 'DROP TABLE users' }, 'pg'));
    expect(r.decision).not.toBe('allow');
    const f = r.findings.find((x) => x.rule.startsWith('postgres/drop'));
    expect(f, JSON.stringify(r.findings.map((x) => x.rule))).toBeTruthy();
    expect(r.facts.some((x) => x.via === 'mcp:pg')).toBe(true);
  });

  it('the PocketOS mutation sent as an MCP GraphQL call is the Railway finding', async () => {
    const r = await run(call('graphql', { query: 'mutation { volumeDelete(volumeId: "3d2c42fb-7a1e-4c55-9d0e-51f0c2a9e8b1") }' }, 'railway'));
    expect(r.findings.map((x) => x.rule)).toContain('railway/graphql-volume-delete');
  });

  it('unreadable params fail closed', async () => {
    const r = await run(`mcp call query --params '{not json' pg`);
    expect(r.decision).toBe('confirm');
    expect(r.findings.map((x) => x.rule)).toContain('tools/unreadable-params');
  });
});
