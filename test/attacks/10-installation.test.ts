// Attack 10: airlock's own installation is writable, and a crash reads as "proceed". Writes into
// the resolved package root are denied; `shims uninstall` is tampering; the launcher answers
// every crash (module-load failures, "type": "module") in the harness's deny form.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, TIMEOUT, claudeBash, expectBlocked, expectIntact, sandbox, shell } from './helpers';

describe('attack 10: the installation', () => {
  it.each([
    "sed -i 's/return/return; \\/\\/ no opinion/' node_modules/commander/index.js",
    'npm pkg set type=module',
    "printf 'module.exports = {}' > dist/airlock.cjs",
    'rm -rf rulesets',
    'cp /dev/null bin/airlock',
    "python3 -c \"open('package.json', 'w').write('{}')\"",
  ])('in the package root: %s', (line) => {
    const sb = sandbox();
    // A package root of its own in the sandbox (AIRLOCK_BUNDLE says where airlock is installed),
    // so that a miss damages a copy, never the checkout under test.
    const pkg = path.join(sb.root, 'pkg');
    for (const d of ['bin', 'dist', 'rulesets', 'node_modules/commander']) fs.mkdirSync(path.join(pkg, d), { recursive: true });
    for (const f of ['bin/airlock', 'dist/airlock.cjs', 'node_modules/commander/index.js', 'package.json']) fs.writeFileSync(path.join(pkg, f), 'original\n');
    const r = spawnSync(process.execPath, [BIN, '-c', line], { cwd: pkg, env: { ...sb.env, AIRLOCK_BUNDLE: path.join(pkg, 'dist', 'airlock.cjs') }, input: '', encoding: 'utf8' });
    expectBlocked({ status: r.status, stdout: r.stdout, stderr: r.stderr }, line);
    for (const f of ['bin/airlock', 'dist/airlock.cjs', 'node_modules/commander/index.js', 'package.json']) expect(fs.readFileSync(path.join(pkg, f), 'utf8')).toBe('original\n');
  }, TIMEOUT);

  it('`airlock shims uninstall` is tampering', () => {
    const sb = sandbox();
    fs.symlinkSync(BIN, path.join(sb.root, 'bin', 'airlock'));
    expectBlocked(shell(sb, 'airlock shims uninstall; stub'));
    expectIntact(sb);
  }, TIMEOUT);

  describe('a crashing install still blocks', () => {
    const broken = (opts: { esm?: boolean }) => {
      const sb = sandbox();
      const pkg = path.join(sb.root, 'pkg');
      fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
      fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
      fs.copyFileSync(path.join(ROOT, 'bin', 'airlock'), path.join(pkg, 'bin', 'airlock'));
      fs.writeFileSync(path.join(pkg, 'dist', 'airlock.cjs'), "require('a-module-that-is-not-installed');\n");
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'airlock-guard', ...(opts.esm ? { type: 'module' } : {}) }));
      return { sb, bin: path.join(pkg, 'bin', 'airlock') };
    };
    const run = (bin: string, args: string[], input: string, env: Record<string, string>) => spawnSync(process.execPath, [bin, ...args], { input, env, encoding: 'utf8' });

    it.each([{ esm: false }, { esm: true }])('module-load failure (esm: $esm): exit 2 for Claude Code, Codex, Gemini', (o) => {
      const { sb, bin } = broken(o);
      for (const h of ['claude-code', 'codex', 'gemini', 'windsurf']) {
        const r = run(bin, ['hook', h], JSON.stringify(claudeBash('rm -rf ./victim', sb.project)), sb.env);
        expect(r.status, `${h}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/airlock: blocked/);
      }
    }, TIMEOUT);

    it('module-load failure: the block JSON for Copilot and Cline, exit 126 for airlock -c', () => {
      const { sb, bin } = broken({});
      const cp = run(bin, ['hook', 'copilot'], '{}', sb.env);
      expect(JSON.parse(cp.stdout).permissionDecision).toBe('deny');
      const cl = run(bin, ['hook', 'cline'], '{}', sb.env);
      expect(JSON.parse(cl.stdout).cancel).toBe(true);
      const c = run(bin, ['-c', 'rm -rf ./victim; stub'], '', sb.env);
      expect(c.status).toBe(126);
      expectIntact(sb);
    }, TIMEOUT);
  });
});
