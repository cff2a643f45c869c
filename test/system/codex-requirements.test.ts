// Codex's managed hooks in /etc/codex/requirements.toml (written by `system install`): our block is
// added to a file without [hooks]/[features] tables, replaced on reinstall, never duplicated.
import { describe, expect, it } from 'vitest';
import { codexRequirements } from '../../src/system/install';
import type { SystemConfig } from '../../src/util/system-mode';

const cfg = { root: '/r', node: '/usr/bin/node', installDir: '/r/opt/airlock' } as SystemConfig;

describe('codexRequirements', () => {
  const c = codexRequirements(cfg);
  it('names the root-owned launcher inside managed_dir and pins hooks on', () => {
    expect(c.file).toBe('/r/etc/codex/requirements.toml');
    expect(c.block).toContain('managed_dir = "/r/opt/airlock/bin"');
    expect(c.block).toContain('command = "/usr/bin/node /r/opt/airlock/bin/airlock hook codex"');
    expect(c.block).toContain('[features]\nhooks = true');
    expect(c.block).toMatch(/matcher = "\^\(Bash\|apply_patch\|write_stdin\|mcp__\.\*\)\$"/);
  });
  it('adds to an empty or unrelated file, replaces its own block, refuses a file with its own tables', () => {
    expect(c.merge('')).toBe(c.block);
    const other = 'allowed_approval_policies = ["on-request"]\n';
    const once = c.merge(other)!;
    expect(once.startsWith(other)).toBe(true);
    expect(c.merge(once)).toBe(once);
    expect(c.merge('[features]\nweb_search = true\n')).toBeNull();
    expect(c.merge('[[hooks.PreToolUse]]\nmatcher = "x"\n')).toBeNull();
    expect(c.merge('features.hooks = false\n')).toBeNull();
  });
});
