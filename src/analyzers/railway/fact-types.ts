// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  railway: {
    operation: 'string',
    subcommand: 'string',
    environment: 'string',
    service: 'string|null',
    project: 'string|null',
    volume: 'string|null',
    bucket: 'string|null',
    target: 'string|null',
    variables: 'string[]',
    yes: 'boolean',
    stdin: 'boolean',
    unresolved: 'boolean',
  },
} satisfies FactShapes;
