// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  terraform: {
    tool: 'string',
    action: 'string',
    subcommand: 'string',
    addresses: 'string[]',
    workspace: 'string',
    chdir: 'string',
    dir: 'string',
    varFiles: 'string[]',
    autoApprove: 'boolean',
    all: 'boolean',
    noLock: 'boolean',
    resource: 'string',
    destroyPlan: 'boolean',
    plan: 'string',
    why: 'string',
    dryRun: 'boolean',
    force: 'boolean',
    lockId: 'string',
    unresolved: 'boolean',
    what: 'string',
  },
} satisfies FactShapes;
