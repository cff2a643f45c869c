// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  cli: {
    tool: 'string',
    flags: 'string[]',
    app: 'string',
    confirm: 'string',
    object: 'string',
    action: 'string',
    scaleToZero: 'boolean',
    database: 'string',
    name: 'string',
    unknown: 'boolean',
    yes: 'boolean',
    force: 'boolean',
    safe: 'boolean',
    linked: 'boolean',
    remoteDb: 'boolean',
    dbUrl: 'string',
    projectRef: 'string',
    project: 'string',
    branch: 'string',
    parent: 'boolean',
    descendants: 'boolean',
    org: 'string',
    environment: 'string',
    bypass: 'boolean',
    remoteApp: 'string',
  },
} satisfies FactShapes;
