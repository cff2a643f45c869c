// Secret masking must be linear: a 700 KiB command line (the harness timeout case of issue 14)
// is masked in well under the hook deadline, for every shape that made the old masker quadratic.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { maskSecrets } = require(join(root, 'dist/lib.cjs'));
const size = 700 * 1024;
const fill = (unit) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const shapes = {
  'letters (scheme scan)': fill('a'),
  'scheme-like words': fill('abc+def.ghi-'),
  'url passwords': fill('curl https://u:p4ssw0rd@h/ '),
  'colons and slashes': fill('://a:'),
  'quoted -u': fill("curl -u 'a:b c' "),
  'mysql -p words': fill('mysql -pSECRET '),
  'word chars': fill('PASSWORDx_'),
  'mixed forms': fill("sshpass -p x docker login -p y htpasswd -b f u p --from-literal=a=b X-Railway-Token: t "),
};
console.log('\nsecret masking (700 KiB lines)');
for (const [name, text] of Object.entries(shapes)) {
  const t0 = performance.now();
  maskSecrets(text);
  console.log(`  ${name.padEnd(24)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms`);
}
