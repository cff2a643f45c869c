// fly / flyctl, heroku, vercel, netlify: app platforms. object = command topic, action = verb (destroy, rm...).
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, opt, parseArgs } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';

const DESTROY = new Set(['destroy', 'delete', 'remove', 'rm', 'del', 'kill']);

const FLY_WITH_VALUE = ['-a', '--app', '-c', '--config', '-t', '--access-token', '-r', '--region', '-o', '--org', '--image', '--vm-size', '-s', '--size', '--count'];
const FLY_TOPICS: Record<string, string> = { app: 'apps', apps: 'apps', volume: 'volumes', volumes: 'volumes', vol: 'volumes', vols: 'volumes', postgres: 'postgres', pg: 'postgres', redis: 'redis', machine: 'machines', machines: 'machines', m: 'machines', secrets: 'secrets', secret: 'secrets', mpg: 'postgres', storage: 'storage', tigris: 'storage', ext: 'extensions', extensions: 'extensions', scale: 'scale', litefs: 'litefs', consul: 'consul', certs: 'certs', ips: 'ips' };

export function analyzeFly(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: FLY_WITH_VALUE });
  const [first, ...rest] = a.pos;
  if (first === undefined) return [];
  let app = opt(a, '-a', '--app') ?? envOf(cmd, ctx, 'FLY_APP');
  if (app === undefined) app = /^app\s*=\s*["']([^"']+)["']/m.exec(ctx.readFile(opt(a, '-c', '--config') ?? 'fly.toml') ?? '')?.[1];
  const base = { tool: 'fly', flags: a.flags, app: show(app), targets: target('name', app), yes: has(a, '-y', '--yes'), force: has(a, '-f', '--force') };
  if (first === null) return [cliFact(cmd, { ...base, action: UNKNOWN })];
  let object = FLY_TOPICS[first];
  let verb: string | null | undefined;
  let names: (string | null)[];
  if (first === 'destroy' || first === 'scale' && rest[0] === 'count') {
    object = first === 'destroy' ? 'apps' : 'scale';
    verb = first === 'destroy' ? 'destroy' : 'count';
    names = first === 'destroy' ? rest : rest.slice(1);
  } else if (object) {
    // fly ext supabase destroy / fly volumes snapshots list
    let k = 0;
    while (k < rest.length - 1 && rest[k] !== null && !DESTROY.has(rest[k]!) && ['snapshots', 'snapshot', 'supabase', 'planetscale', 'upstash', 'tigris', 'sentry', 'mysql', 'kafka'].includes(rest[k]!)) object = `${object} ${rest[k++]}`;
    verb = rest[k];
    names = rest.slice(k + 1);
  } else {
    object = first;
    verb = rest[0];
    names = rest.slice(1);
  }
  const action = verb === null ? UNKNOWN : verb === undefined ? '' : DESTROY.has(verb) ? 'destroy' : verb;
  const fields = { ...base, object, action };
  if (!names.length) return [cliFact(cmd, { ...fields, name: ['apps', 'postgres', 'redis'].includes(object) && action === 'destroy' ? (app ?? '') : '' })];
  return names.map((n) => cliFact(cmd, { ...fields, name: n }));
}

const HEROKU_WITH_VALUE = ['-a', '--app', '-r', '--remote', '-c', '--confirm', '-t', '--team', '--space', '-s', '--stack', '--region', '--as'];

