// `airlock log [--json] [--decision X] [--rule R] [--since ISO|10m|2h] [--limit N] [--verify]`
import { sanitize } from '../util/sanitize';
import { type AuditRecord, readAudit, verifyAudit } from './log';

export interface LogCommandOptions {
  json?: boolean;
  decision?: string;
  rule?: string;
  since?: string;
  /** Number or numeric string (as commander passes it). */
  limit?: number | string;
  verify?: boolean;
}

type Write = (s: string) => void;

const UNITS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

/** `10m`, `2h`, `3d`, `45s`, `1w` ago, or an ISO date; null when unparseable. */
export function parseSince(s: string, now = Date.now()): Date | null {
  const rel = /^(\d+)\s*([smhdw])$/i.exec(s.trim());
  if (rel) return new Date(now - Number(rel[1]) * UNITS[rel[2]!.toLowerCase()]!);
  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t) : null;
}

function describe(r: AuditRecord): string {
  const ts = String(r.ts).replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const cmd = (v: unknown) => sanitize(String(v ?? ''));
  switch (r.kind) {
    case 'decision': {
      const rules = Array.isArray(r.rules) && r.rules.length ? ` [${r.rules.join(', ')}]` : '';
      return `${ts}  ${String(r.decision).toUpperCase().padEnd(8)} ${cmd(r.source)}${rules}  ${cmd(r.command)}`;
    }
    case 'request':
      return `${ts}  REQUEST  ${cmd(r.requester)} id=${cmd(r.id)} resources=${cmd((r.resources as string[] | undefined)?.join(','))}  ${cmd(r.command)}`;
    case 'checkpoint':
      return `${ts}  CHECKPT  id=${cmd(r.id)} checkpoint=${cmd(r.checkpoint)} saved=${cmd((r.saved as string[] | undefined)?.join(','))}`;
    case 'answer':
      return `${ts}  ${r.approved === true ? 'APPROVED' : 'DENIED  '} id=${cmd(r.id)}  ${cmd(r.message)}`;
    default:
      return `${ts}  ${cmd(r.kind)}`;
  }
}

/** Runs `airlock log`; returns the exit code (0 ok, 1 broken chain, 2 bad usage). */
export function logCommand(
  opts: LogCommandOptions,
  out: Write = (s) => void process.stdout.write(s),
  err: Write = (s) => void process.stderr.write(s),
): number {
  if (opts.verify) {
    const v = verifyAudit();
    if (opts.json) out(JSON.stringify(v) + '\n');
    else out((v.ok ? 'OK: ' : 'TAMPERED: ') + v.message + '\n');
    return v.ok ? 0 : 1;
  }
  let since: Date | undefined;
  if (opts.since !== undefined) {
    const d = parseSince(opts.since);
    if (!d) {
      err(`airlock log: cannot parse --since ${JSON.stringify(opts.since)} (use an ISO date or 10m, 2h, 3d)\n`);
      return 2;
    }
    since = d;
  }
  let limit: number | undefined;
  if (opts.limit !== undefined) {
    limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 0) {
      err(`airlock log: --limit must be a non-negative integer\n`);
      return 2;
    }
  }
  let recs: AuditRecord[];
  try {
    recs = readAudit({ since, decision: opts.decision, rule: opts.rule, limit });
  } catch (e) {
    err(`airlock log: ${(e as Error).message}\n`);
    return 2;
  }
  for (const r of recs) out((opts.json ? JSON.stringify(r) : describe(r)) + '\n');
  return 0;
}
