// `python -m invoke|nox|tox ...`: the module is the task runner itself, run under another name, so the
// line is judged as the runner's own (`invoke clean`), reading the same config file.
import type { Word } from '../types';

/** Modules that are a task runner the scripts family reads. */
const RUNNER_MODULES = new Set(['invoke', 'nox', 'tox']);
/** Python options that take a value. */
const WITH_VALUE = new Set(['-W', '-X', '-Q']);

/** The runner's argv (`[invoke, clean]`) for `python [opts] -m invoke clean`, or null. */
export function pythonModuleRunner(argv: Word[]): Word[] | null {
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i]!.value;
    if (v === null || !v.startsWith('-') || v === '-' || v === '--') return null;
    if (v === '-c') return null;
    if (v === '-m' || /^-[A-Za-z]*m$/.test(v)) {
      const mod = argv[i + 1]?.value;
      if (!mod || !RUNNER_MODULES.has(mod)) return null;
      return [{ raw: mod, value: mod }, ...argv.slice(i + 2)];
    }
    if (/^-[A-Za-z]*c$/.test(v)) return null;
    if (WITH_VALUE.has(v)) i++;
  }
  return null;
}
