// kubectl / oc: the verb and resource references, global options before or after the verb,
// manifests given with -f read for their kinds and names.
import type { Command, Fact, Target } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, opt, parseArgs, type Args } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';
import { manifestObjects } from './manifest';

export const KUBECTL_WITH_VALUE = [
  '-n', '--namespace', '--context', '--cluster', '--kubeconfig', '--user', '-s', '--server', '--token', '--as', '--as-group', '--as-uid',
  '--request-timeout', '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '--cache-dir', '-v', '--v',
  '--log-file', '--profile', '--profile-output', '--password', '--username', '--vmodule',
  '-f', '--filename', '-k', '--kustomize', '-l', '--selector', '--field-selector', '-o', '--output', '--grace-period', '--timeout',
  '--replicas', '--current-replicas', '--resource-version', '-c', '--container', '--image', '--type', '-p', '--patch', '--patch-file',
  '--for', '--chunk-size', '--template', '--sort-by', '--raw', '--subresource', '--field-manager', '--prune-allowlist', '--prune-whitelist',
  '--pod-selector', '--skip-wait-for-delete-timeout', '--to-revision', '--pod-running-timeout',
];

const ALIASES: Record<string, string> = {
  ns: 'namespace', namespaces: 'namespace', pvc: 'persistentvolumeclaim', pv: 'persistentvolume', deploy: 'deployment',
  sts: 'statefulset', ds: 'daemonset', rs: 'replicaset', svc: 'service', cm: 'configmap', crd: 'customresourcedefinition',
  crds: 'customresourcedefinition', po: 'pod', no: 'node', ing: 'ingress', sa: 'serviceaccount', cj: 'cronjob', sc: 'storageclass',
  hpa: 'horizontalpodautoscaler', rc: 'replicationcontroller', netpol: 'networkpolicy', ep: 'endpoints', ev: 'event', pdb: 'poddisruptionbudget',
  vs: 'volumesnapshot', vsc: 'volumesnapshotcontent', quota: 'resourcequota', limits: 'limitrange', pc: 'priorityclass',
};

/** pvc, PVCs, persistentvolumeclaims.v1.core -> persistentvolumeclaim */
export function canonicalKind(kind: string): string {
  let k = kind.toLowerCase().split('.')[0]!;
  if (ALIASES[k]) return ALIASES[k]!;
  if (k.endsWith('ies') && !ALIASES[k]) k = `${k.slice(0, -3)}y`;
  else if (/(sses|xes|ches|shes)$/.test(k)) k = k.slice(0, -2);
  else if (k.endsWith('s') && !k.endsWith('ss')) k = k.slice(0, -1);
  return ALIASES[k] ?? k;
}

export function kubeTargets(cmd: Command, ctx: AnalyzeContext, a: Args, contextFlag = '--context'): Target[] {
  let context = opt(a, contextFlag);
  if (context === undefined) context = currentContext(cmd, ctx);
  return [...target('kube-context', context), ...target('kube-context', opt(a, '--cluster')), ...target('namespace', opt(a, '-n', '--namespace'))];
}

