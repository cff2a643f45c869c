// helm: uninstall (aliases del/delete/un/uninstall), rollback, upgrade --force; releases are the victims.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { has, opt, parseArgs } from '../../argv/options';
import { cliFact, show, UNKNOWN } from '../cli-fact';
import { kubeTargets } from './kubectl';

const WITH_VALUE = [
  '--kube-context', '-n', '--namespace', '--kubeconfig', '--kube-apiserver', '--kube-token', '--kube-as-user', '--kube-as-group',
  '--kube-ca-file', '--registry-config', '--repository-cache', '--repository-config', '--burst-limit', '--qps', '--timeout',
  '--description', '--cascade', '-f', '--values', '--set', '--set-string', '--set-file', '--set-json', '--version', '-o', '--output',
  '--post-renderer', '--post-renderer-args', '--history-max', '--max', '--repo', '--username', '--password',
];
const UNINSTALL = new Set(['uninstall', 'un', 'del', 'delete']);

export function analyzeHelm(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: WITH_VALUE });
  const verb = a.pos[0];
  if (verb === undefined) return [];
  const targets = kubeTargets(cmd, ctx, a, '--kube-context');
  const base = { tool: 'helm', flags: a.flags, targets, namespace: show(opt(a, '-n', '--namespace')), dryRun: has(a, '--dry-run'), keepHistory: has(a, '--keep-history') };
  if (verb === null) return [cliFact(cmd, { ...base, action: UNKNOWN })];
  const action = UNINSTALL.has(verb) ? 'uninstall' : verb;
  const names = a.pos.slice(1);
  if (action === 'uninstall') {
    if (!names.length) return [cliFact(cmd, { ...base, action, object: 'release', name: '' })];
    return names.map((n) => cliFact(cmd, { ...base, action, object: 'release', name: n }));
  }
  return [cliFact(cmd, { ...base, action, object: 'release', name: names[0] === undefined ? '' : names[0], force: has(a, '--force') })];
}
