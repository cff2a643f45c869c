// Signed approvals. The service (user `airlock`) holds the only Ed25519 private key; every
// guard verifies against the root-owned <root>/etc/airlock/approver.pub. The signature covers
// everything that makes a run "the one the human approved": request id, exact command line,
// cwd, the hash of every file the check read, the requesting pid, and an expiry.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'crypto';

export interface FileRead {
  path: string;
  /** sha256 hex of the content the check read. */
  sha256: string;
}

export interface ApprovalClaim {
  v: 1;
  id: string;
  approved: true;
  command: string;
  cwd: string;
  reads: FileRead[];
  pid: number;
  /** Unix ms after which the approval is void. */
  expiresAt: number;
}

export interface SignedApproval {
  claim: ApprovalClaim;
  /** base64 Ed25519 signature over canonical(claim). */
  sig: string;
}

/** Seconds an approval stays good for after the human typed it. */
export const APPROVAL_TTL_MS = 60_000;

/** Fixed key order, so signer and verifier hash the same bytes. */
export function canonical(c: ApprovalClaim): Buffer {
  const reads = [...c.reads].map((r) => [r.path, r.sha256]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  return Buffer.from(JSON.stringify(['airlock-approval', c.v, c.id, c.approved, c.command, c.cwd, reads, c.pid, c.expiresAt]));
}

export function newKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function signClaim(claim: ApprovalClaim, privatePem: string | KeyObject): SignedApproval {
  const key = typeof privatePem === 'string' ? createPrivateKey(privatePem) : privatePem;
  return { claim, sig: sign(null, canonical(claim), key).toString('base64') };
}

export type VerifyFailure = 'bad-signature' | 'mismatch' | 'expired' | 'malformed';

export interface Expected {
  id: string;
  command: string;
  cwd: string;
  reads: FileRead[];
  pid: number;
}

/** Null when `s` is a valid, unexpired approval of exactly `want`; else why not. */
export function verifyApproval(s: unknown, want: Expected, publicPem: string, now = Date.now()): VerifyFailure | null {
  if (!s || typeof s !== 'object') return 'malformed';
  const { claim, sig } = s as Partial<SignedApproval>;
  if (!claim || typeof claim !== 'object' || typeof sig !== 'string' || !Array.isArray(claim.reads)) return 'malformed';
  let ok = false;
  try {
    ok = verify(null, canonical(claim), createPublicKey(publicPem), Buffer.from(sig, 'base64'));
  } catch {
    return 'bad-signature';
  }
  if (!ok) return 'bad-signature';
  const sameReads = JSON.stringify(canonical({ ...claim, reads: want.reads })) === JSON.stringify(canonical(claim));
  if (claim.v !== 1 || claim.approved !== true || claim.id !== want.id || claim.command !== want.command || claim.cwd !== want.cwd || claim.pid !== want.pid || !sameReads) return 'mismatch';
  if (typeof claim.expiresAt !== 'number' || claim.expiresAt < now) return 'expired';
  return null;
}
