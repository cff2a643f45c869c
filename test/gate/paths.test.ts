import * as fs from 'fs';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRuntimeDir, configDir, ensureRuntimeDir, runtimeDir, stateDir } from '../../src/util/paths';
import { cleanup, tmpDir } from './helpers';

const tmp = () => tmpDir('airlock-paths-');
afterEach(() => cleanup());
const uid = process.getuid!();

describe('directory locations', () => {
  it('resolves the runtime dir from AIRLOCK_RUNTIME_DIR, XDG_RUNTIME_DIR, then /tmp', () => {
    expect(runtimeDir({ AIRLOCK_RUNTIME_DIR: '/x/rt', XDG_RUNTIME_DIR: '/run/user/1' })).toBe('/x/rt');
    expect(runtimeDir({ XDG_RUNTIME_DIR: '/run/user/1' })).toBe('/run/user/1/airlock');
    expect(runtimeDir({})).toBe(`/tmp/airlock-${uid}`);
  });

  it('resolves the state and config dirs', () => {
    expect(stateDir({ AIRLOCK_STATE_DIR: '/s', XDG_STATE_HOME: '/x' })).toBe('/s');
    expect(stateDir({ XDG_STATE_HOME: '/x' })).toBe('/x/airlock');
    expect(stateDir({ HOME: '/home/u' })).toBe('/home/u/.local/state/airlock');
    expect(configDir({ AIRLOCK_CONFIG_DIR: '/c', XDG_CONFIG_HOME: '/x' })).toBe('/c');
    expect(configDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/airlock');
    expect(configDir({ HOME: '/home/u' })).toBe('/home/u/.config/airlock');
  });
});

describe('runtime dir checks', () => {
  it('creates a missing runtime dir with mode 0700', () => {
    const dir = path.join(tmp(), 'a', 'run');
    expect(ensureRuntimeDir({ AIRLOCK_RUNTIME_DIR: dir })).toBe(dir);
    expect(fs.lstatSync(dir).mode & 0o7777).toBe(0o700);
    expect(checkRuntimeDir(dir)).toBe(true);
  });

  it('reports a missing dir as absent, not as an error', () => {
    expect(checkRuntimeDir(path.join(tmp(), 'nope'))).toBe(false);
  });

  it('refuses a dir with mode 0755 and does not fix it', () => {
    const dir = path.join(tmp(), 'run');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o755);
    expect(() => checkRuntimeDir(dir)).toThrow(/mode 0755, expected 0700/);
    expect(() => ensureRuntimeDir({ AIRLOCK_RUNTIME_DIR: dir })).toThrow(/mode 0755/);
    expect(fs.lstatSync(dir).mode & 0o7777).toBe(0o755);
  });

  it('refuses a dir owned by someone else', () => {
    const dir = path.join(tmp(), 'run');
    fs.mkdirSync(dir, { mode: 0o700 });
    // Owner as the check sees it: a different expected uid, and for root a real chown too.
    expect(() => checkRuntimeDir(dir, { uid: uid + 1 })).toThrow(/owned by uid/);
    if (uid === 0) {
      fs.chownSync(dir, 65534, 65534);
      expect(() => checkRuntimeDir(dir)).toThrow(/owned by uid 65534, not 0/);
    }
  });

  it('refuses a symlink and a plain file', () => {
    const base = tmp();
    const real = path.join(base, 'real');
    fs.mkdirSync(real, { mode: 0o700 });
    fs.symlinkSync(real, path.join(base, 'link'));
    expect(() => checkRuntimeDir(path.join(base, 'link'))).toThrow(/symlink/);
    fs.writeFileSync(path.join(base, 'file'), '');
    expect(() => checkRuntimeDir(path.join(base, 'file'))).toThrow(/not a directory/);
  });
});
