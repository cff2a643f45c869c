// A credential-word search inside a project is judged by what it would read: a bounded, read-only
// enumeration of its scope. Nothing holding or named like a credential: allowed. A secret file,
// a credential directory, a settings file with a literal credential, a token in .git/config, a
// symlink or a scope past the bound: it asks, with the files named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { check } from '../../../src/engine';
import { searchScope, includeGlobs, SCOPE_MAX_ENTRIES } from '../../../src/analyzers/credentials/search-scope';

let root: string;
let proj: string;
let home: string;
const put = (rel: string, body = 'x\n') => {
  mkdirSync(join(proj, rel, '..'), { recursive: true });
  writeFileSync(join(proj, rel), body);
};
const asks = async (line: string) => {
  const r = await check(line, { cwd: proj, env: { HOME: home, PATH: '/usr/bin:/bin' } });
  return r.findings.some((f) => f.rule === 'credentials/secret-search');
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'airlock-scope-'));
  proj = join(root, 'proj');
  home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  put('src/app.py', 'password = request.form["password"]\n');
  put('tests/test_app.py', 'def test_login(): pass\n');
  put('node_modules/pkg/.env', 'TOKEN=dependency-fixture\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('credential-word search inside a project', () => {
  it('allowed when nothing in scope holds a credential (dependency trees are not the project)', async () => {
    expect(await asks('grep -rn "password" .')).toBe(false);
    expect(await asks('rg -n SECRET_KEY')).toBe(false);
    expect(await asks('grep -ri token --include=*.py .')).toBe(false);
  });
  it('asks when an env file is in scope, and --include that leaves it out allows', async () => {
    put('.env', 'API_KEY=abc123\n');
    expect(await asks('grep -rn "api_key" .')).toBe(true);
    expect(await asks('grep -rn "api_key" --include=*.py .')).toBe(false);
  });
  it('asks for a key under a credential directory and for a token in .git/config', async () => {
    put('deploy/.ssh/id_rsa');
    expect(await asks('grep -rn secret .')).toBe(true);
    rmSync(join(proj, 'deploy'), { recursive: true });
    put('.git/config', '[remote "origin"]\n\turl = https://bot:ghp_abcdefabcdef@github.com/o/r.git\n');
    expect(await asks('grep -rn secret .')).toBe(true);
  });
  it('reads settings files: a literal credential asks, a reference to the environment does not', async () => {
    put('config/database.yml', 'production:\n  password: <%= ENV["DB_PASS"] %>\n');
    expect(await asks('grep -rn password .')).toBe(false);
    put('config/database.yml', 'production:\n  password: hunter2hunter2\n');
    expect(await asks('grep -rn password .')).toBe(true);
    expect(await asks('grep -rn password config/')).toBe(true);
  });
  it('asks past a symlink, outside the project, in the home itself and for secret-shaped values', async () => {
    symlinkSync(home, join(proj, 'h'));
    expect(await asks('grep -rn password .')).toBe(true);
    rmSync(join(proj, 'h'));
    expect(await asks('grep -rn password ..')).toBe(true);
    expect(await asks('grep -rn password ~')).toBe(true);
    expect(await asks('grep -rE "AKIA[0-9A-Z]{16}" .')).toBe(true);
    expect((await check('grep -rn password .', { cwd: home, env: { HOME: home } })).findings.some((f) => f.rule === 'credentials/secret-search')).toBe(true);
  });
});

describe('working directories that are configuration', () => {
  it('asks inside a dot-directory of the home and names token stores by their whole path', async () => {
    const gh = join(home, '.config', 'gh');
    mkdirSync(gh, { recursive: true });
    writeFileSync(join(gh, 'hosts.yml'), 'github.com:\n  oauth_token: x\n');
    const r = await check('grep -rn token .', { cwd: join(home, '.config'), env: { HOME: home } });
    expect(r.findings.map((f) => f.rule)).toContain('credentials/secret-search');
    expect(searchScope(['.'], join(home, '.config'), []).secrets).toEqual(['gh/hosts.yml']);
  });
});

describe('searchScope', () => {
  it('names the credential files it found', () => {
    put('.env.production', 'X=1\n');
    expect(searchScope(['.'], proj, []).secrets).toEqual(['.env.production']);
  });
  it('is incomplete past the entry bound', () => {
    for (let i = 0; i <= SCOPE_MAX_ENTRIES; i++) put(`many/f${i}.txt`, '');
    expect(searchScope(['.'], proj, []).complete).toBe(false);
  });
  it('is incomplete past the time bound', () => {
    let t = 0;
    expect(searchScope(['.'], proj, [], () => (t += 1000)).complete).toBe(false);
  });
  it('reads grep --include and rg -g globs, not negations', () => {
    expect(includeGlobs('grep', ['-rn', '--include=*.py', '--include', '*.ts', 'x'])).toEqual(['*.py', '*.ts']);
    expect(includeGlobs('rg', ['-g', '*.rs', '--glob=!*.lock', 'x'])).toEqual(['*.rs']);
  });
});
