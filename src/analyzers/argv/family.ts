// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';
import { PROGRAMS } from './programs';

export default {
  order: 170,
  programs: PROGRAMS,
  nested: { inert: ['cargo'], packages: { '@cdktf/cli': 'cdktf', wrangler: 'wrangler', 'firebase-tools': 'firebase' } },
} satisfies FamilyDeclaration;
