// A line naming no program file loads no language grammar (the grammars load on first use only).
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

// The same module instance the engine loads lazily with require() (an ESM import would be another copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadedGrammars } = require('../../../src/analyzers/code/grammars') as typeof import('../../../src/analyzers/code/grammars');

describe('grammars load only for program files', () => {
  it('plain lines load none; running a Python file loads the Python grammar only', async () => {
    const opts = { cwd: '/tmp', env: { HOME: '/home/agent', PATH: '/usr/bin:/bin' } };
    for (const l of ['ls -la', 'git status', 'npm test', 'docker compose up', 'ssh host uptime', 'python3 -m pytest', 'cat x.py']) await check(l, opts);
    expect(loadedGrammars()).toEqual([]);
    await check(`python3 -c "import os; os.remove('x')"`, opts);
    expect(loadedGrammars()).toEqual(['python']);
  });
});
