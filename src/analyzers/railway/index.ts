// The Railway CLI family: one `railway` fact per command (operation, environment, service, project,
// volume, target), `graphql` facts for `railway api`, and the facts of the command that
// `railway run` / `railway ssh` runs, placed in the -e environment.
import type { Analyzer, AnalyzeContext } from '../types';
import type { Command, Fact, Target, Word } from '../../types';
import { operationOf, parseArgs, type RailwayArgs } from './cli';
import { apiFacts, wrappedFacts } from './nested';

/** Where a positional names the thing destroyed, and which flag can name it instead. */
const TARGET_OF: Record<string, { flag?: string; fallback: string }> = {
  'project-delete': { flag: 'project', fallback: 'the linked project' },
  down: { flag: 'service', fallback: 'the linked service' },
  'environment-delete': { flag: 'environment', fallback: 'the linked environment' },
  'service-delete': { flag: 'service', fallback: 'the linked service' },
  'function-delete': { flag: 'function', fallback: 'the selected function' },
  'volume-delete': { flag: 'volume', fallback: 'the volume picked interactively' },
  'volume-detach': { flag: 'volume', fallback: 'the volume picked interactively' },
  'bucket-delete': { flag: 'bucket', fallback: 'the bucket picked interactively' },
  'bucket-credentials-reset': { flag: 'bucket', fallback: 'the bucket picked interactively' },
  'sandbox-destroy': { flag: 'id', fallback: 'the active sandbox' },
  'pitr-disable': { flag: 'service', fallback: 'the linked database service' },
  'backup-schedule-remove': { flag: 'service', fallback: 'the linked database service' },
  'ha-change': { flag: 'service', fallback: 'the linked database service' },
  'pgbouncer-remove': { flag: 'service', fallback: 'the linked database service' },
  'scale-to-zero': { flag: 'service', fallback: 'the linked service' },
  'source-disconnect': { flag: 'service', fallback: 'the linked service' },
  'config-apply-destructive': { flag: 'environment', fallback: 'the linked environment' },
  'environment-edit-delete': { flag: 'environment', fallback: 'the linked environment' },
};

const ENV_VARS = ['RAILWAY_ENVIRONMENT', 'RAILWAY_ENVIRONMENT_NAME', 'RAILWAY_ENVIRONMENT_ID'];

function flag(args: RailwayArgs, name: string): string | null | undefined {
  const f = args.flags.get(name);
  if (f === undefined || f === true) return undefined;
  return f.value;
}

/** -e, else RAILWAY_ENVIRONMENT* from the command's or the session's environment; null = unknown. */
export function environmentOf(args: RailwayArgs, cmd: Command, ctx: AnalyzeContext): string | null {
  const e = flag(args, 'environment');
  if (e !== undefined) return e;
  for (const v of ENV_VARS) {
    if (v in cmd.env) return cmd.env[v] ?? null;
    if (ctx.env[v]) return ctx.env[v]!;
  }
  return null;
}

function value(w: Word): string {
  return w.value ?? w.raw;
}

const analyzer: Analyzer = {
  name: 'railway',
  async analyze(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
    const args = parseArgs(cmd.argv);
    const operation = operationOf(args);
    const environment = environmentOf(args, cmd, ctx);
    const project = flag(args, 'project');
    const service = flag(args, 'service');
    const volume = flag(args, 'volume');
    const bucket = flag(args, 'bucket');
    const spec = TARGET_OF[operation];
    let target: string | null | undefined = spec?.flag === 'environment' && operation === 'environment-delete' ? undefined : spec?.flag ? flag(args, spec.flag) : undefined;
    const positional = args.rest.filter((w) => !/^[A-Z0-9_]+=/.test(w.value ?? ''));
    if (target === undefined && args.rest.length) target = args.rest.some((w) => w.value === null) ? null : args.rest.map(value).join(' ');
    if (target === undefined && operation === 'environment-delete') target = flag(args, 'environment');
    const variables = operation === 'variable-set' || operation === 'variable-delete' ? variableNames(args) : [];
    if (operation === 'variable-delete' && positional.length) target = positional.map(value).join(' ');
    const unresolved = target === null || operation === 'unresolved' || [project, service, volume, bucket].some((x) => x === null);
    const envName = operation === 'environment-delete' ? (target ?? environment) : environment;
    const targets: Target[] = [{ kind: 'railway-environment', value: envName ?? 'unknown' }];
    if (project) targets.push({ kind: 'railway-project', value: project });
    const fact: Fact = {
      type: 'railway',
      command: cmd.text,
      operation,
      subcommand: args.path.map((p) => p ?? '$?').join(' '),
      environment: envName ?? 'unknown',
      service: service ?? null,
      project: project ?? null,
      volume: volume ?? null,
      bucket: bucket ?? null,
      target: target ?? (target === null ? '$?' : spec?.fallback ?? null),
      variables,
      yes: args.flags.has('yes') || args.flags.has('y'),
      stdin: cmd.stdin !== null,
      unresolved,
      infra: true,
      targets,
    };
    const facts: Fact[] = [fact];
    if (operation === 'api') facts.push(...apiFacts(args, cmd, ctx, targets));
    if (operation === 'run' || operation === 'ssh') facts.push(...(await wrappedFacts(args, operation, cmd, ctx, envName)));
    return facts;
  },
};

/** KEY=VALUE words and --set values, and a positional KEY for delete. */
function variableNames(args: RailwayArgs): string[] {
  const words = [...args.rest];
  const set = args.flags.get('set');
  if (set && set !== true) words.push(set);
  return words.flatMap((w) => {
    if (w.value === null) return ['$?'];
    // `variable set --json '{"KEY":"value"}'`
    if (w.value.trim().startsWith('{')) {
      try {
        return Object.keys(JSON.parse(w.value) as object);
      } catch {
        return ['$?'];
      }
    }
    return [w.value.replace(/=.*$/s, '')];
  }).filter(Boolean);
}

export default analyzer;
