// az GROUP... VERB [--name N] [--resource-group G]. Fact: { tool: 'az', object: 'sql db', action: 'delete', name, resourceGroup }.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, opt, parseArgs } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';

const WITH_VALUE = ['--subscription', '-o', '--output', '--query', '-n', '--name', '-g', '--resource-group', '-s', '--server', '--account-name', '--container-name',
  '--ids', '--queue-name', '--table-name', '--partition-key', '--row-key', '--vault-name', '--workspace-name', '--cluster-name', '--location', '-l', '--source', '--pattern', '--share-name', '--path', '--backup-storage-redundancy', '--retention-days', '--force-deletion-types'];
const VERBS = new Set(['delete', 'purge', 'remove', 'delete-batch', 'reset', 'restore', 'update', 'create', 'list', 'show', 'set', 'stop', 'start', 'restart', 'deallocate', 'disable', 'enable', 'upload', 'download', 'login', 'logout', 'wipe', 'clear']);

export function analyzeAz(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: WITH_VALUE });
  if (!a.pos.length) return [];
  let k = a.pos.findIndex((p) => p === null || VERBS.has(p));
  if (k < 0) k = a.pos.length - 1;
  const verb = a.pos[k];
  const group = a.pos.slice(0, k);
  const subscription = opt(a, '--subscription') ?? envOf(cmd, ctx, 'AZURE_SUBSCRIPTION_ID');
  const rg = opt(a, '-g', '--resource-group');
  const object = group.some((g) => g === null) ? UNKNOWN : group.join(' ');
  let name = opt(a, '-n', '--name') ?? opt(a, '--ids') ?? opt(a, '--account-name') ?? opt(a, '--container-name') ?? opt(a, '--table-name') ?? opt(a, '--queue-name');
  if (name === undefined && object === 'group') name = rg;
  if (name === undefined && a.pos[k + 1] !== undefined) name = a.pos[k + 1];
  return [cliFact(cmd, {
    tool: 'az', flags: a.flags, object, action: verb === null || verb === undefined ? UNKNOWN : verb, name: name === undefined ? '' : name,
    targets: [...target('name', subscription), ...target('name', rg)], subscription: show(subscription), resourceGroup: show(rg),
    server: show(opt(a, '-s', '--server')), yes: has(a, '--yes', '-y'),
    disablesBackups: opt(a, '--retention-days') === '0',
  })];
}
