// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 50,
  programs: [
    'terraform', 'tofu', 'terragrunt',
  ],
  targets: {
    workspace: { matcher: 'workspaces', remote: true },
    'var-file': { matcher: 'paths', remote: true },
  },
  matchers: {
    workspaces: 'Terraform workspaces.',
  },
  impact: { facts: { terraform: [] } },
  undo: { facts: ['terraform'], keeps: 'Terraform state' },
  nested: { inert: ['terraform', 'tofu'] },
} satisfies FamilyDeclaration;
