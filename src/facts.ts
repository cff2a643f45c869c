// The generic facts every simple command yields, whatever its family: its program and argv
// (rules glob over these), and an `unresolved` fact when the program itself is not knowable.
import type { Command, Fact } from './types';

export function argValues(cmd: Command): string[] {
  return cmd.argv.slice(1).map((w) => (w.value === null ? '$?' : w.value));
}

/** consumer: the command this one's stdout is piped into, when the line shows one. */
export function commandFacts(cmd: Command, consumer?: Command): Fact[] {
  const text = cmd.text;
  if (cmd.program === null) {
    return [{ type: 'unresolved', command: text, what: 'program', program: cmd.argv[0]?.raw ?? '', via: cmd.via }];
  }
  const args = argValues(cmd);
  const positionals = args.filter((a) => !a.startsWith('-') || a === '-');
  const fact: Fact = {
    type: 'command',
    command: text,
    program: cmd.program,
    args,
    subcommand: args.find((a) => !a.startsWith('-')) ?? '',
    // Positional words in order, options left out, lower-cased and joined: rules glob over the
    // subcommand path ("secrets disable *") without caring where the options were placed.
    words: positionals.join(' ').toLowerCase(),
    options: args.filter((a) => a.startsWith('-')).map((a) => (a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a)),
    via: cmd.via,
    dynamicArgs: cmd.argv.some((w) => w.value === null) || Boolean(cmd.dynamicTail),
    redirects: cmd.redirects.map((r) => `${r.op}${r.target?.value ?? (r.target ? '$?' : '')}`),
    writes: cmd.redirects.filter((r) => /^(>|>>|>\||&>|&>>)$/.test(r.op) && (r.fd === null || r.fd === 1)).map((r) => r.target?.value ?? '$?'),
  };
  if (cmd.remote) fact.remote = cmd.remote;
  if (cmd.recursive) fact.recursive = true;
  // Where the output goes (`aws ecr get-login-password | docker login --password-stdin`): its text.
  if (consumer) fact.pipedTo = consumer.text;
  return [fact];
}
