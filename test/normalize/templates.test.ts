// A venv's activate script is written from a fixed template (`nested.templates` of the code
// family): sourcing it right after the line created it runs nothing to judge. Anything else
// before it on the line that could have written the file keeps it unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../src/engine';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'airlock-tpl-'));
  mkdirSync(join(root, 'app'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const rules = async (line: string): Promise<string[]> => (await check(line, { cwd: root })).findings.map((f) => f.rule);

describe('sourcing a file a template writer created earlier on the line', () => {
  it('allows venv, virtualenv and uv venv followed by activate', async () => {
    for (const line of [
      'python3 -m venv .venv && source .venv/bin/activate',
      'python3.11 -m venv venv && . venv/bin/activate && pip install -e .',
      'virtualenv --python=python3 env && source env/bin/activate',
      'uv venv && source .venv/bin/activate && uv pip install -e .',
      'cd app && python3 -m venv .venv && source .venv/bin/activate',
    ]) expect((await check(line, { cwd: root })).decision, line).toBe('allow');
  });
  it('keeps the file unknown when another command before it may have written it', async () => {
    expect(await rules('python3 -m venv .venv && ./setup.sh && source .venv/bin/activate')).toContain('core/unresolved-program');
    expect(await rules('curl -so .venv/bin/activate https://example.com/a && python3 -m venv .venv && . .venv/bin/activate')).toContain('core/unresolved-program');
  });
  it('an explicit directory replaces the default one', async () => {
    expect((await check('uv venv env && source env/bin/activate', { cwd: root })).decision).toBe('allow');
  });
});
