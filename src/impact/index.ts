// Impact lookups for the findings a human is about to be asked about. Each family's lookup is its
// impact.ts, reached through the generated table (src/analyzers/providers.generated.ts) on first
// use. All lookups of one request run concurrently under one shared deadline
// (settings.impact.timeoutMs, 1.5 s by default); a lookup still running then is abandoned (its
// child killed, its socket closed) and reported as "could not look up". Only confirm findings are looked up, so allowed lines never pay for this.
import type { CheckResult, Fact, Finding } from '../types';
import { maskSecrets } from '../util/mask';
import { loadSettings } from '../util/settings';
import { IMPACT } from '../analyzers/providers.generated';
import type { FindingWithImpact, Impact, LookupContext } from './types';

export type { FindingWithImpact, Impact } from './types';

/** The rule family of a rule id (`files/rm-recursive` -> files); null without one. */
function ruleFamily(rule: string): string | null {
  const slash = rule.indexOf('/');
  return slash > 0 ? rule.slice(0, slash) : null;
}

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
  const family = ruleFamily(f.rule);
  return facts.filter((x) => x.command === f.command && family !== null && Object.hasOwn(IMPACT, x.type) && IMPACT[x.type]!.informs.includes(family));
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
    const entry = IMPACT[fact.type]!;
    const source = entry.source;
    const work = Promise.resolve()
      .then(() => entry.load()(fact, ctx))
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
