// rm / unlink / shred / srm, and `mv x /dev/null`: one file-delete fact per operand.
import type { Command, Fact, Word } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, parseArgs } from './args';
import { classifyWord, pathTargets, type PathInfo } from './paths';
import * as fs from 'node:fs';
import { canLook, judgeRmLoss } from './loss';
import { homeFilesLost } from './home-files';

const RM = {
  longs: ['--recursive', '--force', '--dir', '--verbose', '--one-file-system', '--no-preserve-root', '--preserve-root', '--interactive', '--help', '--version'],
};
const SHRED = { shortValue: 'ns', longs: ['--remove', '--zero', '--exact', '--force', '--verbose', '--help', '--version'], longValue: ['--iterations', '--size', '--random-source'] };

export function deleteFact(cmd: Command, tool: string, info: PathInfo, extra: Record<string, unknown>): Fact {
  return {
    type: 'file-delete',
    command: cmd.text,
    tool,
    path: info.path,
    resolved: info.resolved || info.path,
    class: info.class,
    sensitive: info.sensitive,
    glob: info.glob,
    recursive: false,
    ...extra,
    targets: pathTargets([info]),
  };
}

/** Operands of a command fed by xargs / parallel: unknown, as is everything they add. */
function dynamicOperand(cmd: Command, words: Word[]): Word[] {
  // parallel CMD ::: a b: the inputs are right there on the line.
  const sep = words.findIndex((w) => w.value === ':::');
  if (cmd.via.at(-1) === 'parallel' && sep >= 0) return words.filter((w) => w.value !== ':::' && w.value !== '{}' && w.value !== '{1}');
  // Under find -exec sh -c '... {}' the braces are find's results, not a file named {}.
  if (cmd.via.includes('find -exec')) words = words.map((w) => (w.value?.includes('{}') ? { raw: w.raw, value: null } : w));
  return cmd.dynamicTail ? [...words, inputWord(cmd)] : words;
}

/** The operands xargs / parallel add from their input: unknown names, marked so rules can say so. */
const INPUT_WORDS = new WeakSet<Word>();
function inputWord(cmd: Command): Word {
  const w: Word = { raw: '(input of ' + (cmd.via.at(-1) ?? 'xargs') + ')', value: null };
  INPUT_WORDS.add(w);
  return w;
}
const fromInput = (w: Word) => (INPUT_WORDS.has(w) ? { fromInput: true } : {});

export function analyzeRm(cmd: Command, ctx: AnalyzeContext): Fact[] {
  // find -exec rm {} is judged by the find analyzer, which knows where {} comes from.
  if (cmd.via.at(-1) === 'find -exec') return [];
  const prog = cmd.program!;
  const args = cmd.argv.slice(1);
  if (prog === 'unlink') {
    return args.filter((w) => w.value !== '--').slice(0, 1).map((w) => {
      const f = deleteFact(cmd, 'unlink', classifyWord(w, ctx, cmd.env), {});
      const home = homeFilesLost(f, ctx);
      if (home) f.homeFiles = home;
      return f;
    });
  }
  if (prog === 'shred' || prog === 'wipe') {
    const p = parseArgs(args, SHRED);
    if (has(p, '--help', '--version')) return [];
    return dynamicOperand(cmd, p.operands).map((w) => deleteFact(cmd, prog, classifyWord(w, ctx, cmd.env), { secure: true, force: true, ...fromInput(w) }));
  }
  const p = parseArgs(args, RM);
  if (has(p, '--help', '--version')) return [];
  const recursive = has(p, '-r', '-R', '--recursive');
  const force = has(p, '-f', '--force');
  const secure = prog === 'srm';
  const operands = dynamicOperand(cmd, p.operands);
  return operands.map((w) => {
    const f = deleteFact(cmd, prog, classifyWord(w, ctx, cmd.env), { recursive, force, secure, noPreserveRoot: has(p, '--no-preserve-root'), ...fromInput(w) });
    if (!secure) judgeRmLoss(f, ctx);
    const home = homeFilesLost(f, ctx);
    if (home) f.homeFiles = home;
    if (absentNow(cmd, f, w, ctx)) f.absent = true;
    return f;
  });
}

/**
 * A literal path in the user's own home that does not exist, on a line where nothing before the
 * rm could have created or moved anything there: the rm deletes nothing. Only inside HOME (never
 * the home itself, /, a system directory or another user's home), where the checker sees what the
 * agent's user sees; elsewhere a path missing now may be a mount, a volume or another machine's
 * path by the time it runs. Only when the shell walker vouches for what ran before (a nested
 * line or a fed command cannot say).
 */
function absentNow(cmd: Command, f: Fact, w: Word, ctx: AnalyzeContext): boolean {
  if (f.class !== 'outside' || f.glob || f.fromInput || f.remote || cmd.afterWrites !== false || w.value === null || !canLook(ctx)) return false;
  if (cmd.via.some((v) => !/^(sudo|doas|env|nohup|nice|time|timeout|command|exec|builtin|stdbuf|ionice)$/.test(v))) return false;
  const p = String(f.resolved);
  const home = ctx.env.HOME?.replace(/\/+$/, '');
  if (!home || !home.startsWith('/') || !p.startsWith(home + '/')) return false;
  // A HOME that is not there is not the home the command will run with: nothing can be seen.
  try {
    if (!fs.statSync(home).isDirectory()) return false;
  } catch {
    return false;
  }
  try {
    fs.lstatSync(p);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** mv SRC... /dev/null: the sources are gone (and as root, /dev/null itself is replaced). */
export function analyzeMv(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const p = parseArgs(cmd.argv.slice(1), { shortValue: 'tS', longValue: ['--target-directory', '--suffix', '--backup'] });
  const target = p.opts.find((o) => o.name === '-t' || o.name === '--target-directory')?.value ?? p.operands.at(-1)?.value;
  const sources = p.opts.some((o) => o.name === '-t' || o.name === '--target-directory') ? p.operands : p.operands.slice(0, -1);
  // `mv file1 /dev/null dir/`: the device node itself is moved away (as root, the system loses it).
  const moved = sources.filter((w) => w.value === '/dev/null');
  if (target !== '/dev/null') return moved.map((w) => deleteFact(cmd, 'mv', classifyWord(w, ctx, cmd.env), { recursive: false, force: true, toDevNull: false }));
  return sources.map((w) => deleteFact(cmd, 'mv', classifyWord(w, ctx, cmd.env), { recursive: true, force: true, toDevNull: true }));
}
