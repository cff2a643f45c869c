// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  /** A write, move or delete of airlock's own files or a harness's hook settings. */
  'self-write': {
    path: 'string',
    op: 'string',
    why: 'string',
    harness: 'string',
  },
  /** A script that writes to itself, or to a file the same line runs. */
  'self-modify': {
    path: 'string',
  },
  /** Unbinding, replacing or re-running around the interactive hook. */
  'self-hook': {
    what: 'string',
  },
  /** A start-up file the real shell would run (BASH_ENV, ENV, --rcfile...). */
  'startup-file': {
    path: 'string',
  },
  /** A shell or interpreter with no program, fed whatever arrives on stdin. */
  'stdin-program': {
    program: 'string',
  },
} satisfies FactShapes;
