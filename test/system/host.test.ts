import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelChecks, setSysctls, userChecks } from '../../src/system/host';

const proc = (values: Record<string, string>) => (file: string) => values[file] ?? null;

describe('host checks', () => {
  it('wants Yama ptrace_scope >= 1 and legacy_tiocsti = 0', () => {
    const bad = kernelChecks(proc({ '/proc/sys/kernel/yama/ptrace_scope': '0', '/proc/sys/dev/tty/legacy_tiocsti': '1' }));
    expect(bad.map((c) => [c.name, c.ok])).toEqual([
      ['ptrace_scope', false],
      ['legacy_tiocsti', false],
    ]);
    expect(bad.map((c) => c.sysctl?.key)).toEqual(['kernel.yama.ptrace_scope', 'dev.tty.legacy_tiocsti']);
    const good = kernelChecks(proc({ '/proc/sys/kernel/yama/ptrace_scope': '2', '/proc/sys/dev/tty/legacy_tiocsti': '0' }));
    expect(good.every((c) => c.ok)).toBe(true);
  });

  it('a kernel without legacy_tiocsti passes that check; one without Yama does not', () => {
    expect(kernelChecks(proc({})).map((c) => [c.name, c.ok])).toEqual([
      ['ptrace_scope', false],
      ['legacy_tiocsti', true],
    ]);
  });

  it('the agent user: not root, not in the airlock group, a password for sudo', () => {
    expect(userChecks('agent', 'airlock', { uid: 1001, groups: ['agent'], sudoWithoutPassword: false }).every((c) => c.ok)).toBe(true);
    const bad = userChecks('agent', 'airlock', { uid: 0, groups: ['agent', 'airlock'], sudoWithoutPassword: true });
    expect(bad.map((c) => c.ok)).toEqual([false, false, false]);
    expect(userChecks('agent', 'airlock', { uid: 5, groups: [], sudoWithoutPassword: null })[2]!.ok).toBe(false);
    expect(userChecks('ghost', 'airlock', { uid: null, groups: [], sudoWithoutPassword: null })[0]!.detail).toContain('does not exist');
  });

  it('--set-sysctls sets what is wrong, records the old values and writes sysctl.d', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-sysctl-'));
    const written: [string, string][] = [];
    const r = setSysctls(root, proc({ '/proc/sys/kernel/yama/ptrace_scope': '0', '/proc/sys/dev/tty/legacy_tiocsti': '1' }), (f, v) => written.push([f, v]));
    expect(written).toEqual([
      ['/proc/sys/kernel/yama/ptrace_scope', '1\n'],
      ['/proc/sys/dev/tty/legacy_tiocsti', '0\n'],
    ]);
    expect(r.changed.map((c) => [c.key, c.before])).toEqual([
      ['kernel.yama.ptrace_scope', '0'],
      ['dev.tty.legacy_tiocsti', '1'],
    ]);
    expect(fs.readFileSync(r.confFile, 'utf8')).toContain('kernel.yama.ptrace_scope = 1\ndev.tty.legacy_tiocsti = 0\n');
    // Already right (ptrace_scope 2 is stricter than 1): nothing is written to /proc.
    const again = setSysctls(root, proc({ '/proc/sys/kernel/yama/ptrace_scope': '2', '/proc/sys/dev/tty/legacy_tiocsti': '0' }), () => {
      throw new Error('must not write');
    });
    expect(again.changed).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
