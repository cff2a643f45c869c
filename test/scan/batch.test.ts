// The library's work is batched across files for speed; a batch must find exactly what the files
// would one by one: the same hits, in the same files, on the same lines.
import { describe, expect, it } from 'vitest';
import { detectFiles, detectText } from '../../src/scan/detect';

const GH = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5';
const SLACK = 'xoxb-' + '1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const NPM = 'npm_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\n' + 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n'.repeat(4) + '-----END OPENSSH PRIVATE KEY-----\n';

function files(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (let i = 0; i < 60; i++) out.push({ path: `/repo/src/m${i}.ts`, text: `export const a${i} = ${i};\n`.repeat(20) });
  // Secrets on the first and last line of files in the middle of a batch, and a key block that
  // ends a file right before the next one starts.
  out.splice(5, 0, { path: '/repo/scripts/deploy.sh', text: `export GITHUB_TOKEN=${GH}\necho deploying\nSLACK_BOT_TOKEN=${SLACK}` });
  out.splice(20, 0, { path: '/repo/deploy/id_ed25519', text: KEY });
  out.splice(21, 0, { path: '/repo/src/after-key.ts', text: 'export const b = 1;\n' });
  // Files the library reads by name or as a whole.
  out.push({ path: '/repo/.npmrc', text: `//registry.npmjs.org/:_authToken=${NPM}\n` });
  out.push({ path: '/repo/package.json', text: '{"name":"x","version":"1.0.0"}\n' });
  out.push({ path: '/repo/binary.dat', text: 'a\u0000b' });
  return out;
}

describe('detectFiles', () => {
  it('finds in a batch exactly what each file gives alone', async () => {
    const input = files();
    const batched = await detectFiles(input);
    const alone = await Promise.all(input.map((f) => detectText(f.path, f.text)));
    expect(batched).toEqual(alone);
    const found = batched.flatMap((hits, i) => hits.map((h) => `${input[i]!.path}:${h.line}:${h.provider}`));
    expect(found).toEqual(expect.arrayContaining(['/repo/scripts/deploy.sh:1:github', '/repo/scripts/deploy.sh:3:slack', '/repo/deploy/id_ed25519:1:private-key']));
    expect(found.some((f) => f.startsWith('/repo/.npmrc:'))).toBe(true);
    expect(batched[input.findIndex((f) => f.path === '/repo/binary.dat')]).toEqual([]);
  });

  it('keeps no hit in a file that holds none', async () => {
    const input = files();
    const batched = await detectFiles(input);
    input.forEach((f, i) => {
      if (f.path.startsWith('/repo/src/')) expect(batched[i]).toEqual([]);
    });
  });
});
