// Database platforms: supabase, neonctl/neon, pscale. object = command group, action = verb.
import type { Command, Fact, Target } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, opt, parseArgs } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';

const SUPABASE_WITH_VALUE = ['--workdir', '--db-url', '--project-ref', '-p', '--password', '-o', '--output', '--version', '--profile', '--network-id', '-s', '--schema', '--dns-resolver', '--last', '--org-id', '--region', '--env-file', '--include-schemas'];

export function analyzeSupabase(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: SUPABASE_WITH_VALUE });
  const [group, verb, ...names] = a.pos;
  if (group === undefined) return [];
  const linked = has(a, '--linked');
  const dbUrl = opt(a, '--db-url');
  const ref = opt(a, '--project-ref') ?? envOf(cmd, ctx, 'SUPABASE_PROJECT_ID') ?? (linked ? ctx.readFile('supabase/.temp/project-ref')?.trim() || 'linked project' : undefined);
  const targets: Target[] = [...target('url', dbUrl), ...target('name', ref)];
  const local = !linked && dbUrl === undefined && ref === undefined;
  const base = { tool: 'supabase', flags: a.flags, targets, infra: !local, linked, remoteDb: !local, dbUrl: show(dbUrl), projectRef: show(ref), yes: has(a, '--yes') };
  if (group === null || verb === null) return [cliFact(cmd, { ...base, object: show(group), action: UNKNOWN })];
  const name = names[0] === undefined ? (ref ?? (local ? 'local database' : '')) : names[0];
  return [cliFact(cmd, { ...base, object: group, action: verb ?? '', name })];
}

const NEON_WITH_VALUE = ['--project-id', '--api-key', '--branch', '--context-file', '-o', '--output', '--config-dir', '--org-id', '--api-host', '--database-name', '--role-name', '--name', '--source'];
const NEON_GROUPS: Record<string, string> = { project: 'projects', projects: 'projects', branch: 'branches', branches: 'branches', database: 'databases', databases: 'databases', db: 'databases', role: 'roles', roles: 'roles', 'connection-string': 'connection-string', cs: 'connection-string' };

export function analyzeNeon(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: NEON_WITH_VALUE });
  const [group, verb, ...names] = a.pos;
  if (group === undefined) return [];
  const project = opt(a, '--project-id') ?? envOf(cmd, ctx, 'NEON_PROJECT_ID');
  const branch = opt(a, '--branch');
  const base = { tool: 'neonctl', flags: a.flags, targets: [...target('name', project), ...target('name', branch)], project: show(project), branch: show(branch), parent: has(a, '--parent') };
  if (group === null || verb === null) return [cliFact(cmd, { ...base, object: show(group), action: UNKNOWN })];
  const object = NEON_GROUPS[group] ?? group;
  return [cliFact(cmd, { ...base, object, action: verb === 'rm' ? 'delete' : (verb ?? ''), name: names[0] === undefined ? (object === 'projects' ? (project ?? '') : '') : names[0] })];
}

const PSCALE_WITH_VALUE = ['--org', '--service-token', '--service-token-id', '-f', '--format', '--api-url', '--config', '--from', '--region', '--query'];
const PSCALE_GROUPS: Record<string, string> = { db: 'database', database: 'database', branch: 'branch', backup: 'backup', password: 'password', 'deploy-request': 'deploy-request', dr: 'deploy-request', keyspace: 'keyspace', role: 'role' };

export function analyzePscale(cmd: Command, _ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: PSCALE_WITH_VALUE });
  const [group, verb, db, branch, id] = a.pos;
  if (group === undefined) return [];
  const org = opt(a, '--org');
  const base = { tool: 'pscale', flags: a.flags, force: has(a, '--force'), descendants: has(a, '--delete-descendants'), org: show(org), database: show(db) };
  if (group === null || verb === null) return [cliFact(cmd, { ...base, object: show(group), action: UNKNOWN, targets: target('name', org) })];
  const object = PSCALE_GROUPS[group] ?? group;
  const targets = [...target('name', org), ...target('database', db), ...target('name', branch)];
  let name: string | null | undefined = db;
  if (object === 'branch') name = branch;
  if (object === 'backup' || object === 'password') name = id ?? branch;
  return [cliFact(cmd, { ...base, object, action: verb === 'rm' ? 'delete' : (verb ?? ''), name: name === undefined ? '' : name, targets, branch: show(branch) })];
}
