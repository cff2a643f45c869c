// find -delete / -exec rm: start paths are judged like rm -r operands.
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const cwd = '/work/agent-project';
const run = async (line: string) => {
  const r = await check(line, { cwd });
  return { decision: r.decision, rules: r.findings.map((f) => f.rule), facts: r.facts.filter((f) => f.type === 'file-delete') };
};

describe('find', () => {
  it.each([
    ['find . -delete', 'files/delete-project-root'],
    ["find . -name '*.pyc' -delete", 'files/delete-project-root'],
    ['find -delete', 'files/delete-project-root'],
    ['find . -type f -exec rm -f {} +', 'files/delete-project-root'],
    ['find / -exec env rm -rf {} +', 'files/delete-root'],
    ['find ~ -name x -delete', 'files/delete-home'],
    ['find /etc -name "*.conf" -exec sudo rm {} \\;', 'files/delete-system'],
    ['find ../other -delete', 'files/delete-outside-project'],
    ['echo ok | xargs find . -delete', 'files/delete-project-root'],
  ])('%s -> %s', async (line, rule) => {
    expect((await run(line)).rules).toContain(rule);
  });

  it.each(['find . -name "*.ts"', 'find . -name -delete -print', 'find . -exec echo -delete \\;', 'find dist -name "*.map" -delete', 'find /tmp/build -delete', 'find src -name "*.orig" -delete', 'find . -exec cat {} +'])('%s is allowed', async (line) => {
    expect((await run(line)).decision).toBe('allow');
  });

  it('records the action and the start path', async () => {
    const r = await run('find -L ./build /etc -mtime +3 -delete');
    expect(r.facts.map((f) => [f.path, f.class, f.findAction])).toEqual([
      ['./build', 'build', '-delete'],
      ['/etc', 'system', '-delete'],
    ]);
  });
});
