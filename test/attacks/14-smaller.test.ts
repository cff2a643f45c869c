// Attack 14: a `workdir` field honoured where the harness never sends one; one typed name
// approving the same resource in two environments.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TIMEOUT, claudeBash, expectHookDenied, expectIntact, hook, sandbox } from './helpers';
import { buildRequest } from '../../src/gate/client';
import { matchTyped } from '../../src/gate/render';
import type { Finding } from '../../src/types';

describe('attack 14: smaller holes', () => {
  it('Claude Code: a model-written `workdir` does not move where the command is judged', () => {
    const sb = sandbox();
    // Judged in a scratch dir, `rm -rf ./victim` would look harmless; Claude runs it in cwd.
    const scratch = fs.mkdtempSync(path.join('/tmp', 'airlock-scratch-'));
    fs.mkdirSync(path.join(scratch, 'victim'));
    try {
      expectHookDenied(hook(sb, 'claude-code', claudeBash('rm -rf ./victim; stub', sb.project, { workdir: scratch })));
      expectHookDenied(hook(sb, 'gemini', { tool_name: 'run_shell_command', tool_input: { command: 'rm -rf ./victim; stub', workdir: scratch }, cwd: sb.project }));
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    expectIntact(sb);
  }, TIMEOUT);

  it('Codex: its exec_command workdir is where the command runs, so it is where it is judged', () => {
    const sb = sandbox();
    const sub = path.join(sb.project, 'sub');
    fs.mkdirSync(path.join(sub, 'victim'), { recursive: true });
    const r = hook(sb, 'codex', { tool_name: 'exec_command', tool_input: { cmd: 'rm -rf ./victim', workdir: 'sub', tty: false }, cwd: sb.project });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/victim/);
  }, TIMEOUT);

  it('the same resource in two environments is typed once per environment', () => {
    const f = (environment: string): Finding => ({ rule: 'postgres/drop-database', decision: 'confirm', severity: 'critical', reason: 'r', resource: 'app', environment, command: 'c' });
    const req = buildRequest('dropdb -h staging app; dropdb -h prod app', '/tmp', [f('staging'), f('production'), f('production')], 'test');
    expect(req.resources).toEqual(['app', 'app']);
    expect(req.resourceEnvironments).toEqual(['staging', 'production']);
    expect(matchTyped(req, 0, 'app')).toBe('next');
    expect(matchTyped(req, 1, 'app')).toBe('approved');
    expect(matchTyped(req, 0, 'app app')).toBe('approved');
  });
});
