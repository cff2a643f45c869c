// Where this airlock is installed and whose home it serves: below everything that names airlock's
// own files (self-protection, install, shims), so none of them reaches up to src/integrations.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Absolute path of the bundle (dist/airlock.cjs). */
export function bundlePath(): string {
  if (process.env.AIRLOCK_BUNDLE) return path.resolve(process.env.AIRLOCK_BUNDLE);
  if (__filename.endsWith('.cjs')) return __filename;
  // Running from src/ (tests): the package root is the first directory above with package.json and rulesets/.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const p = path.join(dir, 'dist', 'airlock.cjs');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'rulesets'))) return p;
    dir = path.dirname(dir);
  }
  return path.resolve('dist', 'airlock.cjs');
}

export function homeDir(env: Record<string, string | undefined> = process.env): string {
  return env.HOME || os.homedir();
}

/** Expands a leading ~/ against HOME. */
export function expandHome(p: string, env: Record<string, string | undefined> = process.env): string {
  if (p === '~') return homeDir(env);
  if (p.startsWith('~/')) return path.join(homeDir(env), p.slice(2));
  return p;
}
