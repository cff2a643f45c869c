// `pip install .` / `pip install -e DIR` / `python -m pip install .` (and uv pip install): installing
// a local project runs its setup.py, which is judged like `python setup.py`. A package from an index
// runs the index's code, which airlock cannot read before it is downloaded: not judged here.
import * as path from 'node:path';
import type { Command } from '../../types';

const WITH_VALUE = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--src', '--upgrade-strategy', '--python-version', '--platform', '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--config-settings', '-C', '--global-option', '--python']);

/** The setup.py files a pip install line runs, or null when it installs no local project. */
export function pipSetupFiles(cmd: Command): string[] | null {
  const p = cmd.program ?? '';
  let args = cmd.argv.slice(1).map((w) => w.value);
  if (/^python[0-9.]*$/.test(p)) {
    if (args[0] !== '-m' || !/^pip[0-9.]*$/.test(args[1] ?? '')) return null;
    args = args.slice(2);
  } else if (p === 'uv') {
    if (args[0] !== 'pip') return null;
    args = args.slice(1);
  } else if (!/^pip[0-9.]*$/.test(p)) return null;
  if (args[0] !== 'install') return null;
  const files: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const v = args[i];
    if (v === null || v === undefined) continue;
    if (v === '-e' || v === '--editable') {
      const d = args[++i];
      // -e takes a local directory (or a VCS URL, fetched from elsewhere).
      if (d && !/:\/\/|^[a-z]+\+/.test(d)) files.push(path.posix.join(d.replace(/\[.*\]$/, ''), 'setup.py'));
      continue;
    }
    if (WITH_VALUE.has(v)) {
      i++;
      continue;
    }
    if (v.startsWith('-')) continue;
    // A local directory (., ./pkg, /abs/pkg, pkg[extra] with a path), not a requirement name.
    if (/^(\.{1,2}(\/|$)|\/|~\/)/.test(v)) files.push(path.posix.join(v.replace(/\[.*\]$/, ''), 'setup.py'));
  }
  return files.length ? files : null;
}
