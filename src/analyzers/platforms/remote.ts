// Commands a platform runs for you on the app's machines: `heroku run [opts] CMD...`,
// `fly ssh console -C CMD`, `fly console -C`. The inner command line is analysed by every family,
// with the app added as a target so its environment counts.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { innerFacts } from '../inner-facts';

const HEROKU_RUN_WITH_VALUE = ['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env', '--type'];
const FLY_WITH_VALUE = ['-a', '--app', '-c', '--config', '-s', '--select', '-u', '--user', '-r', '--region', '--machine', '--vm-size', '-A', '--address', '-t', '--access-token', '--org', '-o'];

/** The inner command line of `heroku run` / `fly ssh console -C`, or undefined when there is none. */
function innerLine(cmd: Command): { text: string | null; app: string | null | undefined } | undefined {
  const w = cmd.argv;
  const vals = w.map((x) => x.value);
  let app: string | null | undefined;
  if (cmd.program === 'heroku') {
    const k = vals.findIndex((v, i) => i > 0 && (v === 'run' || v === 'run:detached' || v === 'run:inside'));
    if (k < 0) return undefined;
    let i = k + 1;
    for (; i < w.length; i++) {
      const v = vals[i];
      if (v === '--') {
        i++;
        break;
      }
      if (v === null || v === undefined || !v.startsWith('-')) break;
      if (HEROKU_RUN_WITH_VALUE.includes(v)) {
        if (v === '-a' || v === '--app') app = vals[i + 1];
        i++;
      } else if (v.startsWith('--app=')) app = v.slice(6);
    }
    for (let j = 1; j < k; j++) if (vals[j] === '-a' || vals[j] === '--app') app = vals[j + 1];
    const rest = w.slice(i);
    if (!rest.length) return undefined;
    return { text: rest.map((x) => x.raw).join(' '), app };
  }
  // fly ssh console -C CMD / fly console -C CMD
  if (!(vals.includes('console') && (vals.includes('-C') || vals.includes('--command') || vals.some((v) => v?.startsWith('--command='))))) return undefined;
  let text: string | null | undefined;
  for (let i = 1; i < w.length; i++) {
    const v = vals[i];
    if (v === '-C' || v === '--command') text = vals[++i] ?? null;
    else if (v?.startsWith('--command=')) text = v.slice(10);
    else if (v === '-a' || v === '--app') app = vals[++i];
    else if (v && FLY_WITH_VALUE.includes(v)) i++;
  }
  return text === undefined ? undefined : { text, app };
}

export async function remoteFacts(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  const inner = innerLine(cmd);
  if (!inner) return [];
  const tool = cmd.program === 'heroku' ? 'heroku run' : 'fly ssh console';
  if (inner.text === null) return [];
  const facts = await innerFacts(cmd, inner.text, `${tool} ${inner.app ?? '?'}`, ctx, { viaScript: tool }, `${tool} ${inner.app ?? '?'}`);
  const appTarget = inner.app ? [{ kind: 'name' as const, value: inner.app }] : [];
  return facts.map((f) => (f.type === 'command' ? f : { ...f, remoteApp: inner.app ?? '', targets: [...(f.targets ?? []), ...appTarget] }));
}
