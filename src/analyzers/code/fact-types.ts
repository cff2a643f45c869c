// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  'code-delete': {
    tool: 'string',
    api: 'string',
    recursive: 'boolean',
    path: 'string',
    resolved: 'string',
    class: 'string',
    sensitive: 'boolean',
    literal: 'boolean',
  },
  'code-sdk-delete': {
    tool: 'string',
    api: 'string',
  },
  'code-http': {
    tool: 'string',
    url: 'string',
    host: 'string',
    mutation: 'boolean',
    field: 'string',
    railway: 'boolean',
  },
  'code-file': {
    tool: 'string',
    file: 'string',
    state: 'string',
    why: 'string',
  },
  'code-spawn': {
    tool: 'string',
    file: 'string',
    line: 'number',
    call: 'string',
    dynamic: 'boolean',
  },
  'code-orm': {
    tool: 'string',
    api: 'string',
    model: 'string',
    file: 'string',
    line: 'number',
  },
} satisfies FactShapes;
