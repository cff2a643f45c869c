// aws: `aws [global options] SERVICE OPERATION [options]`, global options anywhere.
// Fact: { tool: 'aws', service, action: OPERATION, object: SERVICE, name (the identifier), recursive, force, ... }.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, opt, optAll, parseArgs, type Args } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';

const GLOBAL = ['--profile', '--region', '--endpoint-url', '--output', '--query', '--cli-read-timeout', '--cli-connect-timeout', '--ca-bundle', '--color', '--cli-binary-format', '--cli-input-json', '--cli-input-yaml', '--starting-token', '--page-size', '--max-items', '--generate-cli-skeleton'];

/** Options that name the resource an operation acts on, in order of preference. */
const ID_OPTIONS = [
  '--db-instance-identifier', '--db-cluster-identifier', '--db-snapshot-identifier', '--db-cluster-snapshot-identifier', '--dbi-resource-id',
  '--table-name', '--bucket', '--stack-name', '--function-name', '--log-group-name', '--instance-ids', '--volume-id', '--snapshot-id',
  '--cluster-name', '--nodegroup-name', '--user-name', '--role-name', '--policy-arn', '--group-name', '--repository-name', '--secret-id',
  '--cluster', '--service', '--hosted-zone-id', '--queue-url', '--topic-arn', '--backup-vault-name', '--recovery-point-arn', '--backup-plan-id',
  '--backup-arn', '--key-id', '--file-system-id', '--cache-cluster-id', '--replication-group-id', '--global-table-name', '--stream-name',
  '--cluster-identifier', '--snapshot-identifier', '--image-id', '--vpc-id', '--subnet-id', '--domain-name', '--api-id', '--rest-api-id',
  '--id', '--name', '--arn', '--resource-arn', '--key', '--subscription-arn', '--distribution-id',
];

export function analyzeAws(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: [...GLOBAL, ...ID_OPTIONS, '--exclude', '--include', '--retain-resources', '--backup-retention-period', '--point-in-time-recovery-specification', '--final-db-snapshot-identifier', '--final-snapshot-identifier', '--final-cluster-snapshot-identifier', '--acl', '--storage-class', '--sse', '--grants', '--change-batch', '--paths', '--secret-string', '--secret-binary', '--description', '--kms-key-id'] });
  const [service, operation, ...args] = a.pos;
  if (service === undefined) return [];
  const profile = opt(a, '--profile') ?? envOf(cmd, ctx, 'AWS_PROFILE') ?? envOf(cmd, ctx, 'AWS_DEFAULT_PROFILE');
  const region = opt(a, '--region') ?? envOf(cmd, ctx, 'AWS_REGION') ?? envOf(cmd, ctx, 'AWS_DEFAULT_REGION');
  const targets = [...target('aws-profile', profile), ...target('url', opt(a, '--endpoint-url'))];
  const base = { tool: 'aws', flags: a.flags, targets, profile: show(profile), region: show(region), dryRun: has(a, '--dryrun', '--dry-run') };
  if (service === null || operation === null) return [cliFact(cmd, { ...base, service: show(service), object: show(service), action: show(operation) || UNKNOWN, unknown: true })];
  if (operation === undefined) return [];
  const fields = { ...base, service, object: service, action: operation, ...extra(a, service, operation, ctx) };
  if (service === 's3') {
    const urls = args.filter((x) => x === null || x.startsWith('s3://'));
    // s3 cp/mv/sync SRC DEST: the destination is what changes.
    const victim = ['cp', 'mv', 'sync'].includes(operation) ? urls.at(-1) : urls[0];
    return [cliFact(cmd, { ...fields, name: victim === undefined ? (args[0] ?? '') : victim, bucket: bucketOf(victim) })];
  }
  return [cliFact(cmd, { ...fields, name: identifier(a), bucket: show(opt(a, '--bucket')) })];
}

function identifier(a: Args): string | null {
  for (const o of ID_OPTIONS) {
    const v = opt(a, o);
    if (v !== undefined) return v;
  }
  return '';
}

function bucketOf(url: string | null | undefined): string {
  if (url === null) return UNKNOWN;
  return url ? url.replace(/^s3:\/\//, '').split('/')[0]! : '';
}

function extra(a: Args, service: string, op: string, ctx: AnalyzeContext): Record<string, unknown> {
  const e: Record<string, unknown> = {
    recursive: has(a, '--recursive'),
    force: has(a, '--force', '--force-delete-without-recovery'),
    skipFinalSnapshot: has(a, '--skip-final-snapshot'),
    deleteAutomatedBackups: has(a, '--delete-automated-backups'),
    deletes: /^(admin-delete|delete|terminate|remove|purge|destroy|deregister|drop|reset|schedule-key-deletion|batch-delete|disable|unsubscribe)/.test(op) || op === 'rb' || op === 'rm',
  };
  // Route 53 change batches: a DELETE takes the record out of live DNS (an unreadable batch may hold one).
  if (service === 'route53' && op === 'change-resource-record-sets') {
    let batch = opt(a, '--change-batch');
    if (typeof batch === 'string' && batch.startsWith('file://')) batch = ctx.readFile(batch.slice(7));
    e.deletes = batch === null || (typeof batch === 'string' && /"?Action"?\s*[:=]\s*"?DELETE/i.test(batch));
  }
  // Replacing a live secret's value (or its key / metadata) changes what every running consumer reads.
  e.overwritesSecret = service === 'secretsmanager' && (op === 'put-secret-value' || op === 'update-secret');
  // Invalidating every path sends all traffic to the origin at once.
  const paths = a.pos.slice(2).concat(optAll(a, '--paths'));
  e.invalidatesAll = service === 'cloudfront' && op === 'create-invalidation' && paths.some((p) => p === null || p === '/*' || p === '*');
  return finish(a, service, op, e);
}

function finish(a: Args, service: string, op: string, e: Record<string, unknown>): Record<string, unknown> {
  if (service === 's3' && op === 'sync') e.deletes = has(a, '--delete');
  // Turning off backups or point-in-time recovery removes the way back.
  const retention = opt(a, '--backup-retention-period');
  const pitr = opt(a, '--point-in-time-recovery-specification');
  e.disablesBackups = retention === '0' || (typeof pitr === 'string' && /PointInTimeRecoveryEnabled\s*[=:]\s*false/i.test(pitr));
  e.disablesProtection = has(a, '--no-deletion-protection');
  return e;
}
