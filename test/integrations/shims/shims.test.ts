// Program shims first on PATH: commands reached indirectly (npm scripts, make, a Python
// subprocess) are checked; harmless ones behave exactly as without airlock. The "real"
// terraform/psql are stubs further down PATH that leave a marker file when they run.
import * as fs from 'fs';
import * as path from 'path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_RULES, TIMEOUT, airlock, ensureBuilt, isolatedEnv, run, tmp, type Env } from '../harness/helpers';

let base: string;
let shimDir: string;
let stubBin: string;
let marks: string;
let env: Env;

const STUB = (name: string) => `#!/bin/sh
printf '%s\\n' "\${AIRLOCK_GUARDED:-unset}" > "$STUB_MARKS/ran-${name}"
if [ "$1" = selfkill ]; then kill -TERM $$; fi
echo "stub ${name}: $*"
case " $* " in
  *" -c "*|*" plan "*|*" destroy "*|*" version "*) ;;
  *) echo "stdin:"; cat ;;
esac
exit 3
`;

function ran(name: string): boolean {
  return fs.existsSync(path.join(marks, `ran-${name}`));
}

function clearMarks(): void {
  for (const f of fs.readdirSync(marks)) fs.rmSync(path.join(marks, f));
}

/** sh -c SCRIPT with the shims first on PATH (or without them). */
function sh(script: string, opts: { shims?: boolean; cwd?: string; input?: string; extra?: Env } = {}) {
  const PATH = [...(opts.shims === false ? [] : [shimDir]), stubBin, process.env.PATH].join(path.delimiter);
  return run('/bin/sh', ['-c', script], { env: { ...env, PATH, ...opts.extra }, cwd: opts.cwd ?? base, input: opts.input ?? '' });
}

beforeAll(async () => {
  ensureBuilt();
  base = tmp();
  shimDir = path.join(base, 'shims');
  stubBin = path.join(base, 'bin');
  marks = path.join(base, 'marks');
  fs.mkdirSync(stubBin);
  fs.mkdirSync(marks);
  for (const n of ['terraform', 'psql']) fs.writeFileSync(path.join(stubBin, n), STUB(n), { mode: 0o755 });
  env = { ...isolatedEnv({ AIRLOCK_RULESETS: TEST_RULES }), STUB_MARKS: marks };
  const r = await airlock(['shims', 'install', shimDir], { env });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`export PATH="${shimDir}:$PATH"`);
}, 180_000);

