// Shell completions (bash, zsh, fish) and the man page, generated from the commander definitions
// themselves, so a new subcommand or option appears in all of them without a second list.
import type { Command as Program } from 'commander';

export interface OptionSpec {
  flags: string;
  long?: string;
  short?: string;
  description: string;
  takesValue: boolean;
}
export interface CommandSpec {
  name: string;
  description: string;
  usage: string;
  options: OptionSpec[];
  /** Fixed choices of the first argument, when its description lists them (`bash | zsh`). */
  choices: string[];
  commands: CommandSpec[];
}

type Cmd = Program & { registeredArguments?: readonly { description: string; name(): string }[] };

/** The visible commands and options of a commander program, as plain data. */
export function describeProgram(program: Program): CommandSpec {
  const walk = (c: Cmd): CommandSpec => {
    const visible = c.commands.filter((s) => !(s as unknown as { _hidden?: boolean })._hidden && s.name() !== 'help') as Cmd[];
    const first = c.registeredArguments?.[0];
    const choices = first && /^[\w-]+( \| [\w-]+)+$/.test(first.description) ? first.description.split(' | ') : [];
    return {
      name: c.name(),
      description: c.description(),
      usage: c.usage(),
      options: c.options
        .filter((o) => !(o as unknown as { hidden?: boolean }).hidden)
        .map((o) => ({ flags: o.flags, long: o.long, short: o.short, description: o.description, takesValue: o.required || o.optional })),
      choices,
      commands: visible.map(walk),
    };
  };
  return walk(program as Cmd);
}

const words = (spec: CommandSpec): string[] => [...spec.commands.map((c) => c.name), ...spec.options.flatMap((o) => [o.long, o.short].filter((x): x is string => !!x))];

export function bashCompletion(spec: CommandSpec): string {
  const cases = spec.commands
    .map((c) => `    ${c.name}) opts=${JSON.stringify([...words(c), ...c.choices].join(' '))} ;;`)
    .join('\n');
  const nested = spec.commands
    .flatMap((c) => c.commands.map((s) => `    "${c.name} ${s.name}") opts=${JSON.stringify(words(s).join(' '))} ;;`))
    .join('\n');
  return `# bash completion for airlock (generated: airlock completion bash)
# Install: airlock completion bash > ~/.local/share/bash-completion/completions/airlock
_airlock() {
  local cur=\${COMP_WORDS[COMP_CWORD]} opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    opts=${JSON.stringify(words(spec).join(' '))}
  else
    case "\${COMP_WORDS[1]} \${COMP_WORDS[2]}" in
${nested}
    *)
      case "\${COMP_WORDS[1]}" in
${cases.replace(/^ {4}/gm, '      ')}
      *) opts="" ;;
      esac ;;
    esac
  fi
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  [ \${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=($(compgen -f -- "$cur"))
  return 0
}
complete -F _airlock airlock
`;
}

