// What a finding would really destroy, looked up read-only before the human is asked.
import type { CheckResult, Command, Fact, Finding } from '../types';

export interface Impact {
  /** Which lookup produced it: railway, postgres, git, files, terraform. */
  source: string;
  /** looked-up: facts below are real; unavailable: "could not look up" (why in `error`). */
  status: 'looked-up' | 'unavailable';
  /** Lines for the human, most important first (never secrets). */
  summary: string[];
  /** Machine-readable details (counts, names, sizes). */
  details?: Record<string, unknown>;
  error?: string;
  elapsedMs?: number;
}

export type FindingWithImpact = Finding & { impact?: Impact[] };

export interface LookupContext {
  /** Aborted at the shared deadline; every lookup must stop (kill children, close sockets). */
  signal: AbortSignal;
  deadline: number;
  cwd: string;
  env: Record<string, string | undefined>;
  /** The command the finding came from, when found. */
  command: Command | null;
  result: CheckResult;
}

/** One family's lookup: null when it has nothing to say about this fact. */
export type Lookup = (fact: Fact, ctx: LookupContext) => Promise<Impact | null> | null;

export class LookupTimeout extends Error {
  override name = 'LookupTimeout';
}
