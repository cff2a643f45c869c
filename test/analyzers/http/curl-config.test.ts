// curl -K FILE: the config file's options are judged as if they were on the command line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';
import { configWords } from '../../../src/analyzers/http/curl';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-curlk-'));
  writeFileSync(join(dir, 'delete.cfg'), '# drop the user\nrequest = DELETE\nurl = "https://api.example.com/v1/users/1"\nheader = "Authorization: Bearer abc"\nsilent\n');
  writeFileSync(join(dir, 'get.cfg'), '--url https://api.example.com/v1/users\n-H "Accept: application/json"\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rules = async (line: string) => (await check(line, { cwd: dir, env: { HOME: '/home/agent', PATH: '/usr/bin:/bin' } })).findings.map((f) => f.rule);

describe('curl -K', () => {
  it('reads the config file', async () => {
    expect(await rules('curl -K delete.cfg')).toContain('http/delete-authenticated');
    expect(await rules('curl --config delete.cfg')).toContain('http/delete-authenticated');
    expect(await rules('curl -K get.cfg')).toEqual([]);
  });
  it('parses curl config syntax', () => {
    expect(configWords('request = DELETE\n# c\nurl: "https://x/\\"q\\""\n-H x\nsilent').map((w) => w.value)).toEqual(['--request', 'DELETE', '--url', 'https://x/"q"', '-H', 'x', '--silent']);
  });
  it('a missing config leaves the rest of the line to judge', async () => {
    expect((await check('curl -K missing.cfg https://api.example.com', { cwd: dir })).decision).toBe('allow');
    expect(await rules('curl -K missing.cfg -X DELETE -H "Authorization: Bearer x" https://api.example.com/v1/users/1')).toContain('http/delete-authenticated');
  });
});
