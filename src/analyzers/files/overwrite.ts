// Overwriting is destroying: `> file`, `tee file`, `cp /dev/null file`, `dd of=file`, `mv` onto a
// file, `tar -x -C /` replace what was there. One `file-overwrite` fact per existing file written
// (or per directory unpacked into), with its class; `file-move` for mv of a whole home, system or
// project directory. Inside the project an overwrite is judged by what it loses: an existing file
// whose contents git does not have (untracked, or modified since the last commit) replaced by mv,
// cp or dd, or emptied (`cp /dev/null`, `> f`, `: > f`), gets a fact with `lostCount`; one git can
// restore, build output and temp files get none. A redirect or tee writing content into a project
// file is the agent writing that file and is not judged here (rulesets/files.yaml has the data-file
// redirect rule).
import * as fs from 'node:fs';
import type { Command, Fact, Word } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, parseArgs } from './args';
import { cwdsOf } from './cwd';
import { classifyWord, homeOf, pathTargets, type PathInfo } from './paths';
import { canLook, overwriteLoss } from './loss';

/** Files whose every write changes who may log in or run as root: even an append counts. */
const CRITICAL = /(^|\/)(\.ssh\/authorized_keys2?|etc\/(passwd|shadow|group|gshadow|sudoers|sudoers\.d\/[^/]+|hosts))$/;
const DEVICE = /^\/dev\//;
const OUTSIDE: PathInfo['class'][] = ['root', 'home', 'system', 'outside', 'unknown', 'git-dir'];

