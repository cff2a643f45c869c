// Impact lookups for the findings a human is about to be asked about. All lookups of one request
// run concurrently under one shared deadline (settings.impact.timeoutMs, 1.5 s by default); a
// lookup still running then is abandoned (its child killed, its socket closed) and reported as
// "could not look up". Only confirm findings are looked up, so allowed lines never pay for this.
import type { CheckResult, Fact, Finding } from '../types';
import { maskSecrets } from '../util/mask';
import { loadSettings } from '../util/settings';
import { filesImpact } from './files';
import { gitImpact } from './git';
import { postgresImpact } from './postgres';
import { railwayImpact } from './railway';
import { terraformImpact } from './terraform';
import type { FindingWithImpact, Impact, Lookup, LookupContext } from './types';

export type { FindingWithImpact, Impact } from './types';

const LOOKUPS: Record<string, Lookup> = {
  graphql: railwayImpact,
  railway: railwayImpact,
  sql: postgresImpact,
  git: gitImpact,
  'file-delete': filesImpact,
  'file-truncate': filesImpact,
  'file-sync-delete': filesImpact,
  terraform: terraformImpact,
};

/** Which rule families a fact type may inform (a file fact must not annotate a SQL finding). */
const FAMILIES: Record<string, RegExp> = {
  graphql: /^(railway|http)\//,
  railway: /^railway\//,
  sql: /^(postgres|sql|datastores)\//,
  git: /^git\//,
  'file-delete': /^files\//,
  'file-truncate': /^files\//,
  'file-sync-delete': /^files\//,
  terraform: /^terraform\//,
};

export interface ImpactOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Overrides settings.impact.timeoutMs. */
  timeoutMs?: number;
}

function unavailable(source: string, why: string, elapsedMs: number): Impact {
  return { source, status: 'unavailable', summary: [`could not look up (${why})`], error: why, elapsedMs };
}

/** The facts a finding is about: same command, a fact type that informs its rule family. */
export function factsFor(f: Finding, facts: Fact[]): Fact[] {
  return facts.filter((x) => x.command === f.command && LOOKUPS[x.type] && FAMILIES[x.type]!.test(f.rule));
}

/** Looks up every confirm finding's impact; resolves by the deadline, never rejects. */
export async function lookupImpacts(result: CheckResult, opts: ImpactOptions): Promise<FindingWithImpact[]> {
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? loadSettings(opts.env ?? process.env).impact.timeoutMs;
  const deadline = started + timeoutMs;
  const ac = new AbortController();
  const cache = new Map<Fact, Promise<Impact | null>>();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => {
      ac.abort();
      resolve('expired');
    }, timeoutMs);
  });
  const one = (fact: Fact): Promise<Impact | null> => {
    let p = cache.get(fact);
    if (p) return p;
    const ctx: LookupContext = {
      signal: ac.signal,
      deadline,
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      command: result.commands.find((c) => c.text === fact.command) ?? null,
      result,
    };
    const source = fact.type === 'sql' ? 'postgres' : fact.type === 'graphql' ? 'railway' : fact.type.startsWith('file') ? 'files' : fact.type;
    const work = Promise.resolve()
      .then(() => LOOKUPS[fact.type]!(fact, ctx))
      .then(
        (i) => (i ? { ...i, elapsedMs: Date.now() - started } : null),
        (e: Error) => unavailable(source, ac.signal.aborted ? `no answer within ${timeoutMs} ms` : e.message, Date.now() - started),
      );
    p = Promise.race([work, expired.then(() => unavailable(source, `no answer within ${timeoutMs} ms`, Date.now() - started))]);
    cache.set(fact, p);
    return p;
  };
  try {
    return await Promise.all(
      result.findings.map(async (f) => {
        if (f.decision !== 'confirm') return f;
        const impacts = (await Promise.all(factsFor(f, result.facts).map(one))).filter((i): i is Impact => i !== null);
        return impacts.length ? { ...f, impact: impacts.map(clean) } : f;
      }),
    );
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
}

/** What the lookups return never carries a secret (a token echoed back in an error, say). */
function clean(i: Impact): Impact {
  try {
    return JSON.parse(maskSecrets(JSON.stringify(i))) as Impact;
  } catch {
    return { source: i.source, status: i.status, summary: i.summary.map(maskSecrets), ...(i.error ? { error: maskSecrets(i.error) } : {}) };
  }
}

/** Lines for the approver and the agent's message. */
export function impactLines(impacts: Impact[] | undefined): string[] {
  return (impacts ?? []).flatMap((i) => i.summary.map((s) => `${i.source}: ${s}`));
}
