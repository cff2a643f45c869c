// Node ORMs and migration tools: prisma, knex, sequelize, typeorm, drizzle-kit, mikro-orm.
import type { Command, Fact, Target } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, opt, parseArgs } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';

/** Where DATABASE_URL points: the line, the session, else the project's .env. */
export function databaseTargets(cmd: Command, ctx: AnalyzeContext, variable = 'DATABASE_URL'): Target[] {
  let url = envOf(cmd, ctx, variable);
  if (url === undefined) url = new RegExp(`^\\s*${variable}\\s*=\\s*["']?([^"'\\s#]+)`, 'm').exec(ctx.readFile('.env') ?? '')?.[1];
  if (url === undefined) return [];
  if (url === null) return [{ kind: 'url', value: UNKNOWN }];
  try {
    const u = new URL(url);
    const t: Target[] = [];
    if (u.hostname) t.push({ kind: 'host', value: u.hostname });
    if (u.pathname.length > 1) t.push({ kind: 'database', value: u.pathname.slice(1) });
    if (u.protocol === 'file:') t.push({ kind: 'path', value: url.slice(5) });
    return t;
  } catch {
    return [{ kind: 'connection', value: url }];
  }
}

const PRISMA_WITH_VALUE = ['--schema', '--name', '-n', '--from-url', '--to-url', '--from-schema-datamodel', '--to-schema-datamodel', '--file', '--url', '--shadow-database-url', '--preview-feature'];
const CONSENT = 'PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION';

export function analyzePrisma(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: PRISMA_WITH_VALUE });
  const [group, verb] = a.pos;
  if (group === undefined) return [];
  const targets = [...databaseTargets(cmd, ctx), ...target('url', opt(a, '--url'))];
  const host = targets.find((t) => t.kind === 'host')?.value;
  return [cliFact(cmd, {
    tool: 'prisma', object: show(group), action: verb === undefined ? '' : show(verb), name: targets.find((t) => t.kind === 'database')?.value ?? host ?? 'DATABASE_URL',
    force: has(a, '-f', '--force'), forceReset: has(a, '--force-reset'), acceptDataLoss: has(a, '--accept-data-loss'),
    // The variable Prisma reads to let an AI agent run a destructive command, set on this very line.
    consentOnLine: Object.prototype.hasOwnProperty.call(cmd.env, CONSENT),
    flags: a.flags, targets, unknown: group === null || verb === null,
  })];
}

const GENERIC_WITH_VALUE = ['--env', '--knexfile', '--cwd', '--config', '-c', '--dataSource', '-d', '--url', '--migrations-path', '--seeders-path', '--models-path', '--options-path', '--to', '--name', '--specific', '--connection', '--schema', '--dialect', '--out'];

/** knex / sequelize / typeorm / drizzle-kit / mikro-orm TASK [flags]. */
export function analyzeMigrator(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const tool = cmd.program!.replace(/-cli$/, '').replace(/^typeorm-ts-node-(commonjs|esm)$/, 'typeorm');
  const a = parseArgs(cmd.argv.slice(1), { withValue: GENERIC_WITH_VALUE });
  const task = a.pos[0];
  if (task === undefined) return [];
  const envName = opt(a, '--env') ?? envOf(cmd, ctx, 'NODE_ENV');
  const targets = [...databaseTargets(cmd, ctx), ...target('name', envName)];
  return [cliFact(cmd, {
    tool, object: 'database', action: show(task), name: envName ?? targets.find((t) => t.kind === 'database')?.value ?? 'database',
    all: has(a, '--all'), force: has(a, '--force', '-f'), flags: a.flags, targets, unknown: task === null,
  })];
}
