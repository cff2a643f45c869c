// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 20,
  programs: [
    'git', 'gh', 'git-filter-repo',
  ],
  shim: {
    reads: {
      git: ['status', 'log', 'diff', 'show', 'rev-parse', 'ls-files', 'ls-tree', 'cat-file', 'rev-list', 'describe', 'blame', 'shortlog', 'merge-base', 'for-each-ref', 'name-rev', 'count-objects', 'check-ignore', 'var'],
    },
  },
  impact: { facts: { git: [] } },
  undo: { facts: ['git'], keeps: 'git state' },
  nested: { inert: ['git', 'gh'] },
} satisfies FamilyDeclaration;
