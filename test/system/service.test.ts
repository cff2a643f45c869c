// The one-time code check of the approval service: valid once, never again; wrong codes deny.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeChecker } from '../../src/system/service';
import type { SystemConfig } from '../../src/util/system-mode';
import { base32Encode, hotp, timeStep } from '../../src/system/totp';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function checker(secret: Buffer | null): CodeChecker {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-codes-'));
  dirs.push(stateDir);
  if (secret) fs.writeFileSync(path.join(stateDir, 'totp.json'), JSON.stringify({ secret: base32Encode(secret) }));
  return new CodeChecker({ stateDir } as SystemConfig);
}

const SECRET = Buffer.from('12345678901234567890');
const NOW = 1_700_000_000;

describe('one-time codes', () => {
  it('a valid code is accepted once, then refused', () => {
    const c = checker(SECRET);
    const code = hotp(SECRET, timeStep(NOW));
    expect(c.use(code, NOW)).toBeNull();
    expect(c.use(code, NOW)).toMatch(/already used/);
    expect(c.use(code, NOW + 10)).toMatch(/already used/);
  });

  it('an older code than the last one used is refused; the next step is accepted', () => {
    const c = checker(SECRET);
    const s = timeStep(NOW);
    expect(c.use(hotp(SECRET, s), NOW)).toBeNull();
    expect(c.use(hotp(SECRET, s - 1), NOW)).toMatch(/already used/);
    expect(c.use(hotp(SECRET, s + 1), NOW + 30)).toBeNull();
  });

  it('a wrong code and a missing enrolment deny', () => {
    expect(checker(SECRET).use('000000', NOW)).toMatch(/wrong/);
    expect(checker(null).use(hotp(SECRET, timeStep(NOW)), NOW)).toMatch(/enroll/);
  });
});
