// When a shimmed program of this family reads its stdin (`airlock shim` reads and checks it only
// then): the family's `stdin` declaration, loaded by src/integrations/shims/run.ts on first use.

/** kubectl / oc read manifests on stdin with `-f -`. */
export function readsStdin(_program: string, args: string[]): boolean {
  return args.some((a, i) => a === '-f-' || a === '--filename=-' || ((a === '-f' || a === '--filename') && args[i + 1] === '-'));
}
