// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  'secret-read': {
    program: 'string',
    file: 'string',
    kind: 'string',
    action: 'string',
    variables: 'string[]',
  },
  'secret-search': {
    program: 'string',
    pattern: 'string',
    paths: 'string[]',
    scope: 'string',
    variables: 'string[]',
    inScope: 'string[]',
  },
  'credential-flow': {
    program: 'string',
    from: 'string[]',
    kinds: 'string[]',
    variable: 'string',
    explicit: 'boolean',
    uses: 'string',
  },
  'credential-use': {
    program: 'string',
    provider: 'string',
    kind: 'string',
    masked: 'string',
    where: 'string',
  },
} satisfies FactShapes;
