// The layers import downwards only (docs/architecture.md): `npm run arch` finds no import cycle,
// at file level or between folders, in this tree.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

describe('import cycles', () => {
  it('none among src/ files or folders', () => {
    const out = JSON.parse(execFileSync(process.execPath, [path.join(root, 'scripts/arch.mjs'), '--json'], { cwd: root, encoding: 'utf8' })) as { fileCycles: { loop: string[] }[]; folderCycles: { loop: string[] }[] };
    expect(out.fileCycles.map((c) => c.loop.join(' -> '))).toEqual([]);
    expect(out.folderCycles.map((c) => c.loop.join(' -> '))).toEqual([]);
  });
});
