// The flat `cli` fact the breadth families emit (kubernetes, containers, cloud, platforms,
// datastores, orm, scripts) and the small helpers they build it with. Beside the Analyzer
// contract: shared by families, owned by none. Their argv is read with src/argv.
import type { Command, Fact, Target, Word } from '../types';
import type { AnalyzeContext } from './types';

/** A variable as the command sees it: the line's own assignments first, then the session. */
export function envOf(cmd: Command, ctx: AnalyzeContext, name: string): string | null | undefined {
  if (Object.prototype.hasOwnProperty.call(cmd.env, name)) return cmd.env[name];
  return ctx.env[name];
}

/** Shown for a value that cannot be known before running (`$VAR`, `$(...)`). */
export const UNKNOWN = '$?';

export function show(v: string | null | undefined): string {
  return v === null ? UNKNOWN : (v ?? '');
}

export function target(kind: Target['kind'], value: string | null | undefined): Target[] {
  return value === undefined || value === '' ? [] : [{ kind, value: value ?? UNKNOWN }];
}

export interface CliFields {
  tool: string;
  action: string;
  object?: string;
  name?: string | null;
  flags?: string[];
  targets?: Target[];
  infra?: boolean;
  [field: string]: unknown;
}

/**
 * The `cli` fact: `tool`, `action`, `object`, `name` (the victim), `flags`, plus family fields.
 * `unknown` is true when a deciding value (verb, object, name) is not knowable.
 */
export function cliFact(cmd: Command, f: CliFields): Fact {
  const name = f.name === null ? UNKNOWN : (f.name ?? '');
  const targets = [...(f.targets ?? [])];
  const infra = f.infra ?? true;
  // Run on another machine (ssh, docker/kubectl exec, heroku run): "localhost" there is not this machine.
  // A local container (docker exec) is this machine's business: only DOCKER_HOST would make it remote.
  const remote = cmd.remote && !cmd.via.some((v) => /^(docker|podman|nerdctl) exec/.test(v)) ? cmd.remote : undefined;
  if (remote && !targets.some((t) => t.value === remote)) targets.push({ kind: 'host', value: remote });
  // The victim's own name tells the environment too ("shop-prod", "rg-staging").
  if (infra && name && name !== UNKNOWN && !targets.some((t) => t.value === name)) targets.push({ kind: 'name', value: name });
  const fact: Fact = {
    ...f,
    type: 'cli',
    command: cmd.text,
    object: f.object ?? '',
    name,
    flags: f.flags ?? [],
    infra: infra || Boolean(remote),
    targets,
    unknown: Boolean(f.unknown) || f.name === null || f.action === UNKNOWN || f.object === UNKNOWN,
  };
  if (cmd.remote) fact.remote = cmd.remote;
  return fact;
}

/** Words after argv[0]. */
export function argsOf(cmd: Command): Word[] {
  return cmd.argv.slice(1);
}
