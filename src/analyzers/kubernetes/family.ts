// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 80,
  programs: [
    'kubectl', 'oc', 'k', 'helm', 'helm3',
  ],
  targets: {
    'kube-context': { matcher: 'kube_contexts', remote: true },
    namespace: { matcher: 'kube_contexts', remote: true },
  },
  matchers: {
    kube_contexts: 'Kubernetes context names (kubectl --context, helm --kube-context).',
  },
  unwrap: { kubectl: 'kubectl', oc: 'kubectl' },
  shim: { never: ['k'] },
  stdin: ['kubectl', 'oc'],
  nested: { inert: ['kubectl', 'helm'] },
} satisfies FamilyDeclaration;
