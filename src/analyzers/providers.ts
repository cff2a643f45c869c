// What a family may provide besides its analyzer, loaded lazily through the generated table
// (src/analyzers/providers.generated.ts) and only for findings a human is about to be asked about:
//  - impact.ts `lookup`: what a finding would really destroy, looked up read-only (src/impact);
//  - undo.ts `checkpoints`: a way back for local operations (src/undo).
// This file is the contract, a leaf both sides import (the core never imports a family's module).
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

/** The shared deadline passed (or the lookup was aborted) before the lookup answered. */
export class LookupTimeout extends Error {
  override name = 'LookupTimeout';
}

/** One part of a checkpoint, as its manifest records it: `kind` is the family that saved it. */
export interface SavedItem {
  kind: string;
  /** Bytes saved, when the family counts them. */
  bytes?: number;
}

/** What a checkpoint would keep for one fact, before the human is asked. */
export interface PlannedPart {
  /** For the approver: "a copy of build/", "pg_dump of table users". */
  what: string;
  /** Estimated bytes; null when unknown. */
  bytes: number | null;
}

export interface PlanContext {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** What the family's own impact lookup found for this finding (its `details`), when it did. */
  impact?: Record<string, unknown>;
  /** True the first time a key is seen in this plan: one checkpoint part per place. */
  once: (key: string) => boolean;
}

export interface SaveContext {
  /** The checkpoint's id and directory (outside every project), and this part's index in it. */
  id: string;
  dir: string;
  index: number;
  /** The plan's estimate for this part. */
  bytes: number | null;
  cwd: string;
  env: Record<string, string | undefined>;
  /** The command the fact came from, when found. */
  command: Command | null;
}

export interface RestoreContext {
  /** The checkpoint's directory. */
  dir: string;
  env: Record<string, string | undefined>;
}

/** A family's way back for its local operations (undo.ts `checkpoints`, declared by `undo`). */
export interface CheckpointProvider<I extends SavedItem = SavedItem> {
  /** The part a checkpoint would keep for this fact; null: nothing to keep; `skipped`: why not, for the human. */
  plan(fact: Fact, ctx: PlanContext): PlannedPart | { skipped: string } | null;
  /** Saves the part (just before the approved command runs). Throws when it cannot. */
  save(fact: Fact, ctx: SaveContext): I;
  /** Puts it back; lines for the human. */
  restore(item: I, ctx: RestoreContext): string[];
  /** One line for `airlock undo --list`. */
  describe(item: I): string;
}
