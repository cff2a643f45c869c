// Large program files: the pre-scan keeps only the statements around risky names (and the imports
// and short top-level bindings), and what it keeps is still judged like the whole file.
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { selectChunks, WHOLE_FILE_BYTES } from '../../../src/analyzers/code/chunks';
import { check } from '../../../src/engine';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-chunks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function filler(lang: 'python' | 'javascript', bytes: number): string {
  let s = '';
  for (let i = 0; s.length < bytes; i++) {
    s += lang === 'python' ? `def f${i}(x):\n    return x * ${i}\n\n` : `function f${i}(x) {\n  return x * ${i};\n}\n\n`;
  }
  return s;
}

describe('selectChunks', () => {
  it('parses small files whole', () => {
    const text = 'import os\nos.system("ls")\n';
    expect(selectChunks(text, 'python').source).toBe(text);
  });

  it('keeps imports, short constants and the top-level statement around a risky call, with its file line', () => {
    const head = 'import shutil\nTARGET = "/srv/data"\n\n';
    const risky = 'def wipe():\n    print("x")\n    shutil.rmtree(TARGET)\n\n';
    const text = head + filler('python', WHOLE_FILE_BYTES * 2) + risky + filler('python', 1000);
    const c = selectChunks(text, 'python');
    expect(c.source.length).toBeLessThan(text.length / 10);
    expect(c.source).toContain('import shutil');
    expect(c.source).toContain('TARGET = "/srv/data"');
    expect(c.source).toContain('def wipe():\n    print("x")\n    shutil.rmtree(TARGET)');
    const srcLine = c.source.split('\n').findIndex((l) => l.includes('rmtree')) + 1;
    const fileLine = text.split('\n').findIndex((l) => l.includes('rmtree')) + 1;
    expect(c.line(srcLine)).toBe(fileLine);
  });

  it('finds names used as calls, members or templates, not as plain words', () => {
    const text = filler('javascript', WHOLE_FILE_BYTES * 2);
    expect(selectChunks(text + '// we fetch nothing here\n', 'javascript').source).not.toContain('fetch');
    expect(selectChunks(text + 'fetch("https://x")\n', 'javascript').source).toContain('fetch("https://x")');
    expect(selectChunks(text + 'await $`rm -rf dist`\n', 'javascript').source).toContain('$`rm -rf dist`');
    expect(selectChunks(text + 'await prisma.$executeRaw`DROP TABLE x`\n', 'javascript').source).toContain('$executeRaw');
  });
});

describe('large files through the pipeline', () => {
  it('flags a home delete deep in a large Python file and allows the same file without it', async () => {
    const body = filler('python', 600 * 1024);
    fs.writeFileSync(path.join(dir, 'big_bad.py'), `import shutil, os\n${body}def wipe():\n    shutil.rmtree(os.path.expanduser("~"))\n\nwipe()\n`);
    fs.writeFileSync(path.join(dir, 'big_ok.py'), `import shutil, os\n${body}print(f1(2))\n`);
    const opts = { cwd: dir, env: { HOME: '/home/agent', PATH: '/usr/bin:/bin' } };
    const bad = await check('python3 big_bad.py', opts);
    expect(bad.findings.map((f) => f.rule)).toContain('code/delete-root-or-home');
    expect((await check('python3 big_ok.py', opts)).decision).toBe('allow');
  });

  it('flags a child_process spawn deep in a large JavaScript file', async () => {
    const body = filler('javascript', 600 * 1024);
    fs.writeFileSync(path.join(dir, 'big_bad.js'), `const { execSync } = require('child_process');\n${body}function nuke() {\n  execSync('kubectl delete namespace production');\n}\nnuke();\n`);
    const r = await check('node big_bad.js', { cwd: dir, env: { HOME: '/home/agent', PATH: '/usr/bin:/bin' } });
    expect(r.findings.map((f) => f.rule)).toContain('kubernetes/delete-namespace');
  });
});
