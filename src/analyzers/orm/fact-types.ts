// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  cli: {
    tool: 'string',
    object: 'string',
    action: 'string',
    name: 'string',
    force: 'boolean',
    forceReset: 'boolean',
    acceptDataLoss: 'boolean',
    consentOnLine: 'boolean',
    flags: 'string[]',
    unknown: 'boolean',
    environment: 'string',
    bypass: 'boolean',
    settings: 'string',
    zero: 'boolean',
    noInput: 'boolean',
    all: 'boolean',
    revision: 'string',
  },
} satisfies FactShapes;
