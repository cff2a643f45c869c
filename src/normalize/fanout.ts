// xargs and GNU parallel run a command template once per input item. When the items are known
// (`echo / | xargs rm -rf`, `parallel ::: 'rm -rf /'`) the commands are built exactly; when they
// are not, the template gets an unknown trailing word so that what it would run stays unresolved.
import type { Command, Word } from '../types';

const UNKNOWN: Word = { raw: '{input}', value: null };
const MAX_ITEMS = 32;

const XARGS_WITH_VALUE = new Set(['-a', '--arg-file', '-d', '--delimiter', '-E', '-e', '--eof', '-I', '-L', '-l', '--max-lines', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--process-slot-var', '-J', '-R', '-S']);

export interface Fanout {
  /** Commands to judge (argv each); items substituted where known. */
  argvs: Word[][];
  /** The items came from input we cannot see. */
  dynamic: boolean;
}

function lit(v: string): Word {
  return { raw: v, value: v };
}

/** Replace `repl` inside each word of the template with the item (unknown item: the word becomes unknown). */
function substitute(template: Word[], repl: string, item: string | null): Word[] {
  return template.map((w) => {
    if (w.value === null || !w.value.includes(repl)) return w;
    return item === null ? { raw: w.raw, value: null } : { raw: w.raw, value: w.value.split(repl).join(item) };
  });
}

function build(template: Word[], repl: string | null, items: string[] | null, perItem: boolean): Fanout {
  if (!template.length) template = [lit('echo')];
  if (items === null) {
    return { argvs: [repl ? substitute(template, repl, null) : [...template, UNKNOWN]], dynamic: true };
  }
  // No items: GNU xargs (without -r) still runs the command once, bare; an empty `parallel CMD :::`
  // is judged the same way rather than as nothing.
  if (!items.length && !repl) return { argvs: [template], dynamic: false };
  const list = items.slice(0, MAX_ITEMS);
  if (repl) return { argvs: list.map((it) => substitute(template, repl, it)), dynamic: false };
  if (perItem) return { argvs: list.map((it) => [...template, lit(it)]), dynamic: false };
  return { argvs: [[...template, ...list.map(lit)]], dynamic: false };
}

export function xargsFanout(cmd: Command, stdin: string | null, readFile: (p: string) => string | null): Fanout {
  const args = cmd.argv.slice(1);
  let repl: string | null = null;
  let delim: 'space' | 'line' | 'nul' = 'space';
  let argFile: string | null | undefined;
  let perItem = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === null) return { argvs: [[UNKNOWN]], dynamic: true };
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const next = () => args[++i]?.value ?? null;
    if (a === '-I' || a === '-J') repl = next() ?? '{}';
    else if (a.startsWith('-I')) repl = a.slice(2);
    else if (a === '-i' || a === '--replace') repl = '{}';
    else if (a.startsWith('-i')) repl = a.slice(2);
    else if (a.startsWith('--replace=')) repl = a.slice(10) || '{}';
    else if (a === '-0' || a === '--null') delim = 'nul';
    else if (a === '-d' || a === '--delimiter') delim = next() === '\\n' ? 'line' : 'space';
    else if (a === '-a' || a === '--arg-file') argFile = next();
    else if (a === '-n' || a === '-L' || a === '-l') {
      perItem = next() === '1';
      if (a !== '-n') delim = 'line';
    } else if (XARGS_WITH_VALUE.has(a)) next();
  }
  if (repl) delim = 'line';
  let text: string | null = stdin;
  if (argFile !== undefined) text = argFile === null ? null : readFile(argFile);
  return build(args.slice(i), repl, text === null ? null : split(text, delim), perItem);
}

function split(text: string, delim: 'space' | 'line' | 'nul'): string[] {
  if (delim === 'nul') return text.split('\0').filter(Boolean);
  if (delim === 'line') return text.split('\n').filter((l) => l.trim() !== '');
  // xargs's default: blanks and newlines separate items; quotes group (approximated).
  return (text.match(/'[^']*'|"[^"]*"|\S+/g) ?? []).map((t) => t.replace(/^(['"])(.*)\1$/, '$2'));
}

const PARALLEL_WITH_VALUE = new Set(['-j', '--jobs', '-S', '--sshlogin', '--joblog', '--results', '--delay', '--timeout', '-n', '--max-args', '-N', '--colsep', '-C', '-d', '--delimiter', '--tmpdir', '--workdir', '--env']);

/**
 * GNU parallel: `parallel CMD ::: a b`, `parallel ::: 'cmd1' 'cmd2'`, items on stdin, `{}` markers.
 * With no CMD the items themselves are command lines (returned as `lines`).
 */
export function parallelFanout(cmd: Command, stdin: string | null): Fanout & { lines: (string | null)[] } {
  const args = cmd.argv.slice(1);
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === null || !a.startsWith('-') || a === ':::' || a === '::::') break;
    if (PARALLEL_WITH_VALUE.has(a)) i++;
  }
  const rest = args.slice(i);
  const sep = rest.findIndex((w) => w.value === ':::' || w.value === '::::');
  const template = sep >= 0 ? rest.slice(0, sep) : rest;
  let items: string[] | null;
  if (sep >= 0) {
    const vals = rest.slice(sep + 1).filter((w) => w.value !== ':::' && w.value !== '::::');
    items = vals.some((w) => w.value === null) ? null : vals.map((w) => w.value!);
  } else items = stdin === null ? null : stdin.split('\n').filter((l) => l.trim() !== '');
  if (!template.length) return { argvs: [], dynamic: items === null, lines: items === null ? [null] : items.slice(0, MAX_ITEMS) };
  const repl = template.some((w) => w.value?.includes('{}')) ? '{}' : null;
  return { ...build(template, repl, items, true), lines: [] };
}
