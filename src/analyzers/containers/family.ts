// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 90,
  programs: [
    'docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose',
  ],
  unwrap: { docker: 'container', podman: 'container', nerdctl: 'container', 'docker-compose': 'compose', 'podman-compose': 'compose' },
  nested: { inert: ['docker', 'podman'] },
} satisfies FamilyDeclaration;
