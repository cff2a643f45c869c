// The engine fails closed and stays bounded.
import { describe, expect, it } from 'vitest';
import { check, MAX_LINE_BYTES } from '../src/engine';

describe('check', () => {
  it('allows harmless lines with no findings', async () => {
    const r = await check('ls -la && git status | head -5', { cwd: '/tmp' });
    expect(r.decision).toBe('allow');
    expect(r.findings).toEqual([]);
  });

  it('confirms a line over the size limit without analysing it', async () => {
    const r = await check('echo ' + 'x'.repeat(MAX_LINE_BYTES), { cwd: '/tmp' });
    expect(r.decision).toBe('confirm');
    expect(r.findings[0]!.rule).toBe('core/too-large');
  });

  it('confirms a line that bash accepts but the grammar cannot place', async () => {
    // Deep $( nesting beyond the walker's depth limit.
    const line = 'echo ' + '$('.repeat(150) + 'ls' + ')'.repeat(150);
    const r = await check(line, { cwd: '/tmp' });
    expect(r.decision).toBe('confirm');
  });

  it('lets through a line bash itself rejects: it would run nothing', async () => {
    const r = await check("echo 'unterminated", { cwd: '/tmp' });
    expect(r.decision).toBe('allow');
  });

  it('judges each command on its own: a harmless segment never excuses another', async () => {
    const r = await check('echo ok; $CMD; echo done', { cwd: '/tmp' });
    expect(r.decision).toBe('confirm');
  });

  it('handles huge heredocs within the budget', async () => {
    const body = 'SELECT 1;\n'.repeat(20000);
    const r = await check(`cat <<'EOF'\n${body}EOF\n`, { cwd: '/tmp' });
    expect(r.decision).toBe('allow');
  });
});

describe('line continuations', () => {
  it('joins backslash-newline before splitting words, as bash does', async () => {
    const r = await check('git re\\\nset --hard', { cwd: '/tmp' });
    expect(r.commands[0]!.argv.map((w) => w.value)).toEqual(['git', 'reset', '--hard']);
  });

  it('keeps backslash-newline inside single quotes', async () => {
    const r = await check("echo 'a\\\nb'", { cwd: '/tmp' });
    expect(r.commands[0]!.argv[1]!.value).toBe('a\\\nb');
  });
});

describe('lines the grammar cannot read', () => {
  it('are allowed only when every shell that may run them rejects them too', async () => {
    // zsh's short for-loop: bash refuses it, zsh runs it, and the grammar cannot read it.
    const line = 'for x (a b) echo $x';
    expect((await check(line, { cwd: '/tmp', shell: 'bash' })).decision).toBe('allow');
    expect((await check(line, { cwd: '/tmp', shell: 'zsh' })).decision).toBe('confirm');
    expect((await check(line, { cwd: '/tmp' })).decision).toBe('confirm');
  });
});
