// The process environment an agent inherits: every variable is one `NAME=value` line to the
// same detectors as a file.
import { detectText } from './detect';
import type { Hit } from './types';

/** airlock's own settings and the shell's plumbing carry no credentials. */
const SKIP = /^(AIRLOCK_|npm_|LESS|LS_COLORS$|PATH$|PWD$|OLDPWD$|SHLVL$|TERM|SSH_AUTH_SOCK$|XAUTHORITY$|DBUS_|GPG_AGENT|DISPLAY$|WAYLAND|XDG_|_$)/;

export async function environHits(env: Record<string, string | undefined>): Promise<Hit[]> {
  const out: Hit[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value || SKIP.test(name) || value.length < 8 || value.length > 16384) continue;
    const text = value.includes('\n') ? value : `${name}=${value}`;
    for (const h of await detectText('/proc/self/environ', text)) out.push({ ...h, variable: name, line: undefined });
  }
  return out;
}
