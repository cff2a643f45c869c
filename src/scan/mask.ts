// A credential is shown as a short prefix and a fingerprint, never more. The prefix is kept only
// where it names the kind (ghp_, AKIA, sbp_...) or the value is long enough that 4 characters
// reveal nothing useful.
import { createHash } from 'node:crypto';

export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16);
}

export function maskCredential(value: string): string {
  const keep = value.length >= 20 ? 4 : 0;
  return `${value.slice(0, keep)}…#${fingerprint(value).slice(0, 8)}`;
}
