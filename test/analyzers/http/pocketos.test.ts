// The PocketOS incident (destructive-ops.md §1.1) and every spelling of §1.7: each one must stop at
// a human with the volume id as the resource and production as the environment.
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { finding, INCIDENT_BODY, RAILWAY, run, VOLUME } from './helpers';

const RULE = 'railway/graphql-volume-delete';
const Q = `mutation { volumeDelete(volumeId: \\"${VOLUME}\\") }`;

async function expectVolumeDelete(line: string, opts = {}): Promise<void> {
  const f = await finding(line, RULE, opts);
  expect(f, line).toBeDefined();
  expect(f!.resource).toBe(VOLUME);
  expect(f!.environment).toBe('production');
  expect(f!.decision).not.toBe('allow');
}

describe('the PocketOS chain', () => {
  it('flags the reconstructed incident call', async () => {
    await expectVolumeDelete(`curl -X POST ${RAILWAY} -H "Authorization: Bearer $T" -d '${INCIDENT_BODY}'`);
  });

  it('flags the token found in an unrelated file and used in the same line', async () => {
    await expectVolumeDelete(`T=$(grep -o 'rw_[a-z0-9]*' ops/domains.env); curl -X POST ${RAILWAY} -H "Authorization: Bearer $T" -d '${INCIDENT_BODY}'`);
  });

  it('denies it outright from a session declared staging (environment wall)', async () => {
    const r = await run(`curl -X POST ${RAILWAY} -H "Authorization: Bearer $T" -d '${INCIDENT_BODY}'`, { sessionEnvironment: 'staging' });
    expect(r.decision).toBe('deny');
  });

  it('is still production when the agent passes a staging environment id elsewhere', async () => {
    await expectVolumeDelete(`RAILWAY_ENVIRONMENT=staging curl ${RAILWAY} -H "Authorization: Bearer $T" -d '${INCIDENT_BODY}'`);
  });
});

