// `python -m MODULE ...` where the module is a program a family reads (its `nested.pythonModules`:
// task runners), run under another name: the line is judged as the program's own (`invoke clean`).
import type { Word } from '../types';
import { PYTHON_MODULE_PROGRAMS } from '../generated/unwrap.generated';

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
      if (!mod || !PYTHON_MODULE_PROGRAMS.has(mod)) return null;
      return [{ raw: mod, value: mod }, ...argv.slice(i + 2)];
    }
    if (/^-[A-Za-z]*c$/.test(v)) return null;
    if (WITH_VALUE.has(v)) i++;
  }
  return null;
}
