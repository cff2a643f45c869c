// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 70,
  programs: [
    'railway',
  ],
  targets: {
    'railway-environment': { matcher: 'railway', remote: true },
    'railway-project': { matcher: 'railway', remote: true },
  },
  matchers: {
    railway: 'Railway environment names/ids, project ids.',
  },
  // Railway's API is GraphQL: a request to it (the http family's fact) is looked up here too.
  impact: {
    facts: { graphql: [], railway: [] },
    settings: {
      connect_to: 'host:port Railway lookups connect to instead of the endpoint\'s host (like curl --connect-to).',
      ca_file: 'Extra CA certificate (PEM) trusted for Railway lookups.',
    },
  },
  nested: { inert: ['railway'], packages: { '@railway/cli': 'railway' } },
} satisfies FamilyDeclaration;
