// `airlock log --stats`: per agent session, from the audit log: how often a human was asked,
// what they answered, how many requests were retries of a denied one, how many were denied
// without asking (escalation: deny).
import { parseSince } from '../audit/command';
import { readAudit, type AuditRecord } from '../audit/log';

export interface SessionStats {
  session: string;
  prompts: number;
  approved: number;
  denied: number;
  retries: number;
  deniedWithoutAsking: number;
  first: string;
  last: string;
}

export function sessionStats(records: AuditRecord[]): SessionStats[] {
  const answers = new Map<string, boolean>();
  for (const r of records) if (r.kind === 'answer' && typeof r.id === 'string') answers.set(r.id, r.approved === true);
  const by = new Map<string, SessionStats>();
  for (const r of records) {
    if (r.kind !== 'request') continue;
    const session = typeof r.session === 'string' ? r.session : '(unknown session)';
    const s = by.get(session) ?? { session, prompts: 0, approved: 0, denied: 0, retries: 0, deniedWithoutAsking: 0, first: r.ts, last: r.ts };
    if (r.escalated) s.deniedWithoutAsking++;
    else {
      s.prompts++;
      const a = answers.get(String(r.id));
      if (a === true) s.approved++;
      else if (a === false) s.denied++;
    }
    if (r.retryOf) s.retries++;
    s.last = r.ts;
    by.set(session, s);
  }
  return [...by.values()].sort((a, b) => b.prompts - a.prompts || a.session.localeCompare(b.session));
}

export function statsCommand(opts: { json?: boolean; since?: string }, out: (s: string) => void = (s) => void process.stdout.write(s)): number {
  const since = opts.since ? parseSince(opts.since) : undefined;
  const stats = sessionStats(readAudit(since ? { since } : {}));
  if (opts.json) {
    out(JSON.stringify(stats) + '\n');
    return 0;
  }
  if (!stats.length) {
    out('no approval requests in the audit log\n');
    return 0;
  }
  out('session                                   prompts approved denied retries denied-without-asking\n');
  for (const s of stats) out(`${s.session.padEnd(41)} ${String(s.prompts).padStart(7)} ${String(s.approved).padStart(8)} ${String(s.denied).padStart(6)} ${String(s.retries).padStart(7)} ${String(s.deniedWithoutAsking).padStart(21)}\n`);
  return 0;
}
