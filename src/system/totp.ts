// One-time codes from an authenticator app: HOTP (RFC 4226) and TOTP (RFC 6238) with
// HMAC-SHA1, 30 s steps, 6 digits: what every authenticator app accepts from an otpauth:// URI.
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = B32.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP: dynamic truncation of HMAC(secret, counter). */
export function hotp(secret: Buffer, counter: number, digits = 6, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(msg).digest();
  const off = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[off]! & 0x7f) << 24) | (mac[off + 1]! << 16) | (mac[off + 2]! << 8) | mac[off + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export const STEP_SECONDS = 30;

export const timeStep = (unixSeconds: number, step = STEP_SECONDS): number => Math.floor(unixSeconds / step);

/** RFC 6238 TOTP at a Unix time (seconds). */
export function totp(secret: Buffer, unixSeconds: number, digits = 6, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  return hotp(secret, timeStep(unixSeconds), digits, algorithm);
}

/**
 * The time step `code` belongs to, within one step of now either way (clock drift), or null.
 * Comparison is constant-time per candidate.
 */
export function matchStep(secret: Buffer, code: string, unixSeconds: number, window = 1): number | null {
  const want = Buffer.from(code.trim());
  if (!/^\d{6}$/.test(code.trim())) return null;
  const now = timeStep(unixSeconds);
  for (let s = now - window; s <= now + window; s++) {
    const got = Buffer.from(hotp(secret, s));
    if (got.length === want.length && timingSafeEqual(got, want)) return s;
  }
  return null;
}

export const newSecret = (): Buffer => randomBytes(20);

/** The otpauth:// URI authenticator apps scan. */
export function otpauthUri(secret: Buffer, account: string, issuer = 'airlock'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=${STEP_SECONDS}`;
}
