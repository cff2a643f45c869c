// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 150,
  programs: [
    'cat', 'tac', 'less', 'more', 'head', 'tail', 'bat', 'batcat', 'nl', 'view', 'strings', 'od',
    'hexdump', 'xxd', 'base64', 'base32', 'basenc', 'openssl', 'gpg', 'jq', 'yq', 'awk', 'gawk',
    'sed', 'cut', 'sort', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'cp', 'scp', 'rsync',
    'install', 'tar', 'zip', 'gzip', 'source', '.', 'dotenv', 'python', 'python3', 'node', 'git',
    'curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'railway', 'psql', 'pg_dump',
    'pg_restore', 'mysql', 'gh', 'aws', 'gcloud', 'gsutil', 'kubectl', 'helm', 'terraform', 'tofu',
    'vercel', 'fly', 'flyctl', 'heroku', 'supabase', 'doctl', 'az', 'stripe', 'npx',
  ],
  targets: {
    token: { matcher: 'paths', remote: true },
  },
  shim: {
    // Everyday text and file utilities watched for credential reads: too common in scripts to start node for.
    never: [
      'cat', 'tac', 'less', 'more', 'head', 'tail', 'bat', 'batcat', 'nl', 'view', 'strings', 'od', 'hexdump', 'xxd', 'base64', 'base32', 'basenc',
      'openssl', 'gpg', 'jq', 'yq', 'awk', 'gawk', 'sed', 'cut', 'sort', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'cp', 'install', 'tar', 'zip', 'gzip', 'npx',
    ],
  },
  nested: { inert: ['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'cat', 'less', 'more', 'head', 'tail', 'sed', 'awk', 'gawk', 'jq', 'yq', 'sort', 'cut', 'zip', 'xxd', 'od', 'base64', 'scp'] },
} satisfies FamilyDeclaration;
