// What a few bash builtins and keywords do to the command the walker emits: `coproc` runs the
// command after it, `read`/`mapfile`/`printf -v`/`getopts` give variables run-time values.
import type { Command, Word } from '../types';
import type { Scope } from './scope';

/**
 * `coproc rm -rf /`, `coproc NAME { cmd; }`: the coprocess is the command after the keyword
 * (tree-sitter reads `coproc` as a program and leaves `{` among the words).
 */
export function coprocBody(argv: Word[]): void {
  if (argv[0]?.value !== 'coproc' || argv.length < 2) return;
  let drop = 1;
  const open = (w: Word | undefined) => w?.value === '{' || w?.value === '(';
  if (open(argv[1])) drop = 2;
  else if (open(argv[2]) && /^[A-Za-z_]\w*$/.test(argv[1]!.value ?? '')) drop = 3;
  argv.splice(0, drop);
  const end = argv.at(-1)?.value;
  if (end === ')' || end === '}') argv.pop();
}

/**
 * `read c`, `mapfile -t lines`, `printf -v v …`, `getopts o name`: the variables get values known
 * only at run time (`read -r c <<< "rm -rf /"; $c` must not pass as an empty program).
 */
export function readsIntoVariables(cmd: Command, scope: Scope): void {
  const args = cmd.argv.slice(1).map((w) => w.value);
  const names: string[] = [];
  const isName = (a: string | null): a is string => a !== null && /^[A-Za-z_]\w*$/.test(a);
  if (cmd.program === 'read') names.push(...args.filter((a, i): a is string => isName(a) && !/^-[adinNpstu]$/.test(args[i - 1] ?? '')), 'REPLY');
  else if (cmd.program === 'mapfile' || cmd.program === 'readarray') names.push(args.filter(isName).pop() ?? 'MAPFILE');
  else if (cmd.program === 'printf' && args[0] === '-v' && args[1]) names.push(args[1]);
  else if (cmd.program === 'getopts' && typeof args[1] === 'string') names.push(args[1], 'OPTARG');
  for (const n of names) scope.set(n, null);
}
