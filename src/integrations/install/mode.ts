// Which protection mode is active, for `airlock doctor`. Default mode runs everything as the
// human's user: it stops a confused agent, not a determined one (a forged approver, keystrokes
// pushed into the approver's terminal). Hardened mode (`sudo airlock system install`) adds a
// system approval service, a root-owned install and a second factor; this says what is missing.
import * as fs from 'fs';

export interface ModeReport {
  active: 'default' | 'hardened';
  /** What hardened mode still needs on this host (empty when it is active). */
  missing: string[];
}

const exists = (p: string): boolean => {
  try {
    fs.accessSync(p);
    return true;
  } catch {
    return false;
  }
};

function systemUser(name: string): boolean {
  try {
    return fs.readFileSync('/etc/passwd', 'utf8').split('\n').some((l) => l.startsWith(`${name}:`));
  } catch {
    return false;
  }
}

export function protectionMode(root = '/etc/airlock'): ModeReport {
  const missing: string[] = [];
  if (!exists(root)) missing.push(`${root} (the system config and ruleset layer)`);
  if (!exists(`${root}/approver.pub`)) missing.push(`${root}/approver.pub (the approval service's signing key)`);
  if (!systemUser('airlock')) missing.push('the `airlock` system user that runs the approval service');
  return { active: missing.length === 0 ? 'hardened' : 'default', missing };
}

export function formatMode(m: ModeReport): string {
  if (m.active === 'hardened') return 'ok  mode: hardened (system approval service; a determined agent cannot approve its own commands)';
  return [
    '--  mode: default (same OS user as the agent: stops a confused agent, not a determined one; see "Threat model" in the README)',
    `    for hardened mode run: sudo airlock system install   (missing: ${m.missing.join('; ')})`,
  ].join('\n');
}
