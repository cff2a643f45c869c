import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchStep, otpauthUri, totp } from '../../src/system/totp';

// RFC 6238 appendix B: the seeds are ASCII strings of 20, 32 and 64 bytes, codes of 8 digits.
const SEED = Buffer.from('12345678901234567890');
const SEED256 = Buffer.from('12345678901234567890123456789012');
const SEED512 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('matches the RFC 6238 test vector at T=%i', (t, sha1, sha256, sha512) => {
    expect(totp(SEED, t, 8, 'sha1')).toBe(sha1);
    expect(totp(SEED256, t, 8, 'sha256')).toBe(sha256);
    expect(totp(SEED512, t, 8, 'sha512')).toBe(sha512);
  });

  it('matches the RFC 4226 appendix D HOTP values', () => {
    const want = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(want.map((_, i) => hotp(SEED, i))).toEqual(want);
  });

  it('round-trips base32 (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb-oi======').toString()).toBe('foobar');
  });

  it('accepts a code one step either side of now and nothing further', () => {
    const now = 1_700_000_000;
    const step = Math.floor(now / 30);
    expect(matchStep(SEED, hotp(SEED, step), now)).toBe(step);
    expect(matchStep(SEED, hotp(SEED, step - 1), now)).toBe(step - 1);
    expect(matchStep(SEED, hotp(SEED, step + 1), now)).toBe(step + 1);
    expect(matchStep(SEED, hotp(SEED, step + 2), now)).toBeNull();
    expect(matchStep(SEED, 'abcdef', now)).toBeNull();
    expect(matchStep(SEED, '1234567', now)).toBeNull();
  });

  it('writes the otpauth URI authenticator apps scan', () => {
    expect(otpauthUri(Buffer.from('foobar'), 'me@host')).toBe('otpauth://totp/airlock%3Ame%40host?secret=MZXW6YTBOI&issuer=airlock&algorithm=SHA1&digits=6&period=30');
  });
});
