// A credential is shown as a short prefix and a fingerprint, never more. The prefix is kept only
// where it names the kind (ghp_, AKIA, sbp_...) or the value is long enough that 4 characters
// reveal nothing useful.

export function fingerprint(value: string): string {
  // node:crypto only when a credential is found: loading it costs every command's start-up ~3 ms.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16);
}

export function maskCredential(value: string): string {
  const keep = value.length >= 20 ? 4 : 0;
  return `${value.slice(0, keep)}…#${fingerprint(value).slice(0, 8)}`;
}
