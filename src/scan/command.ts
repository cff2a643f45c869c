// `airlock scan [PATH...] [--home] [--environ] [--env NAME] [--json] [--sarif FILE] [--online]`
// Exit 0: no wall error; 1: a production or broad-scope credential is reachable from the session
// environment; 2: the scan could not run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { paint } from '../util/style';
import { getPolicy } from '../policy';
import { jsonReport, sarifReport, textReport, type Report } from './report';
import { writeIndex } from './known';
import { scan } from './scan';
import { wallCheck } from './wall';

export interface ScanFlags {
  home?: boolean;
  environ?: boolean;
  all?: boolean;
  env?: string;
  json?: boolean;
  sarif?: string;
  online?: boolean;
}

declare const __AIRLOCK_VERSION__: string | undefined;

export async function scanCommand(paths: string[], flags: ScanFlags): Promise<number> {
  const session = flags.env ?? process.env.AIRLOCK_ENV ?? null;
  let environments;
  try {
    environments = getPolicy({ cwd: paths[0] && fs.existsSync(paths[0]) && fs.statSync(paths[0]).isDirectory() ? paths[0] : process.cwd() }).environments;
  } catch {
    environments = undefined; // a broken project ruleset is `airlock rules lint`'s business; names still place credentials
  }
  for (const p of paths) {
    if (!fs.existsSync(p)) {
      process.stderr.write(`airlock scan: ${p}: no such file or directory\n`);
      return 2;
    }
  }
  const result = await scan({ paths, home: flags.home || flags.all, environ: flags.environ || flags.all, online: flags.online, environments });
  // Fingerprints and places (never values), so a command that later types one of these
  // credentials tells the approving human where it was found.
  try {
    writeIndex(result.credentials, result.roots);
  } catch {
    // the state directory is not writable: the scan's report is what was asked for
  }
  const report: Report = { session, roots: result.roots, filesRead: result.filesRead, credentials: result.credentials, wall: session ? wallCheck(result.credentials, session) : [] };
  if (flags.sarif) {
    const version = typeof __AIRLOCK_VERSION__ === 'string' ? __AIRLOCK_VERSION__ : '0.0.0-dev';
    fs.writeFileSync(flags.sarif, JSON.stringify(sarifReport(report, version, process.env.HOME ?? os.homedir()), null, 2) + '\n');
  }
  if (flags.json) process.stdout.write(JSON.stringify(jsonReport(report)) + '\n');
  else process.stdout.write(textReport(report, paint(process.stdout)));
  return report.wall.some((w) => w.level === 'error') ? 1 : 0;
}
