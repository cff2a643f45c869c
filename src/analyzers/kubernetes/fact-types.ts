// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  cli: {
    tool: 'string',
    flags: 'string[]',
    namespace: 'string',
    context: 'string',
    allNamespaces: 'boolean',
    all: 'boolean',
    selector: 'string',
    force: 'boolean',
    dryRun: 'boolean',
    action: 'string',
    object: 'string',
    name: 'string',
    unknown: 'boolean',
    keepHistory: 'boolean',
    gracePeriodZero: 'boolean',
    every: 'boolean',
    file: 'string',
    prune: 'boolean',
    replicas: 'number',
  },
} satisfies FactShapes;
