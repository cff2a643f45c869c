// When a shimmed program of this family reads its stdin (`airlock shim` reads and checks it only
// then): the family's `stdin` declaration, loaded by src/integrations/shims/run.ts on first use.

/** Short options of psql that take a value (so `-dcustomers` is not `-c`). */
const PSQL_VALUE_OPTS = 'cdfhLoPpRTUv';

export function psqlReadsStdin(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a.startsWith('--')) {
      if (/^--(command|list|version|help)(=|$)/.test(a)) return false;
      if (a === '--file=-') return true;
      if (a.startsWith('--file=')) return false;
      if (a === '--file') return args[i + 1] === '-';
      continue;
    }
    if (!a.startsWith('-') || a === '-') continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'l' || c === 'V' || c === '?') return false;
      if (PSQL_VALUE_OPTS.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[i + 1];
        if (c === 'c') return false;
        if (c === 'f') return value === '-';
        if (j + 1 >= a.length) i++;
        break;
      }
    }
  }
  return true;
}

/** psql and pgcli read SQL on stdin unless a command, a file or an info option says otherwise. */
export function readsStdin(_program: string, args: string[]): boolean {
  return psqlReadsStdin(args);
}
