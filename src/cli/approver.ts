// `airlock approver`: the per-user approver (src/gate), or in hardened mode the approval service's
// terminal (src/system). The choice is made here, above both, so the gate never imports system.
import { runApprover } from '../gate/approver';

/** Entry for commander's `airlock approver`; resolves to the exit code. */
export async function approverCommand(_options: Record<string, unknown> = {}): Promise<number> {
  // Hardened mode: the approval service decides; this terminal only shows and reads.
  const { hardened } = await import('../util/system-mode');
  const cfg = hardened();
  if (cfg) {
    const { runSystemApprover } = await import('../system/approver');
    return runSystemApprover(cfg, { input: process.stdin, output: process.stdout, errorOutput: process.stderr, env: process.env });
  }
  return runApprover();
}
