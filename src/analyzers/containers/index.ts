// Containers: docker / podman / nerdctl and docker-compose / podman-compose.
// Facts: { type: 'cli', tool, action (delete, prune, down...), object (volume, system, container, compose...), name, volumes }.
import type { Command, Fact, Target } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { has, opt, parseArgs, type Args } from '../../argv/options';
import { cliFact, envOf, target, UNKNOWN } from '../cli-fact';

const GLOBAL = ['-H', '--host', '--context', '-c', '--connection', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--url', '--root', '--runroot', '--storage-driver', '--cgroup-manager', '--namespace', '--address', '-a'];
const VERB = ['--filter', '-t', '--timeout', '--format', '--signal', '--time', '--until'];
const COMPOSE = ['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel'];

const REMOVE = new Set(['rm', 'remove', 'delete']);

function globalsEnd(cmd: Command): number {
  // docker [global options] VERB: global options are all --opt or -x with known values.
  const args = cmd.argv;
  let i = 1;
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null || !v.startsWith('-')) break;
    if (!v.includes('=') && GLOBAL.includes(v) && !(cmd.program === 'nerdctl' && v === '-a')) i++;
  }
  return i;
}

function analyze(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const compose = cmd.program === 'docker-compose' || cmd.program === 'podman-compose';
  const start = compose ? 1 : globalsEnd(cmd);
  const g = parseArgs(cmd.argv.slice(1, start), { withValue: GLOBAL });
  const tool = cmd.program!;
  const host = opt(g, '-H', '--host', '--url') ?? envOf(cmd, ctx, 'DOCKER_HOST');
  const context = opt(g, '--context', '-c', '--connection') ?? envOf(cmd, ctx, 'DOCKER_CONTEXT');
  const targets = [...target('host', host), ...target('name', context)];
  const rest = cmd.argv.slice(start);
  if (compose) return composeFacts(cmd, tool, rest, targets);
  const verb = rest[0]?.value;
  if (verb === undefined) return [];
  const base = { tool, targets, infra: Boolean(host || context) };
  if (verb === null) return [cliFact(cmd, { ...base, action: UNKNOWN })];
  if (verb === 'compose') return composeFacts(cmd, `${tool} compose`, rest.slice(1), targets);
  const mgmt = ['volume', 'container', 'image', 'network', 'system', 'builder', 'buildx', 'pod', 'secret', 'machine'];
  let object = 'container';
  let action: string = verb;
  let args = rest.slice(1);
  if (mgmt.includes(verb)) {
    object = verb;
    const sub = args[0]?.value;
    if (sub === null) return [cliFact(cmd, { ...base, action: UNKNOWN, object })];
    action = sub ?? '';
    args = args.slice(1);
  } else if (verb === 'rmi') {
    object = 'image';
    action = 'rm';
  }
  if (REMOVE.has(action)) action = 'delete';
  const a = parseArgs(args, { withValue: VERB });
  const common = { ...base, object, action, flags: a.flags, force: has(a, '-f', '--force'), allFlag: has(a, '-a', '--all'), volumes: has(a, '--volumes') || (object === 'container' && action === 'delete' && has(a, '-v')) };
  if (action === 'delete' && a.pos.length) return a.pos.map((n) => cliFact(cmd, { ...common, name: n }));
  return [cliFact(cmd, { ...common, name: '' })];
}

function composeFacts(cmd: Command, tool: string, words: Command['argv'], targets: Target[]): Fact[] {
  const a: Args = parseArgs(words, { withValue: [...COMPOSE, '-t', '--timeout', '--rmi'] });
  const verb = a.pos[0];
  if (verb === undefined) return [];
  const project = opt(a, '-p', '--project-name');
  return [cliFact(cmd, {
    tool, targets, infra: targets.length > 0, object: 'compose', action: verb === null ? UNKNOWN : verb, name: project === undefined ? '' : project,
    flags: a.flags, volumes: has(a, '-v', '--volumes'), rmi: opt(a, '--rmi') ?? '', services: a.pos.slice(1).map((s) => s ?? UNKNOWN),
  })];
}

const analyzer: Analyzer = {
  name: 'containers',
  analyze,
};
export default analyzer;
