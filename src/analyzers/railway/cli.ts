// Railway CLI argv -> subcommand path, flags and the operation it performs (railwayapp/cli v5.43,
// destructive-ops.md §1.8). Aliases are folded (`vars rm` = `variable delete`, `rm` = project delete).
import type { Word } from '../../types';
import { tokens, type ArgvSpec } from '../../argv/tokens';

export interface RailwayArgs {
  /** Canonical subcommand words ("volume", "delete"); null entries are unknown words. */
  path: (string | null)[];
  /** Positionals after the subcommand path. */
  rest: Word[];
  flags: Map<string, Word | true>;
  /** For run/ssh: the inner command, from the first positional or after `--`. */
  inner: Word[];
}

const VALUE_FLAGS = new Map<string, string>([
  ['-e', 'environment'], ['--environment', 'environment'], ['-s', 'service'], ['--service', 'service'],
  ['-p', 'project'], ['--project', 'project'], ['-v', 'volume'], ['--volume', 'volume'], ['-b', 'bucket'],
  ['--bucket', 'bucket'], ['-w', 'workspace'], ['--workspace', 'workspace'], ['--2fa-code', '2fa-code'], ['--id', 'id'],
  ['--file', 'file'], ['--variables', 'variables'], ['--var', 'var'], ['--raw-var', 'raw-var'], ['--operation-name', 'operation-name'],
  ['--function', 'function'], ['--deployment-instance', 'deployment-instance'], ['-i', 'identity'], ['--set', 'set'], ['--set-from-stdin', 'set'],
  ['-m', 'message'], ['--message', 'message'], ['--region', 'region'], ['--name', 'name'],
]);

const NOUNS: Record<string, string> = {
  volumes: 'volume', projects: 'project', buckets: 'bucket', deployments: 'deployment', template: 'templates',
  env: 'environment', environments: 'environment', variables: 'variable', vars: 'variable', var: 'variable',
  function: 'functions', func: 'functions', fn: 'functions', funcs: 'functions', fns: 'functions',
  sandboxes: 'sandbox', sbx: 'sandbox', services: 'service', domains: 'domain', local: 'run', remove: 'delete', rm: 'delete',
};
const VERBS: Record<string, string> = { rm: 'delete', remove: 'delete', destroy: 'delete' };

/** Commands whose remaining words are another command line. */
const WRAPPERS = new Set(['run', 'ssh']);

/** Railway's clap parser as the shared tokenizer reads it: no clusters, `-f` takes a value in both meanings. */
const SPEC: ArgvSpec = { style: 'go', value: [...VALUE_FLAGS.keys(), '-f'], digitOptions: true };

export function parseArgs(argv: Word[]): RailwayArgs {
  const out: RailwayArgs = { path: [], rest: [], flags: new Map(), inner: [] };
  const args = argv.slice(1);
  for (const t of tokens(args, SPEC)) {
    if (t.kind === 'end') {
      out.inner = args.slice(t.index);
      break;
    }
    if (t.kind === 'option') {
      const key = VALUE_FLAGS.get(t.name);
      // `railway api -f file`: -f is --file there, --function elsewhere.
      const k2 = t.name === '-f' ? (out.path[0] === 'api' ? 'file' : 'function') : key;
      if (k2) out.flags.set(k2, t.attached ? { raw: t.word.raw, value: t.value ?? null } : (t.valueWord ?? { raw: '', value: null }));
      else out.flags.set(t.name.replace(/^-+/, ''), true);
      continue;
    }
    const w = t.word;
    const a = w.value;
    const wrapper = out.path.length === 1 && WRAPPERS.has(out.path[0] ?? '') && !(out.path[0] === 'ssh' && a === 'keys');
    if (wrapper) {
      out.inner = args.slice(t.index);
      break;
    }
    if (out.rest.length === 0 && a !== null && isPathWord(out.path, a)) out.path.push(canonical(out.path, a));
    else if (out.path.length === 0) out.path.push(a === null ? null : canonical([], a));
    else out.rest.push(w);
  }
  return out;
}

/** Words that continue the subcommand path at this depth. */
function isPathWord(path: (string | null)[], a: string): boolean {
  if (path.length === 0) return true;
  const c = canonical(path, a);
  if (path.length === 1) return GROUPS.has(path[0] ?? '') && (c === 'delete' || KNOWN_SECOND.has(c)) && (path[0] !== 'ssh' || c === 'keys');
  return (DEEP[path.join(' ')] ?? []).includes(c);
}

