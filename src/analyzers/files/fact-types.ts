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
    fromInput: 'boolean',
    restorable: 'boolean',
    lostCount: 'number',
    lost: 'string',
    /** Existing files of the user's home (outside the project) a plain rm removes. */
    homeFiles: 'number',
    /** A literal path in the user's home that does not exist, with nothing before it on the line that could create it. */
    absent: 'boolean',
  },
  'file-overwrite': {
    tool: 'string',
    path: 'string',
    resolved: 'string',
    class: 'string',
    sensitive: 'boolean',
    critical: 'boolean',
    append: 'boolean',
    emptied: 'boolean',
    unpack: 'boolean',
    /** Inside the project: files whose contents git does not have (untracked, modified), and which. */
    lostCount: 'number',
    lost: 'string',
    /** Inside the project but outside any git work tree (or git did not answer): what is lost is unknown. */
    lossUnknown: 'boolean',
  },
  'file-move': {
    tool: 'string',
    path: 'string',
    resolved: 'string',
    class: 'string',
  },
  'file-truncate': {
    tool: 'string',
    path: 'string',
    resolved: 'string',
    class: 'string',
    sensitive: 'boolean',
    size: 'string',
    /** Inside the project: what cutting it loses that git cannot give back (absent: not judged). */
    lostCount: 'number',
    lost: 'string',
    /** The file does not exist: truncate creates it (or, with -c, does nothing). */
    absent: 'boolean',
    /** Inside the project: git has every byte that is cut (tracked and unmodified, ignored, regenerable). */
    restorable: 'boolean',
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
