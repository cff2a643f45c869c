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
    ['rails runner script/cleanup.rb', { rule: 'code/orm-delete-all', resource: /User/, environment: 'unknown' }],
    ["rails runner 'User.delete_all'", { rule: 'code/orm-delete-all', resource: /User/, environment: 'unknown' }],
    ["rails runner 'puts User.count'", 'allow'],
    ['rails runner script/report.rb', 'allow'],
    ['perl wipe.pl', { rule: 'files/delete-home', resource: /./, environment: 'local' }],
    ['perl hello.pl', 'allow'],
    ['php wipe.php', { rule: 'files/delete-system', resource: '/var/lib/mysql', environment: 'local' }],
    ['php hello.php', 'allow'],
  ]);
});

describe('item 1: inline code in Perl quoting forms', () => {
  table([
    ["perl -e 'system(q{rm -rf /var/lib/postgresql})'", { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ["perl -e 'system(qq{rm -rf $ENV{HOME}})'", { rule: 'files/delete-home', resource: /^\//, environment: 'local' }],
    ["perl -e 'qx(rm -rf /srv/data)'", { rule: 'files/delete-system', resource: '/srv/data', environment: 'local' }],
    ["perl -e 'print q{rm -rf /}'", 'allow'],
    ["perl -e 'system(qw(ls -la))'", 'allow'],
    // Without parentheses: a string, a q{} body, an argument list.
    ["perl -e 'system \"rm -rf /srv/data\"'", { rule: 'files/delete-system', resource: '/srv/data', environment: 'local' }],
    ["perl -e 'exec q{rm -rf /var/lib/postgresql}'", { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ["perl -e \"system 'rm', '-rf', '/srv/data'\"", { rule: 'files/delete-system', resource: '/srv/data', environment: 'local' }],
    ['perl bare-system.pl', { rule: 'files/delete-system', resource: '/srv/data', environment: 'local' }],
    ["perl -e 'system \"ls -la\"'", 'allow'],
    ["perl -e 'print \"the system is up\\n\"'", 'allow'],
    ["php -r 'shell_exec(\"rm -rf /var/lib/mysql\");'", { rule: 'files/delete-system', resource: '/var/lib/mysql', environment: 'local' }],
    ["php -r 'echo 1;'", 'allow'],
  ]);
});

describe('item 2: containers', () => {
  table([
    ['docker run -v ~:/data alpine rm -rf /data', { rule: 'files/delete-home', resource: /./, environment: 'local' }],
    ['docker run --rm alpine ls /', 'allow'],
    ["docker compose exec db psql -U postgres -c 'DROP DATABASE app'", { rule: 'postgres/drop-database', resource: 'app', environment: 'unknown' }],
    ['docker compose exec db psql -U postgres -c "SELECT 1"', 'allow'],
    ['docker compose up', 'allow'],
    ['docker exec $(docker ps -q | head -1) rm -rf /var/lib/postgresql', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['docker exec $(docker ps -q | head -1) ls /var/lib', 'allow'],
    ['kubectl run tmp --image=alpine --restart=Never -- rm -rf /var/lib/postgresql', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['kubectl run tmp --image=alpine --restart=Never -- ls', 'allow'],
  ]);
});

describe('item 3: remote and deferred runners', () => {
  table([
    ['ssh prod bash -s < cleanup.sh', { rule: 'files/delete-system', resource: /postgresql/, environment: 'production' }],
    ['ssh host uptime', 'allow'],
    ['ssh host bash -s < uptime.sh', 'allow'],
    ['gcloud compute ssh prod-vm --command "rm -rf /var/lib/postgresql"', { rule: 'files/delete-system', resource: /postgresql/, environment: 'production' }],
    ['gcloud compute ssh dev-vm --command "uptime"', 'allow'],
    ["aws ssm send-command --document-name AWS-RunShellScript --targets Key=tag:env,Values=prod --parameters 'commands=[\"rm -rf /var/lib/postgresql\"]'", { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'production' }],
    ["aws ssm send-command --document-name AWS-RunShellScript --targets Key=tag:env,Values=prod --parameters 'commands=[\"uptime\"]'", 'allow'],
    ['crontab cron.txt', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['crontab -l', 'allow'],
    ['systemd-run --user rm -rf /var/lib/postgresql', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['systemd-run --user uptime', 'allow'],
    ['echo "rm -rf /var/lib/postgresql" | at now + 1 hour', { rule: 'files/delete-system', resource: /postgresql/, environment: 'local' }],
    ['echo "uptime" | at now', 'allow'],
    ['tmux send-keys -t 0 "rm -rf /var/lib/postgresql" Enter', { rule: 'files/delete-system', resource: /postgresql/, environment: 'local' }],
    ['tmux send-keys -t 0 "ls" Enter', 'allow'],
  ]);
});

describe('item 4: task runners', () => {
  table([
    ['npm run nuke', { rule: 'code/delete-root-or-home', resource: /^\//, environment: 'local' }],
    ['npm test', 'allow'],
    ['npm run build', 'allow'],
    ['npm --prefix hooks install', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['npm --prefix hooks ci', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['npm --prefix hooks install --ignore-scripts', 'allow'],
    ['npm --prefix plain install', 'allow'],
    ['npm --prefix hooks install left-pad', 'allow'],
    ['pnpm --dir hooks install', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['yarn --cwd hooks', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['just nuke', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['just wipe /srv/data', { rule: 'files/delete-system', resource: '/srv/data', environment: 'local' }],
    ['just py', { rule: 'code/recursive-delete', resource: '/srv/data', environment: 'local' }],
    ['just', 'allow'],
    ['just clean', 'allow'],
    ['task reset', { rule: 'postgres/drop-database', resource: /app_prod/, environment: 'production' }],
    ['task', 'allow'],
    ['task build', 'allow'],
    ['rake data:wipe', { rule: 'code/recursive-delete', resource: '/srv/data', environment: 'local' }],
    ['rake nuke', { rule: 'kubernetes/delete-namespace', resource: /production/, environment: 'production' }],
    ['rake', 'allow'],
    ['rake test', 'allow'],
    ['invoke deploy', { rule: 'terraform/destroy', resource: 'app', environment: 'unknown' }],
    ['invoke clean-db', { rule: 'postgres/drop-database', resource: 'app', environment: 'production' }],
    ['invoke build', 'allow'],
    ['nox -s wipe', { rule: 'files/delete-system', resource: '/srv/data', environment: 'local' }],
    ['nox', 'allow'],
    ['nox -s tests', 'allow'],
    ['tox -e reset', { rule: 'postgres/drop', resource: /users/, environment: 'production' }],
    ['tox', 'allow'],
    ['make nuke', { rule: 'kubernetes/delete-namespace', resource: /production/, environment: 'production' }],
    ['make', 'allow'],
    ['make test', 'allow'],
    // Runners under python -m, Taskfile includes, includes airlock cannot resolve.
    ['python3 -m invoke deploy', { rule: 'terraform/destroy', resource: 'app', environment: 'unknown' }],
    ['python3 -m invoke build', 'allow'],
    ['python -m nox -s wipe', { rule: 'files/delete-system', resource: '/srv/data', environment: 'local' }],
    ['python -m tox -e reset', { rule: 'postgres/drop', resource: /users/, environment: 'production' }],
    ['task -d inc db:reset', { rule: 'postgres/drop-database', resource: /app/, environment: 'production' }],
    ['task -d inc db:status', 'allow'],
    ['task -d inc gen:clean', { rule: 'code/program-unreadable', resource: /Taskfile/, environment: 'local' }],
    ['make -C inc wipe', { rule: 'code/program-unreadable', resource: /Makefile/, environment: 'local' }],
    ['make -C inc build', 'allow'],
  ]);
});

describe('item 5: SQL through other clients', () => {
  table([
    ["heroku pg:psql -a shop-prod -c 'DROP TABLE users'", { rule: 'datastores/drop-table', resource: "users", environment: 'production' }],
    ["heroku pg:psql -a shop-prod -c 'SELECT 1'", 'allow'],
    ["wrangler d1 execute prod-db --remote --command \"DROP TABLE users\"", { rule: 'datastores/drop-table', resource: "users", environment: 'production' }],
    ["wrangler d1 execute prod-db --remote --command \"SELECT 1\"", 'allow'],
    ["npx prisma db execute --stdin <<< 'DROP TABLE users;'", { rule: 'datastores/drop-table', resource: "users", environment: 'unknown' }],
    ["npx prisma db execute --stdin <<< 'SELECT 1;'", 'allow'],
    ["supabase db reset --linked", { rule: 'platforms/supabase-db-reset-remote', resource: "linked project", environment: 'unknown' }],
    ["mysql -h prod-db.internal -e 'DROP DATABASE shop'", { rule: 'datastores/drop-database', resource: "shop", environment: 'production' }],
    ["mysql -h prod-db.internal -e 'SELECT 1'", 'allow'],
    ["mariadb -h prod-db.internal -e 'DROP TABLE users'", { rule: 'datastores/drop-table', resource: "users", environment: 'production' }],
    ["mariadb -h prod-db.internal -e 'SELECT 1'", 'allow'],
    ["echo 'DROP TABLE users' | pgcli postgresql://prod-db.internal/app", { rule: 'postgres/drop', resource: "users", environment: 'production' }],
    ["echo 'SELECT 1' | pgcli postgresql://prod-db.internal/app", 'allow'],
    ["usql pg://prod-db.internal/app -c 'DROP TABLE users'", { rule: 'datastores/drop-table', resource: "users", environment: 'production' }],
    ["usql pg://prod-db.internal/app -c 'select 1'", 'allow'],
    ["litecli app.db -e 'DROP TABLE users'", { rule: 'datastores/drop-table', resource: "users", environment: 'local' }],
    ["litecli app.db -e 'SELECT 1'", 'allow'],
    ["duckdb prod.duckdb -c 'DROP TABLE users'", { rule: 'datastores/drop-table', resource: "users", environment: 'production' }],
    ["duckdb -c 'SELECT 42'", 'allow'],
    ["clickhouse-client -h prod-ch --query 'DROP TABLE users'", { rule: 'datastores/drop-table', resource: "users", environment: 'production' }],
    ["clickhouse-client -h prod-ch --query 'SELECT 1'", 'allow'],
    ["cqlsh prod-db -e 'DROP TABLE ks.users'", { rule: 'datastores/drop-table', resource: "ks.users", environment: 'production' }],
    ["cqlsh prod-db -e 'SELECT * FROM ks.users'", 'allow'],
    ["sqlcmd -S prod-db -Q 'DROP TABLE users'", { rule: 'datastores/drop-table', resource: "users", environment: 'production' }],
    ["sqlcmd -S prod-db -Q 'SELECT 1'", 'allow'],
    ["snowsql -c prod -q 'DROP TABLE users'", { rule: 'datastores/drop-table', resource: "users", environment: 'production' }],
    ["snowsql -c prod -q 'SELECT 1'", 'allow'],
    ["bq query 'DROP TABLE ds.users'", { rule: 'datastores/drop-table', resource: "ds.users", environment: 'unknown' }],
    ["bq query 'SELECT 1'", 'allow'],
    ["mongosh mongodb://prod-db.internal/app --eval 'db.dropDatabase()'", { rule: 'datastores/drop-database', resource: "app", environment: 'production' }],
    ["mongosh mongodb://prod-db.internal/app --eval 'db.users.find()'", 'allow'],
    ['redis-cli -h prod-cache.internal FLUSHALL', { rule: 'datastores/redis-flush', resource: /./, environment: 'production' }],
    ['redis-cli -h prod-cache.internal GET k', 'allow'],
  ]);
});

describe('item 6: programs git and installers run for you', () => {
  table([
    ['git -C repo commit -m wip', { rule: 'files/delete-system', resource: '/var/lib/postgresql', environment: 'local' }],
    ['git -C repo commit --no-verify -m wip', 'allow'],
    ['git -C repo checkout -b topic', 'allow'],
    ['git -C repo nuke', { rule: 'airlock/config-tamper', resource: /\.config$/, environment: 'local' }],
    ['git -C repo st', 'allow'],
    ["git -c 'alias.x=!rm -rf /srv/data' x", { rule: 'files/delete-system', resource: '/srv/data', environment: 'local' }],
    ["git -c 'alias.l=!git log --oneline' l", 'allow'],
    ['git -C repo2 status', { rule: 'files/delete-system', resource: '/srv/data', environment: 'local' }],
    ['git -C repo2 log', 'allow'],
    ['git -C repo3 push origin topic', { rule: 'code/recursive-delete', resource: '/srv/data', environment: 'local' }],
    ['git -C repo3 commit -m wip', 'allow'],
    ['pip install -e pyproj', { rule: 'code/recursive-delete', resource: '/srv/data', environment: 'local' }],
    ['python3 -m pip install ./pyproj', { rule: 'code/recursive-delete', resource: '/srv/data', environment: 'local' }],
    ['pip install -e ./pyok', 'allow'],
    ['pip install requests', 'allow'],
  ]);
});
