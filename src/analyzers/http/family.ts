// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 60,
  programs: [
    'curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'gh',
  ],
  informedBy: ['graphql'],
  stdin: ['curl', 'http', 'https', 'xh', 'xhs'],
  nested: { inert: ['curl', 'wget'] },
} satisfies FamilyDeclaration;
