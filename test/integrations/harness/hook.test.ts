// `airlock hook <harness>` as the harness runs it: a real process, the harness's JSON on stdin
// (payload shapes from the reference), the answer on stdout/stderr/exit code.
import * as fs from 'fs';
import * as path from 'path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_RULES, TIMEOUT, airlock, ensureBuilt, isolatedEnv, type Env, type Run } from './helpers';

beforeAll(() => ensureBuilt(), 180_000);

const ALLOW = 'echo hello && ls -la';
const CONFIRM = 'airlock-test-deploy --to prod';
const CONFIRM_CORE = '"$(which psql)" -c "select 1"';
const DENY = 'airlock-test-nuke --all';

/** Exact payload shapes per harness (agent-harnesses.md §1.2, §2.2, §3.4, §4.4, §5). */
const payload: Record<string, (command: string, cwd: string) => unknown> = {
  'claude-code': (command, cwd) => ({
    session_id: 'abc123',
    prompt_id: '550e8400-e29b-41d4-a716-446655440000',
    transcript_path: '/home/user/.claude/projects/.../transcript.jsonl',
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'Run test suite', timeout: 120000, run_in_background: false },
    tool_use_id: 'toolu_01ABC123...',
  }),
  cursor: (command, cwd) => ({
    conversation_id: 'c1',
    generation_id: 'g1',
    model: 'm',
    hook_event_name: 'beforeShellExecution',
    cursor_version: '2.0.0',
    workspace_roots: [cwd],
    user_email: null,
    transcript_path: null,
    command,
    cwd,
    sandbox: false,
  }),
  codex: (command, cwd) => ({
    session_id: 's1',
    transcript_path: '/tmp/t.jsonl',
    cwd,
    hook_event_name: 'PreToolUse',
    model: 'gpt-5-codex',
    turn_id: 't1',
    permission_mode: 'default',
    tool_name: 'Bash',
    tool_use_id: 'call_1',
    tool_input: { command },
  }),
  gemini: (command, cwd) => ({
    session_id: 's1',
    transcript_path: '/tmp/t.json',
    cwd,
    hook_event_name: 'BeforeTool',
    timestamp: '2026-08-21T10:00:00Z',
    tool_name: 'run_shell_command',
    tool_input: { command, description: 'run it' },
    mcp_context: null,
    original_request_name: 'run_shell_command',
  }),
  copilot: (command, cwd) => ({ timestamp: 1760000000000, cwd, toolName: 'bash', toolArgs: JSON.stringify({ command, description: 'run it' }) }),
  windsurf: (command, cwd) => ({
    agent_action_name: 'pre_run_command',
    trajectory_id: 'tr1',
    execution_id: 'ex1',
    timestamp: '2026-08-21T10:00:00Z',
    model_name: 'swe-1',
    tool_info: { command_line: command, cwd },
  }),
  cline: (command, cwd) => ({
    clineVersion: '3.40.0',
    hookName: 'PreToolUse',
    timestamp: '1760000000000',
    taskId: 'task1',
    workspaceRoots: [cwd],
    userId: 'u1',
    preToolUse: { toolName: 'execute_command', parameters: { command, requires_approval: false } },
  }),
};

/** The reason the agent reads, whatever the harness's deny form; throws when the answer is not a deny. */
function denyReason(harness: string, r: Run): string {
  switch (harness) {
    case 'claude-code':
    case 'codex':
    case 'gemini':
    case 'windsurf':
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      return r.stderr;
    case 'cursor': {
      expect(r.code).toBe(2);
      const o = JSON.parse(r.stdout) as Record<string, string>;
      expect(o.permission).toBe('deny');
      expect(o.user_message).toBeTruthy();
      expect(o.agentMessage).toBe(o.agent_message);
      return o.agent_message!;
    }
    case 'copilot': {
      expect(r.code).toBe(0);
      const o = JSON.parse(r.stdout) as Record<string, string>;
      expect(o.permissionDecision).toBe('deny');
      return o.permissionDecisionReason!;
    }
    case 'cline': {
      expect(r.code).toBe(0);
      const o = JSON.parse(r.stdout) as { cancel: boolean; errorMessage: string };
      expect(o.cancel).toBe(true);
      return o.errorMessage;
    }
  }
  throw new Error(harness);
}

function expectNoOpinion(harness: string, r: Run): void {
  expect(r.code).toBe(0);
  if (harness === 'cline') expect(JSON.parse(r.stdout)).toEqual({ cancel: false });
  else expect(r.stdout).toBe('');
}

