import type { Decision, Severity } from '../types';

/**
 * A match over one fact. Every key must hold:
 *  - `type`: the fact type (glob).
 *  - any other key names a fact field; the value is a glob or list of globs (any may match),
 *    `true`/`false` (field truthiness), or `{ not: <value> }`.
 *    For array fields a glob matches when any element matches.
 *    Dotted keys reach into objects (`args.volumeId`).
 * Globs are picomatch globs, case-insensitive, `/` is not special unless the key ends in "path".
 */
export interface FactMatch {
  type: string | string[];
  [field: string]: unknown;
}

export interface RuleExamples {
  /** Command lines that must produce this rule's finding through the full pipeline. */
  match?: string[];
  /** Command lines that must not produce it. */
  no_match?: string[];
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

export interface RulesetFile {
  /** Layers/other rulesets to pull in: paths, git checkouts or npm package names. */
  extends?: string[];
  /** Named environments and their matchers. */
  environments?: Record<string, EnvironmentMatcher>;
  rules?: Rule[];
  /** Turn off rules (only honoured outside the working tree, reason required). */
  disable?: { rule: string; reason: string }[];
  /** Allow-list command globs (only honoured outside the working tree, reason required). */
  allow?: { command: string; reason: string }[];
}

export interface EnvironmentMatcher {
  /** Name tokens ("prod", "production") matched against targets' tokens. */
  tokens?: string[];
  hosts?: string[];
  databases?: string[];
  railway?: string[];
  workspaces?: string[];
  paths?: string[];
  kube_contexts?: string[];
  aws_profiles?: string[];
  gcp_projects?: string[];
}
