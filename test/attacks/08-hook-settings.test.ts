// Attack 8: rewriting a harness's hook settings (every harness alike) or the shell rc files, by
// any writer, from a guarded command or from the harness's own file tool.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TIMEOUT, claudeBash, expectBlocked, expectHookDenied, expectIntact, hook, sandbox, script, shell } from './helpers';
import { ADAPTERS, HARNESSES } from '../../src/harness/adapters';

/** One concrete file per harness hook path, relative to HOME (generated from each harness's own list). */
function hookFiles(): { harness: string; rel: string }[] {
  const out: { harness: string; rel: string }[] = [];
  for (const h of HARNESSES) {
    const hp = ADAPTERS[h].hookPaths;
    for (const f of hp.files) out.push({ harness: h, rel: f });
    for (const d of hp.dirs) out.push({ harness: h, rel: `${d}/airlock.json` });
  }
  return out;
}

const files = hookFiles();

describe('attack 8: hook settings of every harness', () => {
  it('covers all seven harnesses', () => {
    expect(new Set(files.map((f) => f.harness)).size).toBe(7);
  });

  it.each(files)('$harness: $rel cannot be written, moved or deleted from a guarded command', ({ rel }) => {
    const sb = sandbox();
    const abs = path.join(sb.home, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, '{"hooks":"airlock"}\n');
    const dir = path.dirname(rel);
    const base = path.basename(rel);
    for (const line of [
      `printf '{}' > ~/${rel}; stub`,
      `cd ~/${dir} && printf '{}' > ${base} && stub`,
      `cp /dev/null ~/${rel}`,
      `mv ~/${rel} /tmp/x-${process.pid}`,
      `rm -f ~/${rel}`,
      `sed -i 's/airlock/x/' ~/${rel}`,
      `python3 -c "open('${abs}', 'w').write('{}')"`,
      `node -e "require('fs').writeFileSync('${abs}', '{}')"`,
      `rm -rf ~/${rel.split('/')[0]}`,
    ]) {
      expectBlocked(shell(sb, line), line);
    }
    expect(fs.readFileSync(abs, 'utf8')).toContain('airlock');
    expectIntact(sb, rel);
  }, TIMEOUT);

  it.each(HARNESSES.filter((h) => h !== 'claude-code'))('the file tool of claude-code is denied on %s hook paths', (h) => {
    const sb = sandbox();
    for (const { rel } of files.filter((f) => f.harness === h)) {
      for (const tool of ['Write', 'Edit', 'MultiEdit']) {
        const r = hook(sb, 'claude-code', { hook_event_name: 'PreToolUse', tool_name: tool, tool_input: { file_path: path.join(sb.home, rel), content: '{}' }, cwd: sb.project });
        expectHookDenied(r, `${tool} ${rel}`);
      }
    }
  }, TIMEOUT);

  it('each harness denies its own file tool on its own hook settings', () => {
    const sb = sandbox();
    const target = (rel: string) => path.join(sb.home, rel);
    const payloads: [string, unknown, (r: ReturnType<typeof hook>) => void][] = [
      ['claude-code', { tool_name: 'Write', tool_input: { file_path: target('.claude/settings.json'), content: '{}' }, cwd: sb.project }, (r) => expect(r.status).toBe(2)],
      ['codex', { tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n*** Update File: ${target('.codex/hooks.json')}\n*** End Patch` }, cwd: sb.project }, (r) => expect(r.status).toBe(2)],
      ['gemini', { tool_name: 'write_file', tool_input: { file_path: target('.gemini/settings.json'), content: '{}' }, cwd: sb.project }, (r) => expect(r.status).toBe(2)],
      ['cursor', { hook_event_name: 'preToolUse', tool_name: 'Write', tool_input: { file_path: target('.cursor/hooks.json') }, cwd: sb.project }, (r) => expect(r.status).toBe(2)],
      ['copilot', { toolName: 'edit', toolArgs: { path: target('.copilot/hooks/airlock.json') }, cwd: sb.project }, (r) => expect(JSON.parse(r.stdout).permissionDecision).toBe('deny')],
      ['windsurf', { agent_action_name: 'pre_write_code', tool_info: { file_path: target('.codeium/windsurf/hooks.json'), cwd: sb.project } }, (r) => expect(r.status).toBe(2)],
      ['cline', { preToolUse: { toolName: 'write_to_file', parameters: { path: target('Documents/Cline/Hooks/PreToolUse') } }, workspaceRoots: [sb.project] }, (r) => expect(JSON.parse(r.stdout).cancel).toBe(true)],
    ];
    for (const [h, payload, denied] of payloads) denied(hook(sb, h, payload));
  }, TIMEOUT);

  it('appending to an rc file to unload the shell hook is denied', () => {
    const sb = sandbox();
    for (const line of ["echo 'unset -f __airlock_guard' >> ~/.bashrc", "printf 'bind -r \\\\C-m\\n' >> ~/.zshrc", 'cd ~ && echo "trap - DEBUG" >> .bash_profile']) expectBlocked(shell(sb, line), line);
    expect(fs.existsSync(path.join(sb.home, '.bashrc'))).toBe(false);
    expectIntact(sb);
  }, TIMEOUT);

  it('an interpreter program file that rewrites the settings is judged by its content', () => {
    const sb = sandbox();
    script(sb, 'rewrite-hooks.py');
    expectBlocked(shell(sb, 'python3 rewrite-hooks.py'));
    expectHookDenied(hook(sb, 'claude-code', claudeBash('python3 rewrite-hooks.py', sb.project)));
    expect(fs.existsSync(path.join(sb.home, '.claude', 'settings.json'))).toBe(false);
  }, TIMEOUT);
});
