import type { Decision, Severity } from '../types';
import type { EnvironmentMatcher } from '../targets.generated';

/**
 * A match over one fact. Every key must hold:
 *  - `type`: the fact type (glob).
 *  - `environment`: the environment the fact's targets classify to (production, staging,
 *    development, local, unknown, or a declared name), not a field of the fact.
 *  - any other key names a fact field; the value is a glob or list of globs (any may match),
 *    `true`/`false` (field truthiness), or `{ not | exists | all | gte: ... }`.
 *    For array fields a glob matches when any element matches.
 *    Dotted keys reach into objects (`args.volumeId`).
 * Globs are picomatch globs, case-insensitive, dotfiles included.
 */
export interface FactMatch {
  type: string | string[];
  [field: string]: unknown;
}

/** A command line, or a command line with what its finding must say. */
export type RuleExample = string | { command: string; resource?: string; environment?: string };

export interface RuleExamples {
  /** Command lines that must produce this rule's finding through the full pipeline; an entry that
   * states `resource` (what the human types) or `environment` must produce it with those. */
  match?: RuleExample[];
  /** Command lines that must not produce it. */
  no_match?: RuleExample[];
}

export interface Rule {
  /** Namespaced id: "railway/graphql-volume-delete". */
  id: string;
  description: string;
  severity: Severity;
  decision: Decision;
  /** A fact matches when it matches any entry (an object is one entry). */
  match: FactMatch | FactMatch[];
  /** Resource the human types; `{field}` placeholders from the fact ({args.volumeId}, {objects}). */
  resource?: string;
  /** Force the environment (volumeDelete acts on every environment: production). */
  environment?: string;
  /** For the agent: what would be destroyed and what to do instead. Placeholders allowed. */
  message: string;
  /** A safer command to suggest. */
  suggestion?: string;
  examples?: RuleExamples;
}

export interface DisableEntry {
  rule: string;
  reason: string;
}

export interface AllowEntry {
  /** Glob over the simple command's source text ("psql -h localhost *"). */
  command: string;
  reason: string;
  /** Only these rule ids (globs); default: every rule except airlock/* and environment walls. */
  rules?: string[];
}

export interface RaiseEntry {
  rule: string;
  decision?: Decision;
  severity?: Severity;
  reason?: string;
}

export interface RulesetFile {
  /** Shown by `airlock rules list`. */
  name?: string;
  /** Layers/other rulesets to pull in: paths, git checkout dirs or npm package names. */
  extends?: string[];
  /** Named environments and their matchers, merged across layers. */
  environments?: Record<string, EnvironmentMatcher>;
  rules?: Rule[];
  /** Raise an existing rule's decision or severity (any layer). */
  raise?: RaiseEntry[];
  /** Turn off rules (only honoured outside the working tree, reason required). */
  disable?: DisableEntry[];
  /** Allow-list command globs (only honoured outside the working tree, reason required). */
  allow?: AllowEntry[];
  /** The human's session declaration (user config only): `session: {environment: staging}`. */
  session?: { environment?: string };
}

// The matcher keys are declared by the core and the families (src/family-shape.ts, family.ts).
export { MATCHER_KEYS, type EnvironmentMatcher } from '../targets.generated';