/** current-context of the kubeconfig in use, when it can be read. */
function currentContext(cmd: Command, ctx: AnalyzeContext): string | undefined {
  const kc = envOf(cmd, ctx, 'KUBECONFIG');
  const file = kc ? kc.split(':')[0]! : '~/.kube/config';
  const text = ctx.readFile(file);
  const m = text ? /^current-context:\s*["']?([^"'\s#]+)/m.exec(text) : null;
  return m?.[1];
}

export function analyzeKubectl(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: KUBECTL_WITH_VALUE });
  const tool = cmd.program === 'oc' ? 'oc' : 'kubectl';
  const verb = a.pos[0];
  if (verb === undefined) return [];
  const targets = kubeTargets(cmd, ctx, a);
  const dryRunV = opt(a, '--dry-run');
  const common = {
    tool,
    flags: a.flags,
    targets,
    namespace: show(opt(a, '-n', '--namespace')),
    context: show(opt(a, '--context')),
    allNamespaces: has(a, '-A', '--all-namespaces'),
    all: has(a, '--all'),
    selector: show(opt(a, '-l', '--selector') ?? opt(a, '--field-selector')),
    force: has(a, '--force'),
    dryRun: dryRunV !== undefined && dryRunV !== 'none' && dryRunV !== 'false',
  };
  if (verb === null) return [cliFact(cmd, { ...common, action: UNKNOWN })];
  const rest = a.pos.slice(1);
  switch (verb) {
    case 'delete':
      return deleteFacts(cmd, ctx, a, rest, common);
    case 'drain':
    case 'cordon':
    case 'uncordon':
      return [cliFact(cmd, { ...common, action: verb, object: 'node', name: rest[0] === undefined ? '' : rest[0] })];
    case 'scale': {
      const replicas = opt(a, '--replicas');
      const refs = resourceRefs(rest);
      const files = [...(a.opts.get('-f') ?? []), ...(a.opts.get('--filename') ?? [])];
      const base = { ...common, action: 'scale', replicas: replicas === null ? UNKNOWN : Number(replicas ?? NaN), unknown: replicas === null };
      if (!refs.length) return [cliFact(cmd, { ...base, object: files.length ? 'manifest' : '', name: files.length ? files[0]! : '' })];
      return refs.map((r) => cliFact(cmd, { ...base, object: r.object, name: r.name }));
    }
    case 'apply':
    case 'replace':
    case 'create':
    case 'patch':
    case 'edit':
    case 'rollout':
    case 'set':
    case 'label':
    case 'annotate':
    case 'taint': {
      const file = opt(a, '-f', '--filename') ?? opt(a, '-k', '--kustomize');
      const refs = resourceRefs(rest);
      return [cliFact(cmd, {
        ...common,
        action: verb === 'rollout' && rest[0] ? `rollout-${rest[0]}` : verb,
        object: refs[0]?.object ?? (file !== undefined ? 'manifest' : ''),
        name: refs[0] ? refs[0].name : file === undefined ? '' : file,
        prune: has(a, '--prune'),
      })];
    }
    default:
      return [cliFact(cmd, { ...common, action: verb, object: resourceRefs(rest)[0]?.object ?? '', name: '' })];
  }
}

interface Ref {
  object: string;
  name: string | null;
}

/** `TYPE NAME...`, `TYPE1,TYPE2 NAME`, `TYPE/NAME...` -> one ref per object and name ('' = every one). */
export function resourceRefs(pos: (string | null)[]): Ref[] {
  const out: Ref[] = [];
  if (!pos.length) return out;
  if (pos.every((p) => p !== null && p.includes('/'))) {
    for (const p of pos) {
      const [kind, ...name] = p!.split('/');
      out.push({ object: canonicalKind(kind!), name: name.join('/') });
    }
    return out;
  }
  const [kinds, ...names] = pos;
  if (kinds === null || kinds === undefined) return [{ object: UNKNOWN, name: names[0] ?? '' }];
  for (const k of kinds.split(',').filter(Boolean)) {
    const object = canonicalKind(k);
    if (!names.length) out.push({ object, name: '' });
    for (const n of names) out.push({ object, name: n });
  }
  return out;
}

function deleteFacts(cmd: Command, ctx: AnalyzeContext, a: Args, rest: (string | null)[], common: Record<string, unknown> & { tool: string; targets: Target[] }): Fact[] {
  const facts: Fact[] = [];
  const base = { ...common, action: 'delete', gracePeriodZero: opt(a, '--grace-period') === '0' || has(a, '--now') };
  const files = [...(a.opts.get('-f') ?? []), ...(a.opts.get('--filename') ?? []), ...(a.opts.get('-k') ?? []), ...(a.opts.get('--kustomize') ?? [])];
  for (const file of files) {
    const objs = file === null ? null : manifestObjects(file, ctx);
    if (!objs?.length) {
      facts.push(cliFact(cmd, { ...base, object: 'manifest', name: file, file: show(file) }));
      continue;
    }
    for (const o of objs) {
      const targets = o.namespace ? [...common.targets, { kind: 'namespace' as const, value: o.namespace }] : common.targets;
      facts.push(cliFact(cmd, { ...base, targets, object: canonicalKind(o.kind), name: o.name ?? '', file }));
    }
  }
  for (const r of resourceRefs(rest)) {
    const every = r.name === '' || common.all || common.allNamespaces || common.selector !== '';
    const targets = r.object === 'namespace' && r.name ? [...common.targets, { kind: 'namespace' as const, value: r.name }] : common.targets;
    facts.push(cliFact(cmd, { ...base, targets, object: r.object, name: r.name, every }));
  }
  if (!facts.length) facts.push(cliFact(cmd, { ...base, object: '', name: '' }));
  return facts;
}
