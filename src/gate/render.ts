// What the human sees for one request. Every field comes from the (untrusted) requester, so
// control characters are made visible: an escape sequence must not repaint the screen.
import chalk from 'chalk';
import { maskSecrets } from '../util/mask';
import type { ApprovalRequest } from './types';
import { sanitize } from '../util/sanitize';

export { sanitize };


export function useColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

export function elapsed(sinceIso: string, now = Date.now()): string {
  const t = Date.parse(sinceIso);
  if (!Number.isFinite(t)) return 'unknown';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Multi-line description of a request: command, cwd, findings, who asks and since when. */
export function renderRequest(req: ApprovalRequest, opts: { color: boolean; title?: string; now?: number }): string {
  const c = new chalk.Instance({ level: opts.color ? 1 : 0 });
  const show = (s: string, multi = false) => sanitize(maskSecrets(s), multi);
  const indent = (s: string, pad: string) => s.split('\n').join('\n' + pad);
  const lines: string[] = [];
  lines.push(c.bold.yellow(`━━ ${opts.title ?? 'airlock: approval requested'} ━━`));
  lines.push(`${c.bold('Command:')}   ${indent(show(req.command, true), '             ')}`);
  lines.push(`${c.bold('Directory:')} ${show(req.cwd)}`);
  lines.push(
    `${c.bold('Asked by:')}  ${show(req.requester)} — pid ${req.pid} (parent ${req.ppid}), user ${show(req.user)}, ` +
      `terminal ${req.tty ? show(req.tty) : 'none'}`,
  );
  lines.push(`${c.bold('Waiting:')}   ${elapsed(req.createdAt, opts.now)} (since ${show(req.createdAt)})`);
  lines.push(c.bold('Findings:'));
  req.findings.forEach((f, i) => {
    const env = show(String(f.environment ?? 'unknown'));
    const envCol = /^(prod|production|unknown)$/i.test(env) ? c.red.bold(env) : c.yellow(env);
    lines.push(`  ${i + 1}. ${c.cyan(show(String(f.rule ?? '?')))}  [${envCol}]  resource ${c.bold(sanitize(String(f.resource ?? '')))}`);
    if (f.reason) lines.push(`     ${indent(show(String(f.reason), true), '     ')}`);
    if (f.suggestion) lines.push(`     suggestion: ${show(String(f.suggestion))}`);
    for (const n of Array.isArray(f.notes) ? f.notes : []) lines.push(`     note: ${show(String(n))}`);
    for (const l of impactLines((f as { impact?: unknown }).impact)) lines.push(`     ${l.unavailable ? c.yellow('could not look up') + ' ' + show(l.text) : c.magenta('▸') + ' ' + show(l.text)}`);
  });
  if (req.retryOf) {
    lines.push(
      c.red.bold('RETRY of a denied request: ') +
        `same ${show(req.retryOf.match)} as \`${show(req.retryOf.command.slice(0, 100))}\`, denied ${elapsed(req.retryOf.at, opts.now)} ago`,
    );
  }
  if (req.promptNumber && req.promptNumber > 1) lines.push(c.dim(`(prompt ${req.promptNumber} from this agent session)`));
  if (req.checkpoint) lines.push(`${c.bold('Undo:')}      ${show(req.checkpoint)}`);
  return lines.join('\n') + '\n';
}

/** The looked-up impact of one finding as display lines; malformed entries are skipped. */
export function impactLines(impact: unknown): { text: string; unavailable: boolean }[] {
  if (!Array.isArray(impact)) return [];
  const out: { text: string; unavailable: boolean }[] = [];
  for (const i of impact.slice(0, 8)) {
    if (!i || typeof i !== 'object') continue;
    const { source, status, summary } = i as { source?: unknown; status?: unknown; summary?: unknown };
    const lines = Array.isArray(summary) ? summary.slice(0, 12).map(String) : [];
    const unavailable = status !== 'looked-up';
    for (const s of lines) out.push({ text: unavailable ? `${String(source ?? '?')}: ${s.replace(/^could not look up\s*/, '')}` : `${String(source ?? '?')}: ${s}`, unavailable });
  }
  return out;
}

/** Prompt for resource i (0-based); the first one also offers the one-line form. */
export function resourcePrompt(req: ApprovalRequest, i: number, color: boolean): string {
  const c = new chalk.Instance({ level: color ? 1 : 0 });
  const n = req.resources.length;
  const name = c.bold(sanitize(req.resources[i]!));
  const env = req.resourceEnvironments?.[i];
  const twice = env && req.resources.filter((r) => r === req.resources[i]).length > 1;
  const which = (n > 1 ? ` (${i + 1}/${n})` : '') + (twice ? ` in ${sanitize(env)}` : '');
  const hint = n > 1 && i === 0 ? `; or all ${n} names separated by single spaces` : '';
  return `Type ${name}${which} to approve${hint}. Anything else denies.\n> `;
}

/**
 * Feeds one typed line to the resource-name check. Returns 'next' when more names are
 * needed, 'approved' when all were typed, 'denied' otherwise.
 */
export function matchTyped(req: ApprovalRequest, index: number, line: string): 'next' | 'approved' | 'denied' {
  const typed = line.replace(/\r$/, '');
  const names = req.resources;
  if (index === 0 && names.length > 1 && typed === names.join(' ')) return 'approved';
  if (typed !== names[index]) return 'denied';
  return index + 1 === names.length ? 'approved' : 'next';
}
