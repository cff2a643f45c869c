// dist/fast.cjs, loaded by bin/airlock before the full bundle for the two per-command entries
// (`airlock hook <harness>`, `airlock -c LINE`). run() resolves to null when the full path must run.
import { fastHook } from './hook';
import { fastShell } from './shell';

export async function run(argv: string[]): Promise<number | null> {
  if (process.env.AIRLOCK_NO_FAST === '1') return null;
  if (argv[0] === 'hook' && argv.length === 2) return (await fastHook(argv[1]!)) ? (process.exitCode as number) : null;
  if (argv[0] === '-c') return fastShell(argv);
  return null;
}
