// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 110,
  programs: [
    'fly', 'flyctl', 'heroku', 'vercel', 'netlify', 'supabase', 'neonctl', 'neon', 'pscale',
  ],
  nested: { packages: { supabase: 'supabase', neonctl: 'neonctl', vercel: 'vercel', 'netlify-cli': 'netlify' } },
} satisfies FamilyDeclaration;
