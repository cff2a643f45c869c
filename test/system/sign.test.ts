import { describe, expect, it } from 'vitest';
import { newKeyPair, signClaim, verifyApproval, type ApprovalClaim } from '../../src/system/sign';

const keys = newKeyPair();
const want = { id: 'req-12345678', command: 'rm -rf ./victim', cwd: '/w', reads: [{ path: '/w/x.sh', sha256: 'a'.repeat(64) }], pid: 42 };
const claim = (over: Partial<ApprovalClaim> = {}): ApprovalClaim => ({ v: 1, approved: true, expiresAt: Date.now() + 60_000, ...want, ...over });

describe('signed approvals', () => {
  it('verifies an answer signed by the service key for exactly this request', () => {
    expect(verifyApproval(signClaim(claim(), keys.privatePem), want, keys.publicPem)).toBeNull();
  });

  it('refuses a signature from any other key (a forged approver)', () => {
    const other = newKeyPair();
    expect(verifyApproval(signClaim(claim(), other.privatePem), want, keys.publicPem)).toBe('bad-signature');
  });

  it.each([
    ['id', { id: 'req-other123' }],
    ['command', { command: 'rm -rf ./victim2' }],
    ['cwd', { cwd: '/elsewhere' }],
    ['pid', { pid: 43 }],
    ['file content', { reads: [{ path: '/w/x.sh', sha256: 'b'.repeat(64) }] }],
    ['file list', { reads: [] }],
  ])('refuses an approval signed for a different %s', (_what, over) => {
    expect(verifyApproval(signClaim(claim(over), keys.privatePem), want, keys.publicPem)).toBe('mismatch');
  });

  it('refuses an expired approval, one edited after signing, and malformed ones', () => {
    expect(verifyApproval(signClaim(claim({ expiresAt: Date.now() - 1 }), keys.privatePem), want, keys.publicPem)).toBe('expired');
    const s = signClaim(claim({ command: 'true' }), keys.privatePem);
    expect(verifyApproval({ ...s, claim: { ...s.claim, command: want.command } }, want, keys.publicPem)).toBe('bad-signature');
    expect(verifyApproval({ claim: null, sig: 'x' }, want, keys.publicPem)).toBe('malformed');
    expect(verifyApproval(undefined, want, keys.publicPem)).toBe('malformed');
  });

  it('reads in any order verify alike', () => {
    const two = [
      { path: '/a', sha256: '1'.repeat(64) },
      { path: '/b', sha256: '2'.repeat(64) },
    ];
    const s = signClaim(claim({ reads: [...two].reverse() }), keys.privatePem);
    expect(verifyApproval(s, { ...want, reads: two }, keys.publicPem)).toBeNull();
  });
});
