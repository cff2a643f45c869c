// How a shell invocation's own options are read, checked against real bash: option clusters with
// `o` take the next word (`bash -eo pipefail -c STR` runs STR), `eval --` ends eval's options, a glob
// in a script path runs what it matches, and a heredoc piped onward parses.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../src/engine';

const env = { HOME: '/home/agent', PATH: '/usr/bin:/bin' };
let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'airlock-shinv-'));
  writeFileSync(join(root, 'c1.sh'), 'echo one\n');
  writeFileSync(join(root, 'c2.sh'), 'rm -rf /etc\n');
  writeFileSync(join(root, 'ok1.sh'), 'echo fine "$1"\n');
  writeFileSync(join(root, 'ok2.sh'), 'echo two\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const bash = (args: string[]) => execFileSync('bash', ['--norc', '--noprofile', ...args], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const rules = async (line: string) => (await check(line, { cwd: root, env })).findings.map((f) => f.rule);

describe('option clusters', () => {
  const clusters = [['-eo', 'pipefail', '-c'], ['-euo', 'pipefail', '-c'], ['-ec'], ['-ce'], ['-o', 'pipefail', '-ec'], ['-euxo', 'pipefail', '-c'], ['-co', 'pipefail']];
  for (const opts of clusters) {
    it(`bash ${opts.join(' ')} STR runs STR`, async () => {
      expect(bash([...opts, 'echo ran'])).toBe('ran');
      expect(await rules(`bash ${opts.join(' ')} 'rm -rf /etc'`)).toContain('files/delete-system');
      expect((await check(`bash ${opts.join(' ')} 'echo ran'`, { cwd: root, env })).decision).toBe('allow');
    });
  }
});

describe('eval --', () => {
  it('runs the words after --', async () => {
    expect(bash(['-c', 'eval -- echo ran'])).toBe('ran');
    expect(await rules("eval -- 'rm -rf /etc'")).toContain('files/delete-system');
    expect(await rules('eval -- rm -rf /etc')).toContain('files/delete-system');
    expect((await check('eval -- echo hi', { cwd: root, env })).decision).toBe('allow');
  });
});

describe('a glob in a script path', () => {
  it('bash runs the first match with the others as arguments', () => {
    expect(bash(['-c', 'bash ./ok?.sh'])).toBe('fine ./ok2.sh');
  });
  it('judges every match', async () => {
    expect(await rules('bash ./c?.sh')).toContain('files/delete-system');
    expect(await rules('sh c*.sh')).toContain('files/delete-system');
    expect((await check('bash ./ok?.sh', { cwd: root, env })).decision).toBe('allow');
  });
  it('no match is a missing file; an unlistable directory is unknown', async () => {
    expect((await check('bash ./zz?.sh', { cwd: root, env })).decision).toBe('allow');
    expect((await check('bash ./*/x?.sh', { cwd: root, env })).decision).toBe('confirm');
  });
});

describe('heredoc followed by a pipe', () => {
  it('parses and judges what the pipe runs', async () => {
    const quiet = await check('cat <<EOF | grep x\nhello x\nEOF', { cwd: root, env });
    expect(quiet.errors).toEqual([]);
    expect(quiet.decision).toBe('allow');
    expect(await rules('cat <<EOF | sh\nrm -rf /etc\nEOF')).toContain('files/delete-system');
    expect((await check("cat <<'EOF' | tee out.txt | wc -l\na\nEOF", { cwd: root, env })).decision).toBe('allow');
  });
});

describe('xargs rm without -r', () => {
  it('deletes files only the input names: confirm', async () => {
    expect(await rules("find . -name '*.log' | xargs rm")).toContain('files/delete-input-files');
    expect(await rules('cat list.txt | xargs rm')).toContain('files/delete-input-files');
    expect((await check("find . -name '*.log' | xargs ls -l", { cwd: root, env })).decision).toBe('allow');
  });
});
