// The helpers airlock runs for lookups and checkpoints are never the agent's: a `psql` planted
// earlier on PATH, or PERL5OPT/PERL5LIB (Debian's psql is a perl wrapper), must not run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresImpact } from '../../src/analyzers/postgres/impact';
import { gitImpact } from '../../src/analyzers/git/impact';
import { minimalEnv, trustedBinary, trustedDir } from '../../src/util/trusted-bin';
import type { Fact } from '../../src/types';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function plant(names: string[]): { bin: string; marker: string; lib: string } {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-planted-')));
  made.push(d);
  const bin = path.join(d, 'bin');
  const lib = path.join(d, 'lib');
  fs.mkdirSync(bin);
  fs.mkdirSync(lib);
  const marker = path.join(d, 'ran');
  // Prints what a faked lookup would show, and leaves a marker that it ran.
  for (const n of names) fs.writeFileSync(path.join(bin, n), `#!/bin/sh\necho "$0" >> ${marker}\necho '{"tables":[{"name":"bookings","rows":0,"rowsKind":"exact","bytes":0}],"referencing":[],"dependents":[],"missing":[]}'\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(lib, 'Planted.pm'), `package Planted; open(my $f, '>>', '${marker}'); print $f "perl\\n"; close($f); 1;\n`);
  return { bin, marker, lib };
}

const pgFact: Fact = { type: 'sql', command: 'psql', class: 'drop', objectType: 'table', objects: ['bookings'], database: 'x', host: '127.0.0.1', port: '1' };

describe('trusted helpers', () => {
  it('temp dirs, the project tree and relative PATH entries are not trusted; system dirs are', () => {
    const { bin } = plant([]);
    expect(trustedDir(bin)).toBe(false);
    expect(trustedDir('/tmp')).toBe(false);
    expect(trustedDir('bin')).toBe(false);
    expect(trustedDir('/usr/bin', {}, '/nonexistent-project')).toBe(true);
    expect(trustedDir('/usr/bin', {}, '/usr')).toBe(false);
  });

  it('a planted psql, pg_dump and git earlier on PATH are skipped for the system ones', () => {
    const { bin } = plant(['psql', 'pg_dump', 'git']);
    const env = { PATH: `${bin}:/usr/bin:/bin` };
    for (const n of ['psql', 'pg_dump', 'git']) {
      const f = trustedBinary(n, env, '/');
      expect(f).not.toBeNull();
      expect(f!.startsWith(bin)).toBe(false);
    }
  });

  it('the PostgreSQL lookup never runs the planted psql nor perl code from the environment', async () => {
    const { bin, marker, lib } = plant(['psql']);
    const env = { PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`, PERL5LIB: lib, PERL5OPT: '-MPlanted', LD_PRELOAD: path.join(lib, 'x.so') };
    const ctx = { signal: new AbortController().signal, deadline: Date.now() + 3000, cwd: '/', env, command: null, result: null as never };
    // The real psql cannot reach port 1: an error, not the planted script's "0 rows".
    await expect(postgresImpact(pgFact, ctx)).rejects.toThrow(/connect/);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('the git lookup never runs a planted git', async () => {
    const { bin, marker } = plant(['git']);
    const repo = path.dirname(bin);
    const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: repo };
    const ctx = { signal: new AbortController().signal, deadline: Date.now() + 5000, cwd: repo, env, command: null, result: null as never };
    // Not a repository: the real git says so; the planted one would have printed JSON.
    await expect(gitImpact({ type: 'git', command: 'git reset --hard', action: 'reset-hard', workdir: repo }, ctx)).rejects.toThrow(/not a git repository/);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('only connection variables reach psql, only repository variables reach git', () => {
    const env = { PGHOST: 'h', PGPASSWORD: 'p', PERL5OPT: '-Mx', LD_PRELOAD: 'x', BASH_ENV: 'x', GIT_DIR: '/r/.git', GIT_SSH_COMMAND: 'x', HOME: '/home/a', PATH: '/evil' };
    expect(minimalEnv('pg', env)).toEqual({ PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C', PGHOST: 'h', PGPASSWORD: 'p', HOME: '/home/a' });
    expect(minimalEnv('git', env)).toEqual({ PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C', GIT_DIR: '/r/.git', HOME: '/home/a' });
  });
});
