// Replacement shell (placeholder until the integrations module lands).
export async function runShell(argv: string[]): Promise<number> {
  process.stderr.write(`airlock: shell mode not implemented yet (${argv.join(' ')})\n`);
  return 2;
}
