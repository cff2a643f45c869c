// gcloud GROUP... VERB NAME [flags] and gsutil. Fact: { tool, object: 'sql instances', action: 'delete', name, recursive, ... }.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, opt, parseArgs } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';

const GLOBAL = ['--project', '--account', '--configuration', '--impersonate-service-account', '--billing-project', '--verbosity', '--format', '--flatten', '--filter', '--zone', '--region', '--instance', '--location', '--database', '--cluster', '--limit', '--page-size', '--sort-by', '--delete-disks', '--keep-disks', '--backup-location', '--backup-start-time', '--retained-backups-count', '--retained-transaction-log-days', '--description', '--labels', '--update-labels', '--remove-labels', '--trace-token', '--log-http', '--secret', '--service-account', '--type', '--uri'];
/** Verbs: the first positional that is one of these ends the command group path. */
const VERBS = new Set(['delete', 'rm', 'remove', 'destroy', 'reset', 'patch', 'update', 'restore', 'import', 'clone', 'create', 'list', 'describe', 'get', 'set', 'cp', 'mv', 'rsync', 'ls', 'cat', 'undelete', 'stop', 'start', 'resize', 'deploy', 'rb', 'mb', 'failover', 'promote-replica', 'restart', 'ssh', 'connect', 'execute-sql', 'add-iam-policy-binding', 'remove-iam-policy-binding', 'set-iam-policy', 'disable', 'enable', 'purge', 'unset', 'rollback', 'get-credentials', 'export', 'init', 'auth', 'login', 'versions', 'detach', 'attach', 'drain']);

export function analyzeGcloud(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: GLOBAL, noClusters: true });
  if (!a.pos.length) return [];
  const project = opt(a, '--project') ?? envOf(cmd, ctx, 'CLOUDSDK_CORE_PROJECT');
  const config = opt(a, '--configuration') ?? envOf(cmd, ctx, 'CLOUDSDK_ACTIVE_CONFIG_NAME');
  const pos = a.pos[0] === 'alpha' || a.pos[0] === 'beta' ? a.pos.slice(1) : a.pos;
  let k = pos.findIndex((p) => p === null || VERBS.has(p));
  if (k < 0) k = Math.min(pos.length - 1, 2);
  const verb = pos[k];
  const group = pos.slice(0, k);
  const names = pos.slice(k + 1);
  const targets = [...target('gcp-project', project), ...target('name', config)];
  if (group[0] === 'projects' && names[0] !== undefined) targets.push(...target('gcp-project', names[0]));
  const fields = {
    tool: 'gcloud', flags: a.flags, targets, project: show(project),
    object: group.some((g) => g === null) ? UNKNOWN : group.join(' '),
    action: verb === null || verb === undefined ? UNKNOWN : verb,
    instance: show(opt(a, '--instance')),
    recursive: has(a, '-r', '-R', '--recursive'),
    quiet: has(a, '--quiet', '-q'),
    deleteDisks: show(opt(a, '--delete-disks')),
    disablesBackups: has(a, '--no-backup', '--no-enable-point-in-time-recovery', '--no-enable-bin-log', '--no-deletion-protection') || opt(a, '--retained-backups-count') === '0',
  };
  if (!names.length) return [cliFact(cmd, { ...fields, name: '' })];
  return names.map((n) => cliFact(cmd, { ...fields, name: n }));
}

const GSUTIL_GLOBAL = ['-o', '-h', '-u', '-p'];

export function analyzeGsutil(cmd: Command, ctx: AnalyzeContext): Fact[] {
  // gsutil [-m] [-o k=v] CMD [opts] URL...
  let i = 1;
  const args = cmd.argv;
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null || !v.startsWith('-')) break;
    if (GSUTIL_GLOBAL.includes(v)) i++;
  }
  const verb = args[i]?.value;
  if (verb === undefined) return [];
  const a = parseArgs(args.slice(i + 1), { withValue: ['-x', '-p', '-c', '-l', '-s'] });
  const project = envOf(cmd, ctx, 'CLOUDSDK_CORE_PROJECT');
  const fields = {
    tool: 'gsutil', flags: a.flags, targets: target('gcp-project', project), project: show(project),
    object: 'storage', action: verb === null ? UNKNOWN : verb,
    recursive: has(a, '-r', '-R', '-a'), deletes: verb === 'rm' || verb === 'rb' || (verb === 'rsync' && has(a, '-d')),
  };
  const urls = a.pos.filter((p) => p === null || p.startsWith('gs://'));
  const victim = ['cp', 'mv', 'rsync'].includes(verb ?? '') ? urls.slice(-1) : urls;
  if (!victim.length) return [cliFact(cmd, { ...fields, name: '' })];
  return victim.map((u) => cliFact(cmd, { ...fields, name: u }));
}
