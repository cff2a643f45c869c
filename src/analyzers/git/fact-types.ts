// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  git: {
    tool: 'string',
    repo: 'string',
    workdir: 'string',
    action: 'string',
    branches: 'string[]',
    branch: 'string',
    gitRemote: 'string',
    target: 'string',
    shared: 'boolean',
    lease: 'boolean',
    local: 'boolean',
    paths: 'string[]',
    mode: 'string',
    detail: 'string',
    restorable: 'boolean',
    lostCount: 'number',
    lost: 'string',
  },
} satisfies FactShapes;