describe('§1.7 spellings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-http-'));
  fs.writeFileSync(path.join(dir, 'body.json'), INCIDENT_BODY + '\n');
  fs.writeFileSync(path.join(dir, 'q.graphql'), `mutation {\n  volumeDelete(volumeId: "${VOLUME}")\n}\n`);
  const at = { cwd: dir };

  const lines: [string, string][] = [
    ['-d', `curl ${RAILWAY} -d '${INCIDENT_BODY}'`],
    ['--data', `curl ${RAILWAY} --data '${INCIDENT_BODY}'`],
    ['--data-raw', `curl ${RAILWAY} --data-raw '${INCIDENT_BODY}'`],
    ['--data-binary', `curl ${RAILWAY} --data-binary '${INCIDENT_BODY}'`],
    ['--data-ascii', `curl ${RAILWAY} --data-ascii '${INCIDENT_BODY}'`],
    ['--json', `curl ${RAILWAY} --json '${INCIDENT_BODY}'`],
    ['--data=', `curl ${RAILWAY} --data='${INCIDENT_BODY}'`],
    ['-X POST --url', `curl -X POST --url ${RAILWAY} --header 'content-type: application/json' -d '${INCIDENT_BODY}'`],
    ['--request=POST', `curl --request=POST ${RAILWAY} -d '${INCIDENT_BODY}'`],
    ['glued -d', `curl -sS -d'${INCIDENT_BODY}' ${RAILWAY}`],
    ['.com host', `curl https://backboard.railway.com/graphql/v2?source=cli -d '${INCIDENT_BODY}'`],
    ['Railway staging stack', `curl https://backboard.railway-staging.com/graphql/v2 -d '${INCIDENT_BODY}'`],
    ['heredoc @-', `curl ${RAILWAY} --data-binary @- <<'EOF'\n${INCIDENT_BODY}\nEOF`],
    ['herestring @/dev/stdin', `curl ${RAILWAY} -d @/dev/stdin <<< '${INCIDENT_BODY}'`],
    ['echo pipe', `echo '${INCIDENT_BODY}' | curl ${RAILWAY} -d @-`],
    ['printf pipe', `printf '%s' '${INCIDENT_BODY}' | curl ${RAILWAY} -d @-`],
    ['variable in the line', `B='${INCIDENT_BODY}'; curl ${RAILWAY} -d "$B"`],
    ['batched array', `curl ${RAILWAY} -d '[{"query":"query { me { name } }"},${INCIDENT_BODY}]'`],
    ['\\u escapes', `curl ${RAILWAY} -d '{"query":"mutation { \\u0076olumeDelete(volumeId: \\"${VOLUME}\\") }"}'`],
    ['\\n and comments', `curl ${RAILWAY} -d '{"query":"# harmless\\nmutation Cleanup {\\n  volumeDelete(\\n volumeId: \\"${VOLUME}\\")\\n}"}'`],
    ['alias', `curl ${RAILWAY} -d '{"query":"mutation { cleanup: volumeDelete(volumeId: \\"${VOLUME}\\") }"}'`],
    ['variables', `curl ${RAILWAY} -d '{"query":"mutation($v: String!) { volumeDelete(volumeId: $v) }","variables":{"v":"${VOLUME}"}}'`],
    ['variables as a JSON string', `curl ${RAILWAY} -d '{"query":"mutation($v: String!) { volumeDelete(volumeId: $v) }","variables":"{\\"v\\":\\"${VOLUME}\\"}"}'`],
    ['default variable', `curl ${RAILWAY} -d '{"query":"mutation($v: String! = \\"${VOLUME}\\") { volumeDelete(volumeId: $v) }"}'`],
    ['several root fields', `curl ${RAILWAY} -d '{"query":"mutation { a: deploymentRestart(id: \\"d\\") b: volumeDelete(volumeId: \\"${VOLUME}\\") }"}'`],
    ['operationName', `curl ${RAILWAY} -d '{"query":"query Me { me { name } } mutation Wipe { volumeDelete(volumeId: \\"${VOLUME}\\") }","operationName":"Wipe"}'`],
    ['fragment on root', `curl ${RAILWAY} -d '{"query":"mutation { ...F } fragment F on Mutation { volumeDelete(volumeId: \\"${VOLUME}\\") }"}'`],
    ['inline fragment on root', `curl ${RAILWAY} -d '{"query":"mutation { ... on Mutation { volumeDelete(volumeId: \\"${VOLUME}\\") } }"}'`],
    ['form query=', `curl ${RAILWAY} -d 'query=mutation%20%7B%20volumeDelete(volumeId%3A%20%22${VOLUME}%22)%20%7D'`],
    ['--data-urlencode', `curl ${RAILWAY} --data-urlencode 'query=mutation { volumeDelete(volumeId: "${VOLUME}") }'`],
    ['GET ?query=', `curl -G ${RAILWAY} --data-urlencode 'query=mutation { volumeDelete(volumeId: "${VOLUME}") }'`],
    ['raw document body', `curl -X PATCH ${RAILWAY} -H 'content-type: application/graphql' -d "${Q}"`],
    ['multipart operations', `curl ${RAILWAY} -F 'operations=${INCIDENT_BODY}'`],
    ['wget --post-data', `wget -qO- --post-data='${INCIDENT_BODY}' ${RAILWAY}`],
    ['wget --method --body-data', `wget --method=POST --body-data '${INCIDENT_BODY}' ${RAILWAY}`],
    ['httpie query=', `http POST ${RAILWAY} query='mutation { volumeDelete(volumeId: "${VOLUME}") }' Authorization:"Bearer $T"`],
    ['httpie --form', `https --form backboard.railway.app/graphql/v2 query='mutation { volumeDelete(volumeId: "${VOLUME}") }'`],
    ['httpie stdin', `echo '${INCIDENT_BODY}' | http ${RAILWAY}`],
    ['xh', `xh ${RAILWAY} query='mutation { volumeDelete(volumeId: "${VOLUME}") }'`],
    ['wrapped in sudo/env/bash -c', `sudo env A=1 bash -c "curl ${RAILWAY} -d '{\\"query\\":\\"mutation { volumeDelete(volumeId: \\\\\\"${VOLUME}\\\\\\") }\\"}'"`],
    ['railway api', `railway api 'mutation { volumeDelete(volumeId: "${VOLUME}") }'`],
    ['railway api --var', `railway api 'mutation($v: String!) { volumeDelete(volumeId: $v) }' --var v=${VOLUME}`],
  ];
  for (const [name, line] of lines) it(name, () => expectVolumeDelete(line));

  it('-d @file.json', () => expectVolumeDelete(`curl ${RAILWAY} -d @body.json`, at));
  it('--data-binary @file with cat pipe', () => expectVolumeDelete(`cat body.json | curl ${RAILWAY} --data-binary @-`, at));
  it('< file redirect to @-', () => expectVolumeDelete(`curl ${RAILWAY} -d @- < body.json`, at));
  it('railway api --file', () => expectVolumeDelete('railway api --file q.graphql', at));
  it('railway api from stdin', () => expectVolumeDelete('railway api < q.graphql', at));

  const dynamic: [string, string][] = [
    ['body from base64', `curl ${RAILWAY} -H "Authorization: Bearer $T" -d "$(echo $B64 | base64 -d)"`],
    ['body from envsubst', `envsubst < tpl.json | curl ${RAILWAY} -d @-`],
    ['query built from a variable', `curl ${RAILWAY} -d '{"query":"mutation { '"$OP"'(volumeId: \\"x\\") }"}'`],
    ['unreadable file', `curl ${RAILWAY} -d @/nonexistent/body.json`],
    ['persisted query hash', `curl ${RAILWAY} -H "Authorization: Bearer $T" -d '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}'`],
    ['URL in a variable', `curl "$RAILWAY_API_URL" -H "Authorization: Bearer $T" -d "$BODY"`],
  ];
  for (const [name, line] of dynamic) {
    it(`confirms what it cannot read: ${name}`, async () => {
      const r = await run(line);
      expect(r.decision).toBe('confirm');
    });
  }
});