describe('airlock shims', () => {
  it('writes small sh scripts for the guarded programs (baseline and analyzer families), not for hot utilities', () => {
    const names = fs.readdirSync(shimDir);
    for (const n of ['terraform', 'tofu', 'psql', 'curl', 'kubectl', 'railway', 'aws', 'git', 'rm', 'docker', 'mysql']) expect(names).toContain(n);
    for (const n of ['sh', 'bash', 'node', 'python3', 'cat', 'grep', 'sed', 'cd']) expect(names).not.toContain(n);
    const text = fs.readFileSync(path.join(shimDir, 'terraform'), 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toContain(' shim terraform -- "$@"');
    expect(fs.statSync(path.join(shimDir, 'terraform')).mode & 0o111).toBeTruthy();
  });

  it('list, path and a second install are consistent (idempotent)', async () => {
    const again = await airlock(['shims', 'install', shimDir], { env });
    expect(again.stdout).toContain('shims up to date');
    const list = await airlock(['shims', 'list', shimDir], { env: { ...env, PATH: [shimDir, stubBin, process.env.PATH].join(':') } });
    expect(list.stdout).toContain(`terraform      -> ${path.join(stubBin, 'terraform')}`);
    const p = await airlock(['shims', 'path'], { env });
    expect(p.stdout.trim()).toBe(path.join(env.HOME!, '.local', 'share', 'airlock', 'shims'));
  }, TIMEOUT);

  it('harmless terraform plan: the real program runs, same stdout and exit code as without shims', async () => {
    clearMarks();
    const direct = await sh('terraform plan -out=tf.plan', { shims: false });
    expect(ran('terraform')).toBe(true);
    clearMarks();
    const shimmed = await sh('terraform plan -out=tf.plan');
    expect(ran('terraform')).toBe(true);
    expect(shimmed.code).toBe(3);
    expect(shimmed.stdout).toBe(direct.stdout);
    expect(shimmed.code).toBe(direct.code);
    // The real program runs marked as guarded.
    expect(fs.readFileSync(path.join(marks, 'ran-terraform'), 'utf8').trim()).toBe('1');
  }, TIMEOUT);

  it("harmless psql -c 'select 1': same stdout and exit code", async () => {
    clearMarks();
    const direct = await sh("psql -c 'select 1'", { shims: false });
    clearMarks();
    const shimmed = await sh("psql -c 'select 1'");
    expect(ran('psql')).toBe(true);
    expect(shimmed.stdout).toBe(direct.stdout);
    expect(shimmed.code).toBe(direct.code);
  }, TIMEOUT);

  it('psql reading SQL on stdin: checked, then the same bytes reach the real psql', async () => {
    // A multi-line string literal holding the heredoc delimiter: airlock must pick another one.
    const sql = "select 1;\nselect 'it''s';\nselect 'a\nAIRLOCK_EOF\nb';\n";
    const direct = await sh('psql -X', { shims: false, input: sql });
    clearMarks();
    const shimmed = await sh('psql -X', { input: sql });
    expect(ran('psql')).toBe(true);
    expect(shimmed.stdout).toBe(direct.stdout);
    expect(shimmed.stdout).toContain("select 'it''s';");
    expect(shimmed.code).toBe(direct.code);
  }, TIMEOUT);

  it('terraform destroy is blocked: exit 126, the reason on stderr, the real terraform never runs', async () => {
    clearMarks();
    const r = await sh('terraform destroy -auto-approve');
    expect(r.code).toBe(126);
    expect(r.stderr).toContain('airlock: blocked');
    expect(r.stderr).toContain('terraform');
    expect(r.stdout).toBe('');
    expect(ran('terraform')).toBe(false);
  }, TIMEOUT);

  it('DROP on psql stdin is blocked (built-in postgres rules, heredoc check)', async () => {
    clearMarks();
    const r = await sh('psql -X', { input: 'DROP TABLE users;\n', extra: { AIRLOCK_RULESETS: '' } });
    expect(r.code).toBe(126);
    expect(r.stderr).toMatch(/postgres\//);
    expect(ran('psql')).toBe(false);
  }, TIMEOUT);

  it('terraform destroy is blocked by the built-in terraform rules too', async () => {
    clearMarks();
    const r = await sh('terraform destroy', { extra: { AIRLOCK_RULESETS: '' } });
    expect(r.code).toBe(126);
    expect(r.stderr).toMatch(/terraform\/destroy/);
    expect(ran('terraform')).toBe(false);
  }, TIMEOUT);
});

describe('indirect invocations are caught by the psql/terraform shims', () => {
  let project: string;
  let deepShims: string;
  beforeAll(() => {
    project = tmp('airlock-proj-');
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', scripts: { 'db:reset': "psql -c 'DROP TABLE users'", 'db:check': "psql -c 'select 1'" } }));
    fs.writeFileSync(path.join(project, 'Makefile'), 'destroy:\n\tterraform destroy -auto-approve\nplan:\n\tterraform plan\n');
    // Only the deep shims: npm, make and the interpreters run unguarded, so what blocks is the psql/terraform shim.
    deepShims = path.join(base, 'deep-shims');
    fs.mkdirSync(deepShims);
    for (const n of ['psql', 'terraform']) fs.copyFileSync(path.join(shimDir, n), path.join(deepShims, n));
    fs.chmodSync(path.join(deepShims, 'psql'), 0o755);
    fs.chmodSync(path.join(deepShims, 'terraform'), 0o755);
  });
  const deep = (script: string) =>
    run('/bin/sh', ['-c', script], { env: { ...env, PATH: [deepShims, stubBin, process.env.PATH].join(path.delimiter), AIRLOCK_SHIM_DIR: deepShims }, cwd: project, input: '' });

  it('npm run db:reset (package.json script with psql DROP) is blocked', async () => {
    clearMarks();
    const r = await deep('npm run db:reset');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('airlock: blocked');
    expect(ran('psql')).toBe(false);
    clearMarks();
    const ok = await deep('npm run db:check');
    expect(ran('psql')).toBe(true);
    expect(ok.stdout).toContain("stub psql: -c select 1");
  }, TIMEOUT);

  it('make destroy (Makefile calling terraform destroy) is blocked; make plan runs', async () => {
    clearMarks();
    const r = await deep('make destroy');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('airlock: blocked');
    expect(ran('terraform')).toBe(false);
    clearMarks();
    await deep('make plan');
    expect(ran('terraform')).toBe(true);
  }, TIMEOUT);

  it("python3 subprocess.run(['terraform','destroy']) is blocked", async () => {
    clearMarks();
    const r = await deep(`python3 -c "import subprocess, sys; sys.exit(subprocess.run(['terraform','destroy']).returncode)"`);
    expect(r.code).toBe(126);
    expect(r.stderr).toContain('airlock: blocked');
    expect(ran('terraform')).toBe(false);
    clearMarks();
    const ok = await deep(`python3 -c "import subprocess, sys; sys.exit(subprocess.run(['terraform','plan']).returncode)"`);
    expect(ok.code).toBe(3);
    expect(ran('terraform')).toBe(true);
  }, TIMEOUT);

  it('npm run db:reset with every shim installed is blocked as well', async () => {
    clearMarks();
    const r = await sh('npm run db:reset', { cwd: project });
    expect(r.code).not.toBe(0);
    expect(ran('psql')).toBe(false);
  }, TIMEOUT);
});

describe('shim process semantics', () => {
  it('a signal that kills the real program is the shim\'s own (exec, no wrapper process)', async () => {
    const direct = await run(path.join(stubBin, 'terraform'), ['selfkill'], { env, input: '' });
    const shimmed = await run(path.join(shimDir, 'terraform'), ['selfkill'], { env: { ...env, PATH: [shimDir, stubBin, process.env.PATH].join(':') }, input: '' });
    expect(direct.signal).toBe('SIGTERM');
    expect(shimmed.signal).toBe(direct.signal);
  }, TIMEOUT);

  it('skips other shim directories and copies of shims on PATH (no recursion)', async () => {
    const copy = path.join(base, 'shim-copy');
    fs.mkdirSync(copy, { recursive: true });
    fs.copyFileSync(path.join(shimDir, 'terraform'), path.join(copy, 'terraform'));
    fs.chmodSync(path.join(copy, 'terraform'), 0o755);
    clearMarks();
    const r = await run('/bin/sh', ['-c', 'terraform plan'], { env: { ...env, PATH: [shimDir, copy, stubBin, process.env.PATH].join(':') }, input: '' });
    expect(r.code).toBe(3);
    expect(ran('terraform')).toBe(true);
  }, TIMEOUT);

  it('no real program after the shims: 127, command not found', async () => {
    const r = await run('/bin/sh', ['-c', 'tofu plan'], { env: { ...env, PATH: [shimDir, '/usr/bin', '/bin'].join(':') }, input: '' });
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('tofu: command not found');
  }, TIMEOUT);

  it('the internal entry refuses to run outside a shim script', async () => {
    const r = await airlock(['shim', 'terraform', '--', 'plan'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('internal entry');
  }, TIMEOUT);

  it('uninstall removes the shims and the directory', async () => {
    const dir = path.join(base, 'tmp-shims');
    await airlock(['shims', 'install', dir], { env });
    fs.writeFileSync(path.join(dir, 'README'), 'mine');
    const r = await airlock(['shims', 'uninstall', dir], { env });
    expect(r.stdout).toMatch(/removed \d+ shims/);
    expect(fs.readdirSync(dir)).toEqual(['README']);
  }, TIMEOUT);
});