function exists(info: PathInfo, ctx: AnalyzeContext): boolean {
  // Cannot look (reads off, an unknown HOME): assume there is something there.
  if (ctx.noFileReads || !info.resolved || (info.resolved.startsWith('~') && !ctx.env.HOME)) return true;
  const p = info.resolved.startsWith('~') ? homeOf(ctx) + info.resolved.slice(1) : info.resolved;
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** A HOME under /tmp is still someone's home: its files are not scratch space. */
function homeIsHome(info: PathInfo, ctx: AnalyzeContext): PathInfo {
  const home = homeOf(ctx);
  if (info.class !== 'temp' || !info.resolved.startsWith(home + '/')) return info;
  const project = ctx.cwd.replace(/\/+$/, '');
  return info.resolved === project || info.resolved.startsWith(project + '/') ? info : { ...info, class: 'outside' };
}

/**
 * An existing file of the project replaced: what git cannot give back (`lostCount`, `lost`), or
 * `lossUnknown` outside a work tree. null when nothing is lost (absent, restorable, regenerable).
 */
function projectOverwrite(cmd: Command, ctx: AnalyzeContext, info: PathInfo, tool: string, extra: Record<string, unknown> = {}): Fact | null {
  if (info.class !== 'project' || cmd.remote || !info.resolved.startsWith('/')) return null;
  if (!canLook(ctx)) return { type: 'file-overwrite', command: cmd.text, tool, path: info.path, resolved: info.resolved, class: info.class, sensitive: info.sensitive, critical: false, append: false, ...extra, lossUnknown: true, targets: [] };
  if (!exists(info, ctx)) return null;
  // Writing into an existing directory creates a file inside it; a directory is never emptied.
  if (isDir(info.resolved, ctx)) return null;
  // A redirect or tee of this line wrote it (the engine records those before judging): what it holds
  // then is the line's own output. A redirect's or tee's own target is always among them, so for those
  // two the record says nothing.
  if (tool !== 'tee' && !/^[>&]/.test(tool) && ctx.wasWritten?.(info.resolved)) return null;
  const loss = overwriteLoss(info.resolved, ctx);
  if (loss && loss.lostCount === 0) return null;
  return {
    type: 'file-overwrite', command: cmd.text, tool, path: info.path, resolved: info.resolved, class: info.class,
    sensitive: info.sensitive, critical: false, append: false, ...extra, ...(loss ? loss : { lossUnknown: true }), targets: [],
  };
}

function overwrite(cmd: Command, ctx: AnalyzeContext, w: Word, tool: string, append: boolean): Fact | null {
  if (w.value === null || DEVICE.test(w.value)) return null;
  const info = homeIsHome(classifyWord(w, ctx, cmd.env), ctx);
  const critical = CRITICAL.test(info.resolved);
  if (append && !critical) return null;
  if (!critical && info.class === 'project') {
    // Inside the project a redirect or tee that writes content is the agent authoring that file
    // (`cat > test_repro.py <<EOF`, again and again): not asked. One that only empties it
    // (`> f`, `: > f`, `cat /dev/null > f`) destroys what is there like truncate does.
    if ((tool === 'tee' || /^[>&]/.test(tool)) && !emptiesOnly(cmd)) return null;
    return projectOverwrite(cmd, ctx, info, tool === 'tee' || /^[>&]/.test(tool) ? `${tool} (empties it)` : tool, tool === 'tee' ? {} : { emptied: true });
  }
  if (!critical && !OUTSIDE.includes(info.class)) return null;
  if (info.class === 'unknown') return null; // an unknown target is judged by the unknown-path rules
  if (!critical && !exists(info, ctx)) return null;
  return {
    type: 'file-overwrite', command: cmd.text, tool, path: info.path, resolved: info.resolved || info.path, class: info.class,
    sensitive: info.sensitive, critical, append, targets: pathTargets([info]),
  };
}

/** A command whose output is nothing: its `>` redirect only empties the file. */
function emptiesOnly(cmd: Command): boolean {
  const args = cmd.argv.slice(1).map((w) => w.value);
  if (cmd.program === ':' || cmd.program === 'true' || cmd.program === 'false') return true;
  if (cmd.program === 'cat' && args.length > 0 && args.every((a) => a === '/dev/null')) return true;
  return (cmd.program === 'echo' && args.length === 1 && args[0] === '-n') || (cmd.program === 'printf' && args.length === 1 && args[0] === '');
}

/** `>`, `>|`, `&>` (and, for login and sudo files, `>>`) redirects of any command. */
export function redirectOverwrites(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const out: Fact[] = [];
  for (const r of cmd.redirects) {
    if (!/^(>|>\||&>|>>|&>>)$/.test(r.op) || !r.target) continue;
    if (r.fd !== null && r.fd !== 1 && r.fd !== 2) continue;
    const f = overwrite(cmd, ctx, r.target, r.op, r.op.endsWith('>>'));
    if (f) out.push(f);
  }
  return out;
}

export function analyzeTee(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const p = parseArgs(cmd.argv.slice(1), { longs: ['--append', '--ignore-interrupts', '--output-error', '--help', '--version'] });
  if (has(p, '--help', '--version')) return [];
  const append = has(p, '-a', '--append');
  return p.operands.map((w) => overwrite(cmd, ctx, w, 'tee', append)).filter((f): f is Fact => f !== null);
}

export function analyzeCp(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const p = parseArgs(cmd.argv.slice(1), { shortValue: 'tS', longValue: ['--target-directory', '--suffix', '--backup', '--sparse', '--reflink', '--preserve', '--no-preserve'] });
  if (has(p, '-n', '--no-clobber', '--help', '--version')) return [];
  const target = p.opts.find((o) => o.name === '-t' || o.name === '--target-directory');
  const dest = target ? { raw: target.value ?? '', value: target.value } : p.operands.at(-1);
  const sources = target ? p.operands : p.operands.slice(0, -1);
  if (!dest || !sources.length) return [];
  // `cp /dev/null FILE` empties FILE wherever it is; other copies only matter outside the project.
  const f = overwrite(cmd, ctx, dest, 'cp', false);
  if (sources.some((s) => s.value === '/dev/null') && dest.value && !DEVICE.test(dest.value)) {
    const info = homeIsHome(classifyWord(dest, ctx, cmd.env), ctx);
    if (info.class === 'project') {
      const p = projectOverwrite(cmd, ctx, info, 'cp /dev/null', { emptied: true });
      return p ? [p] : [];
    }
    if (info.class !== 'temp' && info.class !== 'build' && exists(info, ctx)) {
      return [{ type: 'file-overwrite', command: cmd.text, tool: 'cp /dev/null', path: info.path, resolved: info.resolved || info.path, class: info.class, sensitive: info.sensitive, critical: CRITICAL.test(info.resolved), append: false, emptied: true, targets: pathTargets([info]) }];
    }
  }
  // Copying into an existing directory writes inside it: only a file destination is overwritten here.
  if (f && isDir(String(f.resolved), ctx)) return [];
  return f ? [f] : [];
}

function isDir(p: string, ctx: AnalyzeContext): boolean {
  try {
    return fs.statSync(p.startsWith('~') ? homeOf(ctx) + p.slice(1) : p).isDirectory();
  } catch {
    return false;
  }
}

export function analyzeDdFile(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const of = cmd.argv.slice(1).find((w) => (w.value ?? w.raw).startsWith('of='));
  if (!of || of.value === null) return [];
  if (cmd.argv.some((w) => /^conv=.*notrunc/.test(w.value ?? ''))) return [];
  const f = overwrite(cmd, ctx, { raw: of.raw.slice(3), value: of.value.slice(3) }, 'dd', false);
  return f ? [f] : [];
}

/** mv SRC DEST: DEST replaced when it is an existing file; a home, system or project directory moved away. */
export function analyzeMvOverwrite(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const p = parseArgs(cmd.argv.slice(1), { shortValue: 'tS', longValue: ['--target-directory', '--suffix', '--backup'] });
  if (has(p, '-n', '--no-clobber', '--help', '--version')) return [];
  const target = p.opts.find((o) => o.name === '-t' || o.name === '--target-directory');
  const sources = target ? p.operands : p.operands.slice(0, -1);
  const dest = target ? { raw: target.value ?? '', value: target.value } : p.operands.at(-1);
  const out: Fact[] = [];
  for (const s of sources) {
    if (s.value === '/dev/null') continue;
    const info = classifyWord(s, ctx, cmd.env);
    if (['root', 'home', 'system', 'project-root'].includes(info.class) && !info.glob) {
      out.push({ type: 'file-move', command: cmd.text, tool: 'mv', path: info.path, resolved: info.resolved || info.path, class: info.class, targets: pathTargets([info]) });
    }
  }
  if (dest && dest.value !== '/dev/null' && sources.length) {
    const f = overwrite(cmd, ctx, dest, 'mv', false);
    if (f && !isDir(String(f.resolved), ctx)) out.push(f);
  }
  return out;
}

/** tar -x -C DIR (or into the cwd): files of the archive replace what is there. */
export function analyzeTarExtract(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const args = cmd.argv.slice(1);
  const first = args[0]?.value ?? '';
  const extract = /^-?[A-Za-z]*x/.test(first) && !first.startsWith('--') || args.some((w) => w.value === '--extract' || w.value === '--get' || /^-[A-Za-z]*x[A-Za-z]*$/.test(w.value ?? ''));
  if (!extract) return [];
  if (args.some((w) => w.value === '-O' || w.value === '--to-stdout' || w.value === '--keep-old-files' || w.value === '-k' || w.value === '--skip-old-files')) return [];
  let dir: Word | undefined;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value ?? '';
    if (v === '-C' || v === '--directory') dir = args[i + 1];
    else if (v.startsWith('--directory=')) dir = { raw: v.slice(12), value: v.slice(12) };
    else if (/^-C./.test(v)) dir = { raw: v.slice(2), value: v.slice(2) };
  }
  const where = dir ?? (cwdsOf(ctx).length === 1 && cwdsOf(ctx)[0] ? { raw: '.', value: '.' } : undefined);
  if (!where || where.value === null) return [];
  const info = classifyWord(where, ctx, cmd.env);
  if (!['root', 'home', 'system'].includes(info.class)) return [];
  // The temp roots are classed as system directories (deleting /tmp is), but unpacking into them
  // replaces nothing anyone keeps.
  if (info.class === 'system' && /^\/(private\/)?(var\/)?tmp(\/|$)/.test(info.resolved || info.path)) return [];
  return [{ type: 'file-overwrite', command: cmd.text, tool: 'tar -x', path: info.path, resolved: info.resolved || info.path, class: info.class, sensitive: info.sensitive, critical: false, append: false, unpack: true, targets: pathTargets([info]) }];
}
