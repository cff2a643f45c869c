// The facts this family emits and their fields. Rules may match only these fields (and the common
// ones every fact has, src/fact-shape.ts); scripts/gen-facts.mjs makes the fact types and the ruleset
// schema from every family's declarations.
import type { FactShapes } from '../../fact-shape';

export default {
  'file-delete': {
    tool: 'string',
    path: 'string',
    resolved: 'string',
    class: 'string',
    sensitive: 'boolean',
    glob: 'boolean',
    recursive: 'boolean',
    force: 'boolean',
    secure: 'boolean',
    noPreserveRoot: 'boolean',
    findAction: 'string',
    execRecursive: 'boolean',
    followsLinks: 'boolean',
    toDevNull: 'boolean',
  },
  'file-truncate': {
    tool: 'string',
    path: 'string',
    resolved: 'string',
    class: 'string',
    sensitive: 'boolean',
    size: 'string',
  },
  'file-permissions': {
    tool: 'string',
    recursive: 'boolean',
    mode: 'string',
    path: 'string',
    resolved: 'string',
    class: 'string',
    sensitive: 'boolean',
  },
  'disk-write': {
    tool: 'string',
    action: 'string',
    device: 'string',
    known: 'boolean',
  },
  'file-sync-delete': {
    tool: 'string',
    dest: 'string',
    class: 'string',
    sensitive: 'boolean',
    flags: 'string[]',
    onlySources: 'boolean',
  },
} satisfies FactShapes;
