// scan: the credentials an agent here can reach (owned by src/scan; main.ts only calls register).
import type { Command as Program } from 'commander';

export function register(program: Program, setCode: (c: number) => void): void {
  program
    .command('scan')
    .description('find the credentials an agent working in PATH can read (tree, home, process environment), masked; with --env, check the environment walls (exit 1 when a production or account-wide credential is reachable)')
    .argument('[paths...]', 'trees or files to scan (default: .)')
    .option('--home', 'also the well-known credential files in $HOME (AWS, gcloud, Azure, kube, docker, npm, netrc, pgpass, gh, Railway, Fly, Vercel, Supabase, wrangler...)')
    .option('--environ', 'also the process environment')
    .option('--all', 'same as --home --environ')
    .option('--env <name>', 'the session environment for the wall check (default $AIRLOCK_ENV)')
    .option('--online', 'ask each provider, read-only, what each credential can do (Railway me/projectToken, GitHub /user scopes, AWS GetCallerIdentity, Vercel, Cloudflare, Supabase, Fly)')
    .option('--json', 'print one JSON object')
    .option('--sarif <file>', 'write a SARIF 2.1.0 report for CI code scanning')
    .action(async (paths: string[], flags) => {
      const { scanCommand } = await import('../scan/command');
      setCode(await scanCommand(paths, flags));
    });
}
