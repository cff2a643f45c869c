// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

const VENV = ['bin/activate', 'bin/activate.fish', 'bin/activate.csh', 'bin/activate.nu', 'Scripts/activate'];

export default {
  order: 30,
  programs: [
    'pip', 'pip3', 'uv', 'python', 'python2', 'python3', 'python3.8', 'python3.9', 'python3.10',
    'python3.11', 'python3.12', 'python3.13', 'python3.14', 'pypy3', 'node', 'nodejs', 'deno',
    'bun', 'ruby', 'perl', 'php', 'tsx', 'ts-node', 'ts-node-esm', 'go', 'rails', 'jruby',
    'vite-node', 'esno',
  ],
  shim: {
    // Interpreters: a node start on every script run under them would be far too slow.
    never: ['nodejs', 'perl', 'ruby', 'deno', 'bun', 'php', 'python', 'python2', 'python3', 'python3.8', 'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14', 'pypy3'],
  },
  nested: {
    inert: ['pip', 'pip3', 'go', 'node', 'python', 'python3', 'ruby', 'perl'],
    // venv's activate scripts only set PATH, VIRTUAL_ENV and the prompt.
    templates: [
      { program: 'python', args: ['-m', 'venv'], files: VENV },
      { program: 'python3', args: ['-m', 'venv'], files: VENV },
      { program: 'virtualenv', args: [], files: VENV },
      { program: 'uv', args: ['venv'], dir: '.venv', files: VENV },
    ],
  },
} satisfies FamilyDeclaration;
