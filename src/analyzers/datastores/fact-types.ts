// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  cli: {
    tool: 'string',
    flags: 'string[]',
    host: 'string',
    database: 'string',
    action: 'string',
    object: 'string',
    name: 'string',
    names: 'string[]',
    where: 'boolean',
    statement: 'string',
    unknown: 'boolean',
    force: 'boolean',
    all: 'boolean',
    sqlUnknown: 'boolean',
    drop: 'boolean',
    dryRun: 'boolean',
    db: 'string',
    keys: 'number',
    dynamicKeys: 'boolean',
    nosave: 'boolean',
    value: 'string',
  },
} satisfies FactShapes;
