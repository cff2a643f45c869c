// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  sql: {
    tool: 'string',
    class: 'string',
    statement: 'string',
    top: 'string',
    objectType: 'string',
    objects: 'string[]',
    resource: 'string',
    cascade: 'boolean',
    sql: 'string',
    source: 'string',
    host: 'string',
    local: 'boolean',
    connectionUnresolved: 'string',
    database: 'string',
    user: 'string',
    detail: 'string',
    archive: 'string',
    create: 'boolean',
    unresolved: 'boolean',
    what: 'string',
    port: 'string',
    where: 'string',
    whereUncounted: 'boolean',
  },
} satisfies FactShapes;
