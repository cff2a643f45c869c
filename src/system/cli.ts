// `airlock system ...`: hardened mode (src/system). Install, uninstall and enroll need root.
import type { Command as Program } from 'commander';

const collect = (v: string, prev: string[]) => [...prev, v];

export function register(program: Program, setCode: (c: number) => void): void {
  const sys = program.command('system').description('hardened mode: a separate approval service as the airlock user, signed approvals, a one-time code (Linux; needs root)');
  const fail = (e: unknown) => {
    process.stderr.write(`airlock system: ${(e as Error).message}\n`);
    setCode(1);
  };
  sys
    .command('install')
    .description('create the airlock user, a root-owned copy of airlock, /etc/airlock, managed hook settings, and start the approval service')
    .option('--agent-user <user>', 'the account the agent runs as (repeatable; default $SUDO_USER)', collect, [])
    .option('--root <dir>', 'install under DIR instead of / (tests)')
    .option('--set-sysctls', 'set kernel.yama.ptrace_scope=1 and dev.tty.legacy_tiocsti=0 (now and in sysctl.d)')
    .option('--no-start', 'do not start the approval service')
    .action(async (o: { agentUser: string[]; root?: string; setSysctls?: boolean; start: boolean }) => {
      const { systemInstall } = await import('./install');
      try {
        await systemInstall({ ...(o.root ? { root: o.root } : {}), ...(o.agentUser.length ? { agentUsers: o.agentUser } : {}), setSysctls: Boolean(o.setSysctls), start: o.start });
      } catch (e) {
        fail(e);
      }
    });
  sys
    .command('uninstall')
    .description('stop the service and restore everything install changed (from its manifest)')
    .option('--root <dir>', 'the --root DIR given to install')
    .action(async (o: { root?: string }) => {
      const { systemUninstall } = await import('./install');
      try {
        systemUninstall(o.root ? { root: o.root } : {});
      } catch (e) {
        fail(e);
      }
    });
  sys
    .command('status')
    .description('is hardened mode installed, is the service running, is an authenticator enrolled, host checks')
    .option('--root <dir>', 'the --root DIR given to install')
    .action(async (o: { root?: string }) => {
      const { systemStatus } = await import('./install');
      try {
        const r = await systemStatus(o.root ? { root: o.root } : {});
        process.stdout.write(r.text + '\n');
        setCode(r.ok ? 0 : 1);
      } catch (e) {
        fail(e);
      }
    });
  sys
    .command('enroll')
    .description('pair an authenticator app (TOTP): prints a QR code; the secret is readable by the airlock user only')
    .option('--root <dir>', 'the --root DIR given to install')
    .option('--account <name>', 'the label shown in the authenticator app')
    .action(async (o: { root?: string; account?: string }) => {
      const { systemEnroll } = await import('./install');
      try {
        await systemEnroll({ ...(o.root ? { root: o.root } : {}), ...(o.account ? { account: o.account } : {}) });
      } catch (e) {
        fail(e);
      }
    });
  sys
    .command('serve')
    .description('the approval service itself (started by install; runs as the airlock user)')
    .action(async () => {
      const { serveCommand } = await import('./service');
      setCode(await serveCommand());
    });
}
