// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  cli: {
    tool: 'string',
    flags: 'string[]',
    profile: 'string',
    region: 'string',
    dryRun: 'boolean',
    service: 'string',
    object: 'string',
    action: 'string',
    recursive: 'boolean',
    force: 'boolean',
    skipFinalSnapshot: 'boolean',
    deleteAutomatedBackups: 'boolean',
    deletes: 'boolean',
    overwritesSecret: 'boolean',
    invalidatesAll: 'boolean',
    disablesBackups: 'boolean',
    disablesProtection: 'boolean',
    name: 'string',
    bucket: 'string',
    unknown: 'boolean',
    project: 'string',
    instance: 'string',
    quiet: 'boolean',
    deleteDisks: 'string',
    subscription: 'string',
    resourceGroup: 'string',
    server: 'string',
    yes: 'boolean',
  },
} satisfies FactShapes;