let env: ReturnType<typeof isolatedEnv>;
afterEach(() => undefined);

function hook(harness: string, input: string, extra: Env = {}): Promise<Run> {
  return airlock(['hook', harness], { env: { ...env, ...extra }, input });
}

describe.each(Object.keys(payload))('airlock hook %s', (harness) => {
  beforeAll(() => {
    env = isolatedEnv({ AIRLOCK_RULESETS: TEST_RULES });
  });
  const make = (command: string) => JSON.stringify(payload[harness]!(command, env.HOME));

  it('harmless: no opinion (exit 0, no output), never an explicit allow', async () => {
    const r = await hook(harness, make(ALLOW));
    expectNoOpinion(harness, r);
    expect(r.stdout).not.toMatch(/"allow"/);
  }, TIMEOUT);

  it('confirm without an approver: deny form naming `airlock approver`', async () => {
    const r = await hook(harness, make(CONFIRM));
    const reason = denyReason(harness, r);
    expect(reason).toContain('test/deploy');
    expect(reason).toContain('prod-db');
    expect(reason).toContain('`airlock approver`');
    expect(reason).toMatch(/separate terminal/);
  }, TIMEOUT);

  it('confirm from the core rules (program unknown until run time): deny form', async () => {
    const r = await hook(harness, make(CONFIRM_CORE));
    expect(denyReason(harness, r)).toContain('core/unresolved-program');
  }, TIMEOUT);

  it('deny: deny form with the reason and what to do', async () => {
    const r = await hook(harness, make(DENY));
    const reason = denyReason(harness, r);
    expect(reason).toContain('test/nuke');
    expect(reason).toContain('destroy everything');
    expect(reason).toMatch(/do not retry/i);
  }, TIMEOUT);

  it('malformed JSON: deny form', async () => {
    const r = await hook(harness, '{"tool_name": "Bash", "tool_input": {"command": "ls"');
    expect(denyReason(harness, r)).toMatch(/could not be read/);
  }, TIMEOUT);

  it('JSON without the command field: deny form', async () => {
    const r = await hook(harness, JSON.stringify({ hello: 'world' }));
    expect(denyReason(harness, r)).toMatch(/could not be read/);
  }, TIMEOUT);

  it('masks secrets in the reason', async () => {
    const r = await hook(harness, make(`${DENY} --token=sk_live_abcdefghijklmnopqrstuvwxyz`));
    const reason = denyReason(harness, r);
    expect(reason).not.toContain('abcdefghijklmnopqrstuvwxyz');
  }, TIMEOUT);
});

