// The shape of facts, declared: every family states the fields of each fact type it emits
// (src/analyzers/<family>/fact-types.ts), the core states the facts it makes itself (below) and
// the fields every fact may carry. scripts/gen-facts.mjs turns these into the fact types
// (src/generated/facts.generated.ts) and the match part of schema/ruleset.schema.json; the policy
// refuses a rule whose match names a field no fact of that type has (src/policy/fact-keys.ts).

/** Field types. `object`: a nested record a rule reaches with a dotted key (`args.volumeId`). */
export type FieldType = 'string' | 'string|null' | 'number' | 'boolean' | 'string[]' | 'object' | 'targets' | 'string|string[]';

/** Fact type -> field -> type. The common fields below are implied. */
export type FactShapes = Record<string, Record<string, FieldType>>;

/** Fields any fact may carry, whoever made it. */
export const COMMON_FIELDS = {
  /** The command the fact came from (the outer line for facts of a nested line). */
  command: 'string',
  /** Reaches infrastructure: environment walls apply. */
  infra: 'boolean',
  /** Where the command targets; the policy works out the environment from these. */
  targets: 'targets',
  /** The host or container the command runs on, when not this machine (set by the engine). */
  remote: 'string',
  // Labels of facts that come from a nested line (a package script, a program's subprocess call,
  // an MCP tool call): the inner command and what ran it.
  innerCommand: 'string',
  script: 'string',
  viaScript: 'string',
  programFile: 'string',
  programLine: 'number',
  /** Wrappers unwrapped to reach the command (a list), or the nested runner (`mcp:server`). */
  via: 'string|string[]',
  /** For the human: attached to the asking findings of the same command (policy/evaluate.ts). */
  note: 'string',
} as const satisfies Record<string, FieldType>;

/** The facts the engine makes itself, for every simple command and assignment. */
export const CORE_FACTS = {
  command: {
    program: 'string',
    args: 'string[]',
    subcommand: 'string',
    words: 'string',
    options: 'string[]',
    via: 'string[]',
    dynamicArgs: 'boolean',
    redirects: 'string[]',
    writes: 'string[]',
    pipedTo: 'string',
    recursive: 'boolean',
  },
  unresolved: {
    what: 'string',
    program: 'string',
  },
  'env-assign': {
    name: 'string',
    action: 'string',
    value: 'string',
  },
} satisfies FactShapes;
