// find ... -delete / -exec rm {}: everything under the start paths that the filters pick is
// deleted, so each start path is judged like a recursive rm of it.
import type { Command, Fact, Word } from '../../types';
import type { AnalyzeContext } from '../types';
import { classifyWord } from './paths';
import { deleteFact } from './rm';
import { parseFindPlan } from './find-walk';
import { judgeFindLoss } from './loss';

/** Primaries that consume the next argument (so `-name -delete` is a name, not an action). */
const WITH_ARG = new Set([
  '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname', '-type', '-xtype',
  '-size', '-perm', '-user', '-group', '-uid', '-gid', '-inum', '-samefile', '-newer', '-anewer', '-cnewer', '-mtime', '-atime',
  '-ctime', '-mmin', '-amin', '-cmin', '-used', '-links', '-maxdepth', '-mindepth', '-fstype', '-printf', '-fprint', '-fprint0',
  '-fls', '-context', '-files0-from', '-regextype', '-D', '-O', '-since', '-until',
]);
const EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);
const DELETERS = new Set(['rm', 'unlink', 'shred', 'srm', 'wipe']);
const PASS_THROUGH = new Set(['env', 'sudo', 'doas', 'command', 'builtin', 'busybox', 'nice', 'nohup', 'time', 'ionice', 'xargs']);

/** The program an -exec runs, looking through env/sudo/command wrappers; "?" when unknowable. */
function execProgram(words: Word[]): { program: string; recursive: boolean } {
  let k = 0;
  while (k < words.length) {
    const v = words[k]!.value;
    if (v === null) return { program: '?', recursive: true };
    const base = v.replace(/^.*\//, '');
    if (PASS_THROUGH.has(base) || v.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      k++;
      continue;
    }
    const rest = words.slice(k + 1).map((w) => w.value ?? '');
    return { program: base, recursive: rest.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || /^--rec/.test(a)) };
  }
  return { program: '', recursive: false };
}

export function analyzeFind(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const args = cmd.argv.slice(1);
  let i = 0;
  const starts: Word[] = [];
  let followsLinks = false;
  // Leading options: -H -L -P, -D opts, -O3; BSD -f PATH, -E -X -d -s -x.
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '-f' && args[i + 1]) {
      starts.push(args[++i]!);
      continue;
    }
    if (v === '-D') {
      i++;
      continue;
    }
    if (v !== null && /^-([HLPEXdsx]|O\d)$/.test(v)) {
      // -L follows symbolic links everywhere; -P (the default) / -H turn that off again.
      if (v === '-L') followsLinks = true;
      else if (v === '-P' || v === '-H') followsLinks = false;
      continue;
    }
    break;
  }
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v !== null && (v.startsWith('-') || v === '(' || v === '!' || v === ',')) break;
    starts.push(args[i]!);
  }
  const exprStart = i;
  let action: string | null = null;
  let execRecursive = false;
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) continue;
    if (WITH_ARG.has(v) || /^-newer[aBcmt][aBcmtt]$/.test(v)) {
      i++;
      continue;
    }
    if (v === '-delete') action = action ?? '-delete';
    if (v === '-follow') followsLinks = true;
    if (EXEC.has(v)) {
      const inner: Word[] = [];
      let j = i + 1;
      for (; j < args.length && args[j]!.value !== ';' && args[j]!.value !== '+'; j++) inner.push(args[j]!);
      const ex = execProgram(inner);
      if (DELETERS.has(ex.program) || ex.program === '?') {
        action = `${v} ${ex.program}`;
        execRecursive = execRecursive || ex.recursive;
      }
      i = j;
    }
  }
  if (!action) return [];
  if (!starts.length) starts.push({ raw: '.', value: '.' });
  if (cmd.dynamicTail) starts.push({ raw: '(input of xargs)', value: null });
  const facts = starts.map((w) => deleteFact(cmd, 'find', classifyWord(w, ctx, cmd.env), { recursive: true, force: true, findAction: action, execRecursive, followsLinks }));
  // What the filters pick, when the start is a directory we can walk and the -exec is a plain rm.
  if (!followsLinks && !cmd.dynamicTail && !action.endsWith(' ?')) {
    const plan = parseFindPlan(args.slice(exprStart), execRecursive);
    for (const f of facts) judgeFindLoss(f, plan, ctx);
  }
  return facts;
}
