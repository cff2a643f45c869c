// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 140,
  programs: [
    'npm', 'pnpm', 'yarn', 'bun', 'make', 'gmake', 'just', 'task', 'go-task', 'rake', 'invoke',
    'inv', 'nox', 'tox',
  ],
  shim: {
    // Their `--version` may still act on the working directory's files (scripts, Makefiles).
    noInfoOnly: ['npm', 'pnpm', 'yarn', 'bun', 'make', 'gmake', 'rake'],
  },
  nested: { inert: ['npm', 'pnpm', 'yarn', 'make'], pythonModules: ['invoke', 'nox', 'tox'], packageRunners: { npm: ['exec', 'x'], pnpm: ['dlx', 'exec'], yarn: ['dlx', 'exec'], bun: ['x'] } },
} satisfies FamilyDeclaration;