describe('hook details', () => {
  beforeAll(() => {
    env = isolatedEnv({ AIRLOCK_RULESETS: TEST_RULES });
  });

  it('logs the decision to the audit log with the requester', async () => {
    await hook('claude-code', JSON.stringify(payload['claude-code']!(DENY, env.HOME)));
    const log = fs.readFileSync(path.join(env.AIRLOCK_STATE_DIR!, 'audit.jsonl'), 'utf8');
    expect(log).toContain('"source":"hook:claude-code"');
    expect(log).toContain('airlock-test-nuke');
  }, TIMEOUT);

  it('Claude Code file tools: writes to airlock or hook settings are denied, other files get no opinion', async () => {
    const write = (file_path: string, tool = 'Write') =>
      hook('claude-code', JSON.stringify({ session_id: 's', cwd: env.HOME, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: { file_path, content: '{}' } }));
    let r = await write(path.join(env.HOME, '.claude', 'settings.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('hook settings');
    r = await write(path.join(env.AIRLOCK_CONFIG_DIR!, 'rules.yaml'), 'Edit');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("airlock's configuration");
    r = await write('.bashrc');
    expect(r.code).toBe(2);
    r = await write(path.join(env.HOME, 'project', 'src', 'index.ts'));
    expect(r).toMatchObject({ code: 0, stdout: '' });
  }, TIMEOUT);

  it('Claude Code Read of a credentials file is denied; an ordinary Read gets no opinion', async () => {
    const read = (file_path: string) =>
      hook('claude-code', JSON.stringify({ session_id: 's', cwd: env.HOME, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path } }));
    let r = await read('~/.railway/config.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('credentials');
    r = await read(path.join(env.HOME, 'README.md'));
    expect(r).toMatchObject({ code: 0, stdout: '' });
  }, TIMEOUT);

  it('a symlink does not hide a protected file', async () => {
    fs.mkdirSync(path.join(env.HOME, '.claude'), { recursive: true });
    fs.writeFileSync(path.join(env.HOME, '.claude', 'settings.json'), '{}');
    fs.symlinkSync(path.join(env.HOME, '.claude', 'settings.json'), path.join(env.HOME, 'innocent.json'));
    const r = await hook('claude-code', JSON.stringify({ session_id: 's', cwd: env.HOME, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: 'innocent.json', old_string: 'a', new_string: 'b' } }));
    expect(r.code).toBe(2);
  }, TIMEOUT);

  it('other tools (Glob, MCP) get no opinion', async () => {
    let r = await hook('claude-code', JSON.stringify({ session_id: 's', cwd: env.HOME, hook_event_name: 'PreToolUse', tool_name: 'Glob', tool_input: { pattern: '**/*.ts' } }));
    expect(r).toMatchObject({ code: 0, stdout: '' });
    r = await hook('claude-code', JSON.stringify({ session_id: 's', cwd: env.HOME, hook_event_name: 'PreToolUse', tool_name: 'mcp__github__create_issue', tool_input: { title: 'x' } }));
    expect(r).toMatchObject({ code: 0, stdout: '' });
  }, TIMEOUT);

  it('Codex apply_patch touching hook settings is denied', async () => {
    const patch = `*** Begin Patch\n*** Update File: ${path.join(env.HOME, '.codex', 'hooks.json')}\n@@\n-a\n+b\n*** End Patch\n`;
    const r = await hook('codex', JSON.stringify({ ...(payload.codex!('x', env.HOME) as object), tool_name: 'apply_patch', tool_input: { command: patch } }));
    expect(r.code).toBe(2);
  }, TIMEOUT);

  it('Gemini write_file to airlock config is denied', async () => {
    const r = await hook('gemini', JSON.stringify({ ...(payload.gemini!('x', env.HOME) as object), tool_name: 'write_file', tool_input: { file_path: path.join(env.AIRLOCK_CONFIG_DIR!, 'x.yaml'), content: '' } }));
    expect(r.code).toBe(2);
  }, TIMEOUT);

  it('an unknown harness blocks with exit 2', async () => {
    const r = await hook('nonesuch', '{}');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown harness');
  }, TIMEOUT);

  it('the watchdog answers with the deny form when the harness never closes stdin', async () => {
    const { spawn } = await import('child_process');
    const { BIN } = await import('./helpers');
    const p = spawn(BIN, ['hook', 'claude-code'], { env: { ...env, AIRLOCK_HOOK_TIMEOUT: '3' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.stdin.write('{"tool_name":"Bash",');
    const code = await new Promise<number | null>((resolve) => p.on('close', (c) => resolve(c)));
    p.stdin.destroy();
    expect(code).toBe(2);
    expect(stderr).toMatch(/could not decide within the claude-code hook time limit/);
  }, TIMEOUT);
});

describe('hook with a human approver', () => {
  it('approved on the separate terminal: no opinion, the harness runs the command', async () => {
    const gate = await import('../../gate/helpers');
    const genv = { ...gate.testEnv(), AIRLOCK_RULESETS: TEST_RULES, HOME: isolatedEnv().HOME };
    const ap = await gate.startApprover(genv);
    try {
      const res = airlock(['hook', 'claude-code'], { env: genv, input: JSON.stringify(payload['claude-code']!(CONFIRM, genv.HOME)) });
      await ap.waitFor('to approve');
      expect(ap.text).toContain('airlock-test-deploy');
      ap.type('prod-db');
      const r = await res;
      expect(r).toMatchObject({ code: 0, stdout: '' });
    } finally {
      gate.cleanup();
    }
  }, TIMEOUT);

  it('refused on the separate terminal: deny form', async () => {
    const gate = await import('../../gate/helpers');
    const genv = { ...gate.testEnv(), AIRLOCK_RULESETS: TEST_RULES, HOME: isolatedEnv().HOME };
    const ap = await gate.startApprover(genv);
    try {
      const res = airlock(['hook', 'cursor'], { env: genv, input: JSON.stringify(payload.cursor!(CONFIRM, genv.HOME)) });
      await ap.waitFor('to approve');
      ap.type('wrong-name');
      const r = await res;
      expect(denyReason('cursor', r)).toContain('test/deploy');
    } finally {
      gate.cleanup();
    }
  }, TIMEOUT);
});
