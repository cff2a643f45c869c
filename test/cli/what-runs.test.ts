// Issue 12 through the real binary (`airlock explain --json`, spawned): what a line starts is judged by
// what it runs. Per item (1 program files, 2 containers, 3 remote and deferred runners, 4 task
// runners, 5 SQL clients, 6 programs git and installers run), each runner or language has a
// must-flag case (decision, rule, resource, environment) and a must-allow look-alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAirlock, cleanup, explain, world, write, type World } from './rules-helpers';
import { FILES, VOLUME } from './what-runs-fixtures';

let bin: string;
let w: World;
beforeAll(() => {
  bin = buildAirlock();
  w = world();
  for (const [name, text] of Object.entries(FILES)) fs.chmodSync(write(path.join(w.project, name), text), 0o755);
});
afterAll(cleanup);

interface Flag {
  rule: string;
  resource: string | RegExp;
  environment: string;
}
type Case = [line: string, expect: Flag | 'allow'];

interface Finding {
  rule: string;
  decision: string;
  resource: string;
  environment: string;
}

function judge(line: string, want: Flag | 'allow'): void {
  const r = explain(bin, w, line) as unknown as { decision: string; findings: Finding[] };
  const seen = JSON.stringify(r.findings.map((f) => [f.rule, f.resource, f.environment]));
  if (want === 'allow') {
    expect(r.decision, `${line}: ${seen}`).toBe('allow');
    return;
  }
  expect(r.decision, `${line}: ${seen}`).not.toBe('allow');
  const f = r.findings.find((x) => x.rule === want.rule);
  expect(f, `${line}: ${seen}`).toBeDefined();
  if (typeof want.resource === 'string') expect(f!.resource, seen).toBe(want.resource);
  else expect(f!.resource, seen).toMatch(want.resource);
  expect(f!.environment, seen).toBe(want.environment);
}

function table(cases: Case[]): void {
  for (const [line, want] of cases) it(`${line} -> ${want === 'allow' ? 'allow' : want.rule}`, () => judge(line, want));
}

const VOL: Flag = { rule: 'railway/graphql-volume-delete', resource: VOLUME, environment: 'production' };

describe('the two-call incident: the script written first, run second', () => {
  table([
    ['python3 fix_volume.py', VOL],
    ['node fix_volume.js', VOL],
    ['ruby fix_volume.rb', VOL],
    ['uv run fix_volume.py', VOL],
    ['npm run fix', VOL],
  ]);
});

describe('item 1: program files by runner and language', () => {
  table([
    ['python3 main_imports.py', { rule: 'code/recursive-delete', resource: '/var/lib/postgresql', environment: 'local' }],
    ['python3 hello.py', 'allow'],
    ['python3 -m pytest', 'allow'],
    ['poetry run python fix_volume.py', VOL],
    ['poetry run python hello.py', 'allow'],
    ['pipenv run python fix_volume.py', VOL],
    ['pipenv run python hello.py', 'allow'],
    ['node reset.js', { rule: 'postgres/drop', resource: /users/, environment: 'production' }],
    ['node build.js', 'allow'],
    ['tsx fix_volume.ts', VOL],
    ['tsx hello.ts', 'allow'],
    ['ts-node fix_volume.ts', VOL],
    ['ts-node hello.ts', 'allow'],
    ['bun fix_volume.ts', VOL],
    ['bun hello.ts', 'allow'],
    ['deno run -A fix_volume.ts', VOL],
    ['deno run hello.ts', 'allow'],
    ['ruby hello.rb', 'allow'],
    ['go run main.go', { rule: 'code/delete-root-or-home', resource: /^\/.+/, environment: 'local' }],
    ['go run ./gohello', 'allow'],
    ['./reset', { rule: 'code/delete-root-or-home', resource: /^\/.+/, environment: 'local' }],
    ['./greet', 'allow'],
    ['rails runner script/cleanup.rb', { rule: 'code/orm-delete-all', resource: /User/, environment: /./ as unknown as string }],
    ['rails runner script/report.rb', 'allow'],
    ['perl wipe.pl', { rule: 'files/delete-home', resource: /./, environment: 'local' }],
    ['perl hello.pl', 'allow'],
    ['php wipe.php', { rule: 'files/delete-system', resource: '/var/lib/mysql', environment: 'local' }],
    ['php hello.php', 'allow'],
  ]);
});
