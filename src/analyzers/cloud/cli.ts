// Shared by the breadth families (kubernetes, containers, cloud, platforms, datastores, orm):
// an argv option parser driven by a table of options that take a value, and the flat `cli` fact.
import type { Command, Fact, Target, Word } from '../../types';
import type { AnalyzeContext } from '../types';

export interface Args {
  /** Positional values in order (null: not knowable before running). */
  pos: (string | null)[];
  /** Option values by option name as written (`--namespace`, `-n`); boolean options hold ''. */
  opts: Map<string, (string | null)[]>;
  /** Every option name seen, in order (`-rf` gives `-r`, `-f`). */
  flags: string[];
  /** Words after `--`. */
  rest: (string | null)[];
  /** Some word is not knowable (a variable, a substitution). */
  dynamic: boolean;
}

export interface ParseSpec {
  /** Options that consume a value (`--opt v`, `--opt=v`, `-ov`). */
  withValue: readonly string[];
  /** Short options whose value may only be attached (mysql `-pSECRET`). */
  attachedOnly?: readonly string[];
  /** Single-dash long options (`-eval`) are not split into letters. */
  noClusters?: boolean;
  /** Stop option parsing at the first positional (the rest is positional: `redis-cli DEL -x`). */
  stopAtPositional?: boolean;
}

export function parseArgs(words: Word[], spec: ParseSpec): Args {
  const a: Args = { pos: [], opts: new Map(), flags: [], rest: [], dynamic: false };
  const withValue = new Set(spec.withValue);
  const attached = new Set(spec.attachedOnly ?? []);
  const put = (name: string, v: string | null): void => {
    a.flags.push(name);
    a.opts.set(name, [...(a.opts.get(name) ?? []), v]);
  };
  let stopped = false;
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === null) {
      a.dynamic = true;
      (stopped ? a.rest : a.pos).push(null);
      continue;
    }
    if (stopped) {
      a.rest.push(v);
      continue;
    }
    if (v === '--') {
      stopped = true;
      continue;
    }
    if (v.startsWith('--') && v.length > 2) {
      const eq = v.indexOf('=');
      if (eq > 0) put(v.slice(0, eq), v.slice(eq + 1));
      else if (withValue.has(v)) put(v, i + 1 < words.length ? words[++i]!.value : null);
      else put(v, '');
      continue;
    }
    if (v.startsWith('-') && v.length > 1 && !/^-\d/.test(v)) {
      const eq = v.indexOf('=');
      if (eq > 0 && (withValue.has(v.slice(0, eq)) || spec.noClusters)) {
        put(v.slice(0, eq), v.slice(eq + 1));
        continue;
      }
      if (withValue.has(v) && !attached.has(v)) {
        put(v, i + 1 < words.length ? words[++i]!.value : null);
        continue;
      }
      if (spec.noClusters || v.length === 2) {
        put(v, '');
        continue;
      }
      for (let k = 1; k < v.length; k++) {
        const o = `-${v[k]}`;
        if (withValue.has(o) || attached.has(o)) {
          const val = v.slice(k + 1);
          if (val) put(o, val.replace(/^=/, ''));
          else if (attached.has(o)) put(o, '');
          else put(o, i + 1 < words.length ? words[++i]!.value : null);
          break;
        }
        put(o, '');
      }
      continue;
    }
    a.pos.push(v);
    if (spec.stopAtPositional) stopped = true;
  }
  return a;
}

/** Last value given to any of the option names; undefined when none was given. */
export function opt(a: Args, ...names: string[]): string | null | undefined {
  let found: string | null | undefined;
  for (const n of a.flags) if (names.includes(n)) found = a.opts.get(n)!.at(-1);
  return found;
}

/** All values given to any of the option names. */
export function optAll(a: Args, ...names: string[]): (string | null)[] {
  return names.flatMap((n) => a.opts.get(n) ?? []);
}

export function has(a: Args, ...names: string[]): boolean {
  return names.some((n) => a.opts.has(n));
}

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
