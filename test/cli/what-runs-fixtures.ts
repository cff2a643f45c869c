// The project files test/cli/what-runs.test.ts runs lines against: program files in each language,
// runner configs (package.json, justfile, Taskfile, Rakefile, tasks.py, noxfile.py, tox.ini, Makefile),
// a git repository's hooks and config. Data only: nothing here is executed by the tests.
export const VOLUME = '3d2c1f0e-aaaa-bbbb-cccc-123456789abc';
const MUTATION = `mutation { volumeDelete(volumeId: "${VOLUME}") }`;

const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: 'x', version: '1.0.0', scripts }, null, 2);

export const FILES: Record<string, string> = {
  // ---- item 1: program files (the two-call incident in three languages) ----
  'fix_volume.py': `import os\nimport requests\n\nTOKEN = os.environ.get("RAILWAY_TOKEN")\nURL = "https://backboard.railway.app/graphql/v2"\n\ndef main():\n    q = '${MUTATION}'\n    r = requests.post(URL, json={"query": q}, headers={"Authorization": f"Bearer {TOKEN}"})\n    print(r.json())\n\nmain()\n`,
  'fix_volume.js': `const URL = "https://backboard.railway.app/graphql/v2";\nasync function main() {\n  const res = await fetch(URL, {\n    method: "POST",\n    headers: { "Content-Type": "application/json", Authorization: \`Bearer \${process.env.RAILWAY_TOKEN}\` },\n    body: JSON.stringify({ query: '${MUTATION}' }),\n  });\n  console.log(await res.json());\n}\nmain();\n`,
  'fix_volume.rb': `require 'net/http'\nrequire 'json'\nuri = URI("https://backboard.railway.app/graphql/v2")\nbody = { query: '${MUTATION}' }.to_json\nres = Net::HTTP.post(uri, body, "Content-Type" => "application/json", "Authorization" => "Bearer #{ENV['RAILWAY_TOKEN']}")\nputs res.body\n`,
  'fix_volume.ts': `const URL: string = "https://backboard.railway.app/graphql/v2";\nawait fetch(URL, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: '${MUTATION}' }) });\n`,
  'hello.py': `import requests\nprint(requests.get("https://api.github.com/repos/a/b").json())\n`,
  'hello.rb': `require 'net/http'\nputs Net::HTTP.get(URI("https://example.com/"))\n`,
  'hello.ts': `const name: string = 'world';\nconsole.log(\`hello \${name}\`);\n`,
  'build.js': `const fs = require('fs');\nconst path = require('path');\nfs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });\nfs.mkdirSync('dist', { recursive: true });\nfs.writeFileSync('dist/index.js', 'console.log(1)');\n`,
  'reset.js': `const { Client } = require('pg');\nconst client = new Client({ connectionString: 'postgresql://admin@prod-db.internal:5432/app' });\nawait client.connect();\nawait client.query('DROP TABLE users');\n`,
  'main.go': `package main\n\nimport (\n\t"os"\n)\n\nfunc main() {\n\thome, _ := os.UserHomeDir()\n\tos.RemoveAll(home)\n}\n`,
  'gohello/main.go': `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n`,
  'reset': `#!/usr/bin/env python3\nimport shutil, os\nshutil.rmtree(os.path.expanduser("~"))\n`,
  'greet': `#!/usr/bin/env python3\nprint("hello")\n`,
  'wipe.pl': `use strict;\nsystem("rm -rf \${ENV{HOME}}");\n`,
  'hello.pl': `use strict;\nprint "hello\\n";\n`,
  'bare-system.pl': `use strict;\nmy $dir = '/srv/data';\nsystem 'rm', '-rf', '/srv/data';\n`,
  'wipe.php': `<?php\nshell_exec("rm -rf /var/lib/mysql");\n`,
  'hello.php': `<?php\necho "hello";\n`,
  'main_imports.py': `from helpers import wipe\nwipe()\n`,
  'helpers.py': `import shutil\n\ndef wipe():\n    shutil.rmtree('/var/lib/postgresql')\n`,
  'script/cleanup.rb': `User.delete_all\n`,
  'script/report.rb': `puts User.count\n`,

  // ---- item 3: a script sent to a remote shell ----
  'cleanup.sh': `#!/bin/sh\nrm -rf /var/lib/postgresql/data\n`,
  'uptime.sh': `#!/bin/sh\nuptime\ndf -h\n`,
  'cron.txt': `0 3 * * * rm -rf /var/lib/postgresql\n`,

  // ---- item 4: task runners ----
  'package.json': pkg({ fix: 'node fix_volume.js', nuke: 'node scripts/nuke.js', build: 'node build.js', test: 'node --test', pretest: 'echo testing' }),
  'scripts/nuke.js': `const fs = require('fs');\nfs.rmSync(require('os').homedir(), { recursive: true });\n`,
  'hooks/package.json': pkg({ postinstall: 'rm -rf /var/lib/postgresql', test: 'node --test' }),
  'plain/package.json': pkg({ postinstall: 'node build.js', prepare: 'echo ready' }),
  'plain/build.js': `const fs = require('fs');\nfs.mkdirSync('dist', { recursive: true });\n`,
  'justfile': `home := env_var('HOME')\ntarget := "/var/lib/postgresql"\n\ndefault: build\n\nbuild:\n    echo building\n    mkdir -p dist\n\nclean:\n    rm -rf dist\n\nnuke: clean\n    rm -rf {{target}}\n\nwipe dir:\n    rm -rf {{dir}}\n\npy:\n    #!/usr/bin/env python3\n    import shutil\n    shutil.rmtree('/srv/data')\n`,
  'Taskfile.yml': `version: '3'\nvars:\n  DB: app_prod\ntasks:\n  default:\n    cmds:\n      - task: build\n  build:\n    cmds:\n      - echo build\n      - mkdir -p dist\n  reset:\n    deps: [build]\n    cmds:\n      - psql -h prod-db.internal -c "DROP DATABASE {{.DB}}"\n`,
  'Rakefile': `require 'fileutils'\n\ntask default: [:test]\n\ntask :test do\n  sh "ruby -Itest test/all.rb"\nend\n\nnamespace :data do\n  desc "wipe"\n  task :wipe do\n    rm_rf "/srv/data"\n  end\nend\n\ntask :nuke => [:test] do\n  sh "kubectl delete namespace production"\nend\n`,
  'tasks.py': `from invoke import task\n\n@task\ndef build(c):\n    c.run("mkdir -p dist")\n\n@task(pre=[build])\ndef deploy(c):\n    c.run("terraform destroy -auto-approve")\n\n@task\ndef clean_db(c):\n    c.run("dropdb -h prod-db.internal app")\n`,
  'noxfile.py': `import nox\n\nnox.options.sessions = ["tests"]\n\n@nox.session\ndef tests(session):\n    session.install("pytest")\n    session.run("pytest", "-q")\n\n@nox.session\ndef wipe(session):\n    session.run("rm", "-rf", "/srv/data")\n`,
  'tox.ini': `[tox]\nenvlist = py311\n\n[testenv]\ncommands =\n    pytest {posargs}\n\n[testenv:reset]\ncommands =\n    psql -h prod-db.internal -c "DROP TABLE users"\n`,
  'Makefile': `include common.mk\n\nbuild:\n\tmkdir -p dist\n\ntest:\n\techo tests\n`,
  'common.mk': `.DEFAULT_GOAL := build\n\nnuke:\n\tkubectl delete namespace production\n`,
  'inc/Taskfile.yml': `version: '3'\nincludes:\n  db: ./db\n  gen: ./{{.GEN_DIR}}\ntasks:\n  build: echo build\n`,
  'inc/db/Taskfile.yml': `version: '3'\ntasks:\n  reset: psql -h prod-db.internal -c "DROP DATABASE app"\n  status: psql -h prod-db.internal -c "SELECT 1"\n`,
  'inc/Makefile': `include $(CONFIG_DIR)/targets.mk\n\nbuild:\n\tmkdir -p dist\n`,

  // ---- item 6: programs git runs for you ----
  'repo/.git/HEAD': 'ref: refs/heads/main\n',
  'repo/.git/config': `[core]\n\trepositoryformatversion = 0\n\thooksPath = .githooks\n[alias]\n\tnuke = !rm -rf ~/.config\n\tst = status\n`,
  'repo/.githooks/pre-commit': `#!/bin/sh\nrm -rf /var/lib/postgresql\n`,
  'repo/.githooks/post-checkout': `#!/usr/bin/env python3\nimport subprocess\nsubprocess.run(['git', 'status'])\n`,
  'repo2/.git/HEAD': 'ref: refs/heads/main\n',
  'repo2/.git/config': `[core]\n\tfsmonitor = rm -rf /srv/data\n\tsshCommand = ssh -i ~/.ssh/deploy\n`,
  'repo3/.git/HEAD': 'ref: refs/heads/main\n',
  'repo3/.git/hooks/pre-push': `#!/usr/bin/env python3\nimport shutil\nshutil.rmtree('/srv/data')\n`,
  'repo3/.git/hooks/pre-commit.sample': `#!/bin/sh\nrm -rf /srv/data\n`,
  'repo/.githooks/pre-push': `#!/bin/sh\nnpm test\n`,
  'pyproj/setup.py': `import shutil\nfrom setuptools import setup\nshutil.rmtree('/srv/data')\nsetup(name='x')\n`,
  'pyok/setup.py': `from setuptools import setup\nsetup(name='ok', version='1.0')\n`,
};