const GROUPS = new Set(['project', 'environment', 'service', 'volume', 'variable', 'bucket', 'functions', 'templates', 'domain', 'tcp-proxy', 'sandbox', 'ssh', 'postgres', 'config', 'deployment']);
const KNOWN_SECOND = new Set(['list', 'ls', 'set', 'new', 'add', 'create', 'link', 'edit', 'detach', 'attach', 'files', 'credentials', 'unpublish', 'publish', 'checkpoint', 'scale', 'redeploy', 'restart', 'logs', 'info', 'status', 'update', 'source', 'config', 'apply', 'plan', 'rename', 'keys', 'pitr', 'ha', 'pgbouncer']);
const DEEP: Record<string, string[]> = {
  'volume files': ['delete', 'list', 'ls', 'upload', 'download'],
  'service files': ['delete', 'list', 'ls', 'upload', 'download'],
  'sandbox checkpoint': ['delete', 'list', 'create'],
  'ssh keys': ['delete', 'list', 'add'],
  postgres: ['pitr', 'ha', 'pgbouncer'],
  'postgres pitr': ['backup', 'schedule', 'disable', 'enable', 'restore'],
  'config': ['apply', 'plan'],
  'postgres pitr backup': ['delete', 'restore', 'list', 'create'],
  'postgres pitr schedule': ['set', 'list'],
  'postgres ha': ['revert', 'scale', 'switchover', 'enable'],
  'postgres pgbouncer': ['delete', 'add'],
  'service source': ['disconnect'],
};

function canonical(path: (string | null)[], a: string): string {
  if (path.length === 0) return NOUNS[a] ?? a;
  return VERBS[a] ?? a;
}

/** The operation a subcommand path performs. */
export function operationOf(args: RailwayArgs): string {
  const p = args.path;
  if (p.length === 0) return 'none';
  if (p.some((x) => x === null)) return 'unresolved';
  const key = p.join(' ');
  const has = (f: string): boolean => args.flags.has(f);
  const table: Record<string, string> = {
    delete: 'project-delete', 'project delete': 'project-delete', down: 'down', 'environment delete': 'environment-delete',
    'service delete': 'service-delete', 'volume delete': 'volume-delete', 'volume detach': 'volume-detach',
    'volume files delete': 'files-delete', 'service files delete': 'files-delete', 'variable delete': 'variable-delete',
    'variable set': 'variable-set', 'domain delete': 'domain-delete', 'tcp-proxy delete': 'tcp-proxy-delete',
    'bucket delete': 'bucket-delete', 'functions delete': 'function-delete', 'templates delete': 'template-delete',
    'templates unpublish': 'template-delete', 'sandbox delete': 'sandbox-destroy', 'sandbox checkpoint delete': 'sandbox-checkpoint-delete',
    'ssh keys delete': 'ssh-key-delete', 'postgres pitr backup delete': 'backup-delete', 'postgres pitr backup restore': 'backup-restore',
    'postgres pitr restore': 'backup-restore', 'postgres pitr disable': 'pitr-disable', 'postgres ha revert': 'ha-change',
    'postgres ha scale': 'ha-change', 'postgres ha switchover': 'ha-change', 'postgres pgbouncer delete': 'pgbouncer-remove',
    'service source disconnect': 'source-disconnect', api: 'api', run: 'run', ssh: 'ssh', shell: 'shell', connect: 'connect',
  };
  if (key === 'bucket credentials' && has('reset')) return 'bucket-credentials-reset';
  if (key === 'postgres pitr schedule set' && has('none')) return 'backup-schedule-remove';
  if (key === 'config apply' && has('confirm-destructive')) return 'config-apply-destructive';
  if (key === 'environment edit' && args.rest.some((w) => w.value === null || /^isDeleted$|\.isDeleted$|^null$/i.test(w.value))) return 'environment-edit-delete';
  if ((key === 'scale' || key === 'service scale') && args.rest.some((w) => w.value !== null && /=0+$/.test(w.value))) return 'scale-to-zero';
  if (key === 'variable' && has('set')) return 'variable-set';
  return table[key] ?? key;
}