export function analyzeHeroku(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: HEROKU_WITH_VALUE });
  const [first, ...rest] = a.pos;
  if (first === undefined) return [];
  const app = opt(a, '-a', '--app') ?? envOf(cmd, ctx, 'HEROKU_APP');
  const remote = opt(a, '-r', '--remote');
  const base = { tool: 'heroku', flags: a.flags, app: show(app), targets: [...target('name', app), ...target('name', remote)], confirm: show(opt(a, '-c', '--confirm')) };
  if (first === null) return [cliFact(cmd, { ...base, action: UNKNOWN })];
  let topic = first;
  let args = rest;
  // `heroku pg backups delete b001` == `heroku pg:backups:delete b001`
  while (args[0] && /^(destroy|reset|delete|remove|unset|backups|scale|on|off|killall|cancel)$/.test(args[0]) && !/:(destroy|reset|delete|remove|unset|scale|on|off|killall|cancel)$/.test(topic)) {
    topic = `${topic}:${args[0]}`;
    args = args.slice(1);
  }
  if (topic === 'destroy') topic = 'apps:destroy';
  const parts = topic.split(':');
  const action = parts.length > 1 ? parts.pop()! : topic === 'ps:scale' ? 'scale' : 'index';
  const object = parts.join(':');
  const destructive = DESTROY.has(action) || action === 'reset';
  // The victim: the argument (app, add-on, backup id), else the app; an unknown app only matters when destroying.
  let name = args[0] !== undefined ? args[0] : destructive ? (app === undefined ? '' : app) : show(app);
  // pg:reset DATABASE: the app is what the human recognises.
  if (object === 'pg' && action === 'reset' && app !== undefined) name = app;
  const fields = { ...base, object, action: DESTROY.has(action) ? 'destroy' : action, scaleToZero: object === 'ps' && args.some((x) => x !== null && /=0(:|$)/.test(x)), database: show(object === 'pg' ? (args[0] ?? 'DATABASE_URL') : '') };
  return [cliFact(cmd, { ...fields, name })];
}

const VERCEL_WITH_VALUE = ['-t', '--token', '-S', '--scope', '--cwd', '-A', '--local-config', '-Q', '--global-config', '--team', '-T', '--environment', '--target'];

export function analyzeVercel(cmd: Command, _ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: VERCEL_WITH_VALUE });
  const [first, ...rest] = a.pos;
  const scope = opt(a, '-S', '--scope', '--team', '-T');
  // `vercel --prod` (or --target/--environment production) deploys to production without naming
  // it anywhere else: the implied target is what an environment wall must see.
  const deployTarget = opt(a, '--target', '--environment');
  const prod = has(a, '--prod') || (typeof deployTarget === 'string' && /^prod(uction)?$/i.test(deployTarget));
  const base = { tool: 'vercel', flags: a.flags, targets: [...target('name', scope), ...(prod ? [{ kind: 'name' as const, value: 'production' }] : [])], yes: has(a, '-y', '--yes'), safe: has(a, '--safe') };
  if (first === undefined || (first === 'deploy' && prod)) return prod ? [cliFact(cmd, { ...base, object: 'deployment', action: 'deploy', name: rest[0] ?? '' })] : [];
  if (first === null) return [cliFact(cmd, { ...base, action: UNKNOWN })];
  let object = 'deployment';
  let verb: string | null | undefined = first;
  let names = rest;
  if (!DESTROY.has(first)) {
    object = first.replace(/s$/, '');
    verb = rest[0];
    names = rest.slice(1);
  }
  const action = verb === null ? UNKNOWN : verb === undefined ? '' : DESTROY.has(verb) ? 'remove' : verb;
  if (object === 'env' && action === 'remove') names = names.slice(0, 1);
  const fields = { ...base, object, action };
  if (!names.length) return [cliFact(cmd, { ...fields, name: '' })];
  return names.map((n) => cliFact(cmd, { ...fields, name: n }));
}

export function analyzeNetlify(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: ['--auth', '--site', '--context', '--filter', '--scope'] });
  const [first, ...rest] = a.pos;
  if (first === undefined) return [];
  const site = opt(a, '--site') ?? envOf(cmd, ctx, 'NETLIFY_SITE_ID');
  const base = { tool: 'netlify', flags: a.flags, targets: target('name', site), force: has(a, '--force', '-f') };
  if (first === null) return [cliFact(cmd, { ...base, action: UNKNOWN })];
  const parts = first.split(':');
  const object = parts[0]!;
  let verb: string | null | undefined = parts.length > 1 ? parts.slice(1).join(':') : undefined;
  let args = rest;
  if (verb === undefined && rest[0] !== undefined && rest[0] !== null && /^(delete|unset|remove|rm)$/.test(rest[0])) {
    verb = rest[0];
    args = rest.slice(1);
  }
  const action = verb === undefined ? object : DESTROY.has(verb) ? 'delete' : verb;
  return [cliFact(cmd, { ...base, object: object.replace(/s$/, ''), action, name: args[0] === undefined ? (site ?? '') : args[0] })];
}
