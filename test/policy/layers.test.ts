import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { agentWritable, discoverLayers, resolveExtends, workTreeOf } from '../../src/policy/layers';

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-layers-')));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const put = (p: string, text = 'rules: []\n') => {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};

describe('layers', () => {
  const repo = path.join(root, 'repo');
  const sub = path.join(repo, 'pkg', 'api');
  fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  fs.mkdirSync(sub, { recursive: true });
  const cfg = path.join(root, 'cfg');
  put(path.join(cfg, 'user.yaml'));
  put(path.join(repo, '.airlock', 'a.yaml'));
  put(path.join(sub, '.airlock', 'b.yaml'));
  put(path.join(root, '.airlock', 'outside.yaml'));

  it('finds the repo root and the project layer from cwd up to it, outermost first', () => {
    expect(workTreeOf(sub)).toBe(repo);
    const got = discoverLayers(sub, repo, { AIRLOCK_CONFIG_DIR: cfg });
    expect(got.map((l) => [path.relative(root, l.file), l.layer, l.trusted])).toEqual([
      ['cfg/user.yaml', 'user', true], ['repo/.airlock/a.yaml', 'project', false], ['repo/pkg/api/.airlock/b.yaml', 'project', false],
    ]);
  });

  it('treats a user config dir inside the working tree as agent-writable', () => {
    expect(agentWritable(path.join(repo, 'cfg', 'x.yaml'), repo, sub)).toBe(true);
    expect(agentWritable(path.join(cfg, 'user.yaml'), repo, sub)).toBe(false);
  });

  it('resolves extends: relative paths, directories, npm packages (airlock field, else index.yaml)', () => {
    const from = path.join(cfg, 'team.yaml');
    expect(resolveExtends('./user.yaml', from, sub, {})).toEqual([path.join(cfg, 'user.yaml')]);
    const checkout = path.join(root, 'checkout');
    put(path.join(checkout, 'one.yaml'));
    put(path.join(checkout, 'two.yml'));
    expect(resolveExtends(checkout, from, sub, {}).map((f) => path.basename(f))).toEqual(['one.yaml', 'two.yml']);
    const pkg = path.join(repo, 'node_modules', 'airlock-rules-x');
    put(path.join(pkg, 'package.json'), JSON.stringify({ name: 'airlock-rules-x', airlock: ['r/a.yaml'] }));
    put(path.join(pkg, 'r', 'a.yaml'));
    expect(resolveExtends('airlock-rules-x', from, sub, { AIRLOCK_CONFIG_DIR: cfg })).toEqual([path.join(pkg, 'r', 'a.yaml')]);
    const scoped = path.join(cfg, 'node_modules', '@acme', 'airlock-rules');
    put(path.join(scoped, 'package.json'), JSON.stringify({ name: '@acme/airlock-rules' }));
    put(path.join(scoped, 'index.yaml'));
    expect(resolveExtends('@acme/airlock-rules', from, root, { AIRLOCK_CONFIG_DIR: cfg })).toEqual([path.join(scoped, 'index.yaml')]);
    expect(() => resolveExtends('airlock-rules-missing', from, sub, { AIRLOCK_CONFIG_DIR: cfg })).toThrow(/no npm package of that name/);
  });
});
