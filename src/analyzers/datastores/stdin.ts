// When a shimmed program of this family reads its stdin (`airlock shim` reads and checks it only
// then): the family's `stdin` declaration, loaded by src/integrations/shims/run.ts on first use.

export function readsStdin(program: string, args: string[]): boolean {
  const has = (re: RegExp) => args.some((a) => re.test(a));
  switch (program) {
    case 'mysql':
    case 'mariadb':
      return !has(/^(-e.*|--execute(=.*)?|--version|-V|--help|-\?)$/);
    case 'mongosh':
    case 'mongo':
      return !has(/^--(eval|file|version|help)(=|$)|\.js$/) && !has(/^-f$/);
    case 'sqlite3':
      return args.filter((a) => !a.startsWith('-')).length < 2;
    case 'redis-cli':
      return has(/^-x$/) || args.filter((a) => !a.startsWith('-')).length === 0;
    default:
      return false;
  }
}
