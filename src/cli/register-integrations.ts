// Subcommands of the integrations area (owned by its module; main.ts only calls register).
import type { Command as Program } from 'commander';

export function register(program: Program, setCode: (c: number) => void): void {
  // init, serve: shell hooks and the resident checker (src/integrations/shell-hooks).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../integrations/shell-hooks/cli') as typeof import('../integrations/shell-hooks/cli')).registerShellHooks(program, setCode);
  // hook, shim, shims, install, uninstall, doctor: agent harness hooks, program shims, installers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../integrations/cli') as typeof import('../integrations/cli')).registerAgentIntegrations(program, setCode);
}
