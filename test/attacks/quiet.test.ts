// Self-protection must not cost quietness: every everyday line still allows, from a project
// directory, with or without knowing whether stdin is a terminal (a human typing in one).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/engine';

const lines = fs
  .readFileSync(path.join(__dirname, '..', 'fixtures', 'shell', 'everyday-lines.txt'), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('# '));

describe('everyday lines stay quiet with self-protection on', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-quiet-'));
  const env = { HOME: path.join(dir, 'home'), PATH: process.env.PATH };
  fs.mkdirSync(path.join(dir, 'project'), { recursive: true });
  it.each(lines)('%s', async (line) => {
    const r = await check(line, { cwd: path.join(dir, 'project'), env, stdinTerminal: true });
    expect(r.findings.map((f) => `${f.rule}: ${f.reason}`)).toEqual([]);
  });
});
