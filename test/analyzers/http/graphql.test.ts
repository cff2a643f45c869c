// GraphQL bodies: read-only queries pass, destructive mutations on any API are confirmed,
// broken or hidden documents fail closed.
import { describe, expect, it } from 'vitest';
import { run, RAILWAY } from './helpers';

const rules = async (line: string): Promise<string[]> => (await run(line)).findings.map((f) => f.rule);

describe('GraphQL', () => {
  it('allows read-only Railway queries', async () => {
    for (const body of ['{"query":"query { me { name email } }"}', '{"query":"query { projectToken { projectId environmentId } }"}', '{"query":"{ project(id: \\"p\\") { volumes { edges { node { id name } } } } }"}']) {
      const r = await run(`curl ${RAILWAY} -H "Authorization: Bearer $T" -d '${body}'`);
      expect(r.decision, body).toBe('allow');
    }
  });

  it('runs only the operation named by operationName', async () => {
    const line = `curl ${RAILWAY} -d '{"query":"query Me { me { name } } mutation Wipe { volumeDelete(volumeId: \\"v\\") }","operationName":"Me"}'`;
    expect((await run(line)).decision).toBe('allow');
  });

  it('emits one fact per root field with alias and substituted args', async () => {
    const r = await run(`curl ${RAILWAY} -d '{"query":"mutation($e: String!) { a: serviceDelete(id: \\"s1\\", environmentId: $e) b: deploymentRestart(id: \\"d\\") }","variables":{"e":"env1"}}'`);
    const g = r.facts.filter((f) => f.type === 'graphql');
    expect(g.map((f) => [f.field, f.alias])).toEqual([['serviceDelete', 'a'], ['deploymentRestart', 'b']]);
    expect(g[0]!.args).toEqual({ id: 's1', environmentId: 'env1' });
    expect(r.findings.find((f) => f.rule === 'railway/graphql-service-delete')?.resource).toBe('s1');
  });

  it('confirms backup deletion as critical', async () => {
    const r = await run(`curl ${RAILWAY} -d '{"query":"mutation { volumeInstanceBackupDelete(volumeInstanceBackupId: \\"b1\\", volumeInstanceId: \\"vi\\") }"}'`);
    const f = r.findings.find((x) => x.rule === 'railway/graphql-backup-delete');
    expect(f?.severity).toBe('critical');
    expect(f?.resource).toBe('b1');
  });

  it('sees deletions hidden in environment config patches', async () => {
    expect(await rules(`curl ${RAILWAY} -d '{"query":"mutation($p: EnvironmentConfig) { environmentPatchCommit(environmentId: \\"e\\", patch: $p) }","variables":{"p":{"buckets":{"b1":{"isDeleted":true}}}}}'`)).toContain('railway/graphql-config-patch-delete');
  });

  it('confirms destructive mutations on other APIs, matched on words', async () => {
    expect(await rules('gh api graphql -f query=\'mutation { deleteRef(input: {refId: "r"}) { clientMutationId } }\'')).toContain('graphql/destructive-mutation');
    expect(await rules('curl https://api.example.com/graphql -H "Authorization: Bearer $T" -d \'{"query":"mutation { dropdownUpdate(id: 1) { id } }"}\'')).not.toContain('graphql/destructive-mutation');
  });

  it('confirms a document that does not parse, sent with credentials', async () => {
    expect(await rules(`curl ${RAILWAY} -H "Authorization: Bearer $T" -d '{"query":"mutation { volumeDelete(volumeId: \\"v\\" }"}'`)).toContain('graphql/unparsed');
  });

  it('confirms a body only known at run time when it goes to a GraphQL endpoint', async () => {
    expect(await rules('curl https://api.example.com/graphql -d "$BODY"')).toContain('graphql/unresolved');
    expect((await run('curl https://api.example.com/items -d "$BODY"')).decision).toBe('allow');
  });
});
