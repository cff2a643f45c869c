// When a shimmed program of this family reads its stdin (`airlock shim` reads and checks it only
// then): the family's `stdin` declaration, loaded by src/integrations/shims/run.ts on first use.

export function readsStdin(program: string, args: string[]): boolean {
  const has = (re: RegExp) => args.some((a) => re.test(a));
  switch (program) {
    case 'curl':
      return args.some((a, i) => a.includes('@-') || ((a === '-T' || a === '--upload-file') && args[i + 1] === '-'));
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
      return !has(/^(--ignore-stdin|-I)$/);
    default:
      return false;
  }
}