const zq = (s: string): string => s.replace(/\\/g, '\\\\').replace(/'/g, "'\\''").replace(/:/g, '\\:').replace(/\[/g, '\\[').replace(/\]/g, '\\]');

export function zshCompletion(spec: CommandSpec): string {
  const optionSpecs = (c: CommandSpec) =>
    c.options.map((o) => {
      const names = [o.short, o.long].filter(Boolean) as string[];
      const group = names.length > 1 ? `'(${names.join(' ')})'{${names.join(',')}}` : `'${names[0]}`;
      const tail = `[${zq(o.description)}]${o.takesValue ? ':value:_files' : ''}'`;
      return names.length > 1 ? `${group}'${tail}` : `${group}${tail}`;
    });
  const described = (cs: CommandSpec[]) => cs.map((c) => `'${c.name}:${zq(c.description.split('\n')[0] ?? '')}'`).join(' ');
  const fn = (c: CommandSpec, path: string): string => {
    const name = `_airlock${path.replace(/[^A-Za-z0-9]+/g, '_')}`;
    const opts = optionSpecs(c).map((s) => `    ${s} \\`).join('\n');
    if (c.commands.length) {
      const subs = c.commands.map((s) => `      ${s.name}) ${name}_${s.name.replace(/[^A-Za-z0-9]+/g, '_')} ;;`).join('\n');
      return `${name}() {
  local -a cmds
  cmds=(${described(c.commands)})
  _arguments -C \\
${opts}
    '1: :->cmd' '*:: :->args'
  case $state in
    cmd) _describe command cmds ;;
    args)
      case $words[1] in
${subs}
      esac ;;
  esac
}
${c.commands.map((s) => fn(s, `${path}_${s.name}`)).join('\n')}`;
    }
    const arg = c.choices.length ? `'1:${c.name}:(${c.choices.join(' ')})'` : "'*:file:_files'";
    return `${name}() {
  _arguments \\
${opts}
    ${arg}
}`;
  };
  return `#compdef airlock
# zsh completion for airlock (generated: airlock completion zsh)
# Install: airlock completion zsh > "\${fpath[1]}/_airlock" (then restart zsh)
${fn(spec, '')}
compdef _airlock airlock
`;
}

const fq = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function fishCompletion(spec: CommandSpec): string {
  const out = ['# fish completion for airlock (generated: airlock completion fish)', '# Install: airlock completion fish > ~/.config/fish/completions/airlock.fish', 'complete -c airlock -f'];
  const top = spec.commands.map((c) => c.name).join(' ');
  const opt = (o: OptionSpec, cond: string) => {
    const parts = [`complete -c airlock -n ${fq(cond)}`];
    if (o.short) parts.push(`-s ${o.short.replace(/^-/, '')}`);
    if (o.long) parts.push(`-l ${o.long.replace(/^--/, '')}`);
    if (o.takesValue) parts.push('-r');
    parts.push(`-d ${fq(o.description)}`);
    return parts.join(' ');
  };
  for (const o of spec.options) out.push(opt(o, '__fish_use_subcommand'));
  for (const c of spec.commands) {
    out.push(`complete -c airlock -n ${fq(`not __fish_seen_subcommand_from ${top}`)} -a ${c.name} -d ${fq(c.description.split('\n')[0] ?? '')}`);
    const inC = `__fish_seen_subcommand_from ${c.name}`;
    for (const o of c.options) out.push(opt(o, inC));
    if (c.choices.length) out.push(`complete -c airlock -n ${fq(inC)} -a ${fq(c.choices.join(' '))}`);
    const subs = c.commands.map((s) => s.name).join(' ');
    for (const s of c.commands) {
      out.push(`complete -c airlock -n ${fq(`${inC}; and not __fish_seen_subcommand_from ${subs}`)} -a ${s.name} -d ${fq(s.description.split('\n')[0] ?? '')}`);
      for (const o of s.options) out.push(opt(o, `${inC}; and __fish_seen_subcommand_from ${s.name}`));
    }
  }
  return out.join('\n') + '\n';
}

/** Exit statuses of every subcommand: the one table, shared by the man page and the README. */
export const EXIT_CODES: [string, string][] = [
  ['0', 'success; `check`: allow; `hook`: no opinion; output closed by its reader'],
  ['1', '`check`: confirm (a human must approve); `rules list|show|lint|test`: errors, unknown rule or a failing example; `doctor`: a problem found; `log --verify`: the hash chain is broken; `install`/`uninstall`: failed; `shims list`: no shims'],
  ['2', '`check`: deny; usage errors (unknown option or subcommand, missing argument, bad `--since`/`--limit`); `hook`: block (the harness deny form, for harnesses that read exit 2)'],
  ['70', 'internal error (a bug: nothing was run)'],
  ['126', 'as the shell (`airlock -c`, a script) or a shim: the command was blocked and not run'],
  ['127', 'as the shell or a shim: the script or real program was not found'],
  ['other', 'as the shell or a shim: the exit status of the command itself (128+N when it died of signal N)'],
];

const roff = (s: string): string => s.replace(/\\/g, '\\e').replace(/^([.'])/gm, '\\&$1').replace(/-/g, '\\-').replace(/`([^`]+)`/g, '\\fB$1\\fR');

export function manPage(spec: CommandSpec, version: string, date = new Date().toISOString().slice(0, 10)): string {
  const out: string[] = [];
  out.push(`.TH AIRLOCK 1 "${date}" "airlock ${version}" "User Commands"`);
  out.push('.SH NAME', 'airlock \\- ' + roff(spec.description.split('\n')[0] ?? ''));
  out.push('.SH SYNOPSIS', '.B airlock', '\\fIcommand\\fR [\\fIoptions\\fR] [\\fIargs\\fR]', '.br', '.B airlock', '\\-c \\fIcommand-line\\fR [\\fIname\\fR [\\fIargs\\fR...]]', '.br', '.B airlock', '\\fIscript\\fR [\\fIargs\\fR...]');
  out.push('.SH DESCRIPTION', spec.description.split('\n\n').map(roff).join('\n.PP\n'));
  out.push('.PP', 'Invoked with bash\'s own options or a script, airlock is the agent\'s shell: every command line is checked first, and runs untouched unless it would destroy something, in which case it waits for a human running \\fBairlock approver\\fR in a separate terminal.');
  out.push('.SH OPTIONS');
  for (const o of spec.options) out.push('.TP', `.B ${roff(o.flags)}`, roff(o.description));
  out.push('.SH COMMANDS');
  const cmd = (c: CommandSpec, prefix: string) => {
    out.push('.TP', `.B ${roff(`${prefix}${c.name}`)} ${roff(c.usage.replace(/^\[options\] ?/, c.options.length ? '[options] ' : ''))}`, roff(c.description));
    for (const o of c.options) out.push('.RS', '.TP', `.B ${roff(o.flags)}`, roff(o.description), '.RE');
  };
  for (const c of spec.commands) {
    cmd(c, '');
    for (const s of c.commands) cmd(s, `${c.name} `);
  }
  out.push('.SH EXIT STATUS');
  for (const [code, what] of EXIT_CODES) out.push('.TP', `.B ${code}`, roff(what));
  out.push('.SH ENVIRONMENT', '.TP', '.B AIRLOCK_ENV', 'the session environment (e.g. staging): the wall between staging and production.', '.TP', '.B AIRLOCK_PARSER', 'set to \\fBwasm\\fR to parse with the WebAssembly build of the bash grammar instead of the native binding.');
  out.push('.SH SEE ALSO', '\\fBairlock doctor\\fR, \\fBairlock rules list\\fR, \\fBbash\\fR(1)');
  return out.join('\n') + '\n';
}
