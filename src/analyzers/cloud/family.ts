// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 100,
  programs: [
    'aws', 'gcloud', 'gsutil', 'az',
  ],
  targets: {
    'aws-profile': { matcher: 'aws_profiles', remote: true },
    'aws-account': { matcher: 'aws_accounts', remote: true },
    'gcp-project': { matcher: 'gcp_projects', remote: true },
  },
  matchers: {
    aws_profiles: 'AWS profile names.',
    aws_accounts: 'AWS account ids.',
    gcp_projects: 'Google Cloud project ids.',
  },
  unwrap: { gcloud: 'gcloud-ssh', aws: 'aws-ssm', az: 'az-run-command' },
  nested: { inert: ['aws', 'gcloud', 'az'] },
} satisfies FamilyDeclaration;
