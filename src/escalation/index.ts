// Retries after a denial. A human's "no" is remembered per agent session (the harness's session
// id; for `airlock -c` and shims, the agent process found up the parent chain) with the resources
// and rule families it covered. A later flagged command of that session within the window that
// touches the same resource or family is a retry: marked in the approver, or with
// `escalation: deny` denied without asking. Prompts per session are counted for `log --stats`.
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../types';
import { ensureStateDir } from '../util/paths';
import { withFileLock } from '../util/file-lock';
import { loadSettings } from '../util/settings';

type Env = Record<string, string | undefined>;

export interface Denial {
  session: string;
  at: string;
  command: string;
  resources: string[];
  families: string[];
  requestId?: string;
}

export interface Retry {
  of: Denial;
  /** What matched: "resource bookings" or "family postgres". */
  match: string;
}

interface State {
  denials: Denial[];
  prompts: Record<string, number>;
}

const MAX_DENIALS = 500;

/** The rule family: `postgres/drop` -> postgres. */
export const familyOf = (rule: string): string => rule.split('/')[0] ?? rule;

function stateFile(env: Env): string {
  return path.join(ensureStateDir(env), 'escalation.json');
}

function read(env: Env): State {
  try {
    const s = JSON.parse(fs.readFileSync(stateFile(env), 'utf8')) as Partial<State>;
    return { denials: Array.isArray(s.denials) ? s.denials : [], prompts: s.prompts && typeof s.prompts === 'object' ? s.prompts : {} };
  } catch {
    return { denials: [], prompts: {} };
  }
}

function write(s: State, env: Env): void {
  const file = stateFile(env);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(s), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Read, change and write back under the lock: concurrent sessions never lose a denial. */
function update<T>(env: Env, change: (s: State) => T): T {
  const file = stateFile(env);
  return withFileLock(`${file}.lock`, () => {
    const s = read(env);
    const out = change(s);
    write(s, env);
    return out;
  });
}

function flagged(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.decision !== 'allow' && !f.rule.startsWith('core/'));
}

/** The most recent denial in the window that this request repeats, if any. */
export function findRetry(session: string, findings: Finding[], env: Env = process.env, now = Date.now()): Retry | null {
  const windowMs = loadSettings(env).escalation.windowSeconds * 1000;
  const mine = flagged(findings);
  if (!mine.length) return null;
  const denials = read(env).denials.filter((d) => d.session === session && now - Date.parse(d.at) <= windowMs);
  for (let i = denials.length - 1; i >= 0; i--) {
    const d = denials[i]!;
    const r = mine.find((f) => f.resource && d.resources.includes(f.resource));
    if (r) return { of: d, match: `resource ${r.resource}` };
    const fam = mine.find((f) => d.families.includes(familyOf(f.rule)));
    if (fam) return { of: d, match: `family ${familyOf(fam.rule)}` };
  }
  return null;
}

export function recordDenial(session: string, command: string, findings: Finding[], requestId: string | undefined, env: Env = process.env): void {
  const mine = flagged(findings);
  if (!mine.length) return;
  update(env, (s) => {
    s.denials.push({
      session,
      at: new Date().toISOString(),
      command: command.slice(0, 500),
      resources: [...new Set(mine.map((f) => f.resource).filter(Boolean))],
      families: [...new Set(mine.map((f) => familyOf(f.rule)))],
      ...(requestId ? { requestId } : {}),
    });
    s.denials = s.denials.slice(-MAX_DENIALS);
  });
}

/** Counts one prompt for the session; returns the new count. */
export function countPrompt(session: string, env: Env = process.env): number {
  return update(env, (s) => (s.prompts[session] = (s.prompts[session] ?? 0) + 1));
}

export function promptCounts(env: Env = process.env): Record<string, number> {
  return read(env).prompts;
}

/** What the agent reads when a retry is denied without asking. */
export function retryDeniedMessage(r: Retry, now = Date.now()): string {
  const ago = Math.max(0, Math.round((now - Date.parse(r.of.at)) / 1000));
  return (
    `airlock: blocked (denied without asking): this is a retry of a request your human denied ${ago}s ago (same ${r.match}: \`${r.of.command.slice(0, 100)}\`). ` +
    'Retrying a denied operation in this or another form is not allowed (escalation: deny). Nothing of this command line was run. ' +
    'What to do: stop, and tell your human what you wanted to do and why.'
  );
}
