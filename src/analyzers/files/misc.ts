// rsync --delete, truncate, chmod/chown -R: each makes one fact per destination/operand.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, parseArgs, valueOf } from './args';
import * as fs from 'node:fs';
import { classifyWord, pathTargets, type PathInfo } from './paths';
import { canLook, overwriteLoss } from './loss';

const RSYNC = {
  shortValue: 'efBTM',
  longs: [
    '--delete', '--del', '--delete-before', '--delete-during', '--delete-delay', '--delete-after', '--delete-excluded',
    '--delete-missing-args', '--remove-source-files', '--dry-run', '--archive', '--recursive', '--verbose', '--force', '--help', '--version',
  ],
  longValue: [
    '--rsh', '--filter', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '--temp-dir', '--partial-dir',
    '--backup-dir', '--suffix', '--compare-dest', '--copy-dest', '--link-dest', '--chmod', '--chown', '--usermap', '--groupmap',
    '--max-size', '--min-size', '--max-delete', '--bwlimit', '--timeout', '--contimeout', '--port', '--log-file', '--out-format',
    '--password-file', '--rsync-path', '--skip-compress', '--modify-window', '--block-size', '--checksum-choice', '--compress-choice',
    '--iconv', '--info', '--debug', '--outbuf', '--sockopts', '--address', '--only-write-batch', '--write-batch', '--read-batch',
  ],
};

export function analyzeRsync(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const p = parseArgs(cmd.argv.slice(1), RSYNC);
  if (has(p, '-n', '--dry-run', '--help', '--version')) return [];
  const deletes = p.opts.filter((o) => o.name.startsWith('--del') || o.name === '--remove-source-files').map((o) => o.name);
  if (!deletes.length || p.operands.length < 2) return [];
  const dest = p.operands.at(-1)!;
  const remote = dest.value === null ? null : /^rsync:\/\/([^/]+)/.exec(dest.value)?.[1] ?? /^(?:[^@/:]+@)?([^/:]+):/.exec(dest.value)?.[1] ?? null;
  const info = remote ? null : classifyWord(dest, ctx, cmd.env);
  return [{
    type: 'file-sync-delete',
    command: cmd.text,
    tool: 'rsync',
    dest: dest.value ?? dest.raw,
    remote: remote ?? '',
    class: remote ? 'remote' : info!.class,
    sensitive: info?.sensitive ?? false,
    flags: deletes,
    onlySources: deletes.every((d) => d === '--remove-source-files'),
    targets: remote ? [{ kind: 'host', value: remote }] : pathTargets([info!]),
  }];
}

export function analyzeTruncate(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const p = parseArgs(cmd.argv.slice(1), { shortValue: 'sr', longs: ['--no-create', '--io-blocks', '--help', '--version'], longValue: ['--size', '--reference'] });
  const size = valueOf(p, '-s', '--size');
  if (size === undefined && valueOf(p, '-r', '--reference') === undefined) return [];
  // Growing (+N) or an explicit non-zero absolute size keeps the data; 0, -N, <N, /N may cut it.
  const shrinks = size === null || size === undefined || /^(0+[KMGTPEZY]?i?B?|[-<\/%].*)$/i.test(size);
  if (!shrinks) return [];
  return p.operands.map((w) => {
    const info = classifyWord(w, ctx, cmd.env);
    return { type: 'file-truncate', command: cmd.text, tool: 'truncate', path: info.path, resolved: info.resolved || info.path, class: info.class, sensitive: info.sensitive, size: size ?? '?', ...projectLoss(info, ctx), targets: pathTargets([info]) };
  });
}

/**
 * A project file cut down loses what git does not have, like any overwrite: nothing when it does
 * not exist yet or git can restore it (`restorable`), its contents when untracked or modified.
 * Left unjudged (no fields) outside the project, when reads are off, or when git cannot answer.
 */
function projectLoss(info: PathInfo, ctx: AnalyzeContext): Record<string, unknown> {
  if (info.class !== 'project' || !canLook(ctx) || !info.resolved.startsWith('/')) return {};
  if (ctx.wasWritten?.(info.resolved)) return { restorable: true };
  try {
    if (fs.lstatSync(info.resolved).isDirectory()) return {};
  } catch {
    return { absent: true };
  }
  const loss = overwriteLoss(info.resolved, ctx);
  return loss ? { ...loss, restorable: loss.lostCount === 0 } : {};
}

export function analyzePermissions(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const prog = cmd.program!;
  const p = parseArgs(cmd.argv.slice(1), { longs: ['--recursive', '--verbose', '--changes', '--silent', '--quiet', '--dereference', '--no-dereference', '--preserve-root', '--no-preserve-root', '--help', '--version'], longValue: ['--reference', '--from'] });
  if (has(p, '--help', '--version')) return [];
  const hasRef = valueOf(p, '--reference') !== undefined;
  // `chmod -R /` (a lone operand) fails for want of a mode, but says where the agent is aiming:
  // judge that path as if a mode had been given rather than let the line pass unexamined.
  const lone = !hasRef && p.operands.length === 1 && /^[/~.*]/.test(p.operands[0]!.value ?? '');
  const spec = hasRef || lone ? null : p.operands[0] ?? null;
  const paths = hasRef || lone ? p.operands : p.operands.slice(1);
  const recursive = has(p, '-R', '--recursive');
  return paths.map((w) => {
    const info = classifyWord(w, ctx, cmd.env);
    return {
      type: 'file-permissions', command: cmd.text, tool: prog, recursive, mode: spec?.value ?? (hasRef ? '(reference)' : '?'),
      path: info.path, resolved: info.resolved || info.path, class: info.class, sensitive: info.sensitive, targets: pathTargets([info]),
    };
  });
}
