// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  argv: {
    program: 'string',
    path: 'string[]',
    words: 'string',
    last: 'string',
    lastArg: 'string',
    argc: 'number',
    options: 'string[]',
    flags: 'object',
    target: 'string',
    host: 'string',
    stdin: 'string',
    scope: 'string',
    arg1: 'string',
    arg2: 'string',
    arg3: 'string',
    arg4: 'string',
    arg5: 'string',
    arg6: 'string',
  },
} satisfies FactShapes;
