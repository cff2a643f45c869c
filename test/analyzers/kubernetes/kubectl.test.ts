import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';
import { cliFacts, OPTS, rules } from './helpers';

describe('kubectl', () => {
  it('reads global options before and after the verb', async () => {
    for (const line of ['kubectl -n prod --context eks-prod delete pvc data', 'kubectl delete pvc data -n prod --context=eks-prod', 'kubectl --namespace=prod delete persistentvolumeclaims/data --context eks-prod']) {
      const [f] = await cliFacts(line);
      expect(f).toMatchObject({ tool: 'kubectl', action: 'delete', object: 'persistentvolumeclaim', name: 'data', namespace: 'prod', context: 'eks-prod' });
      expect(f!.targets).toEqual(expect.arrayContaining([{ kind: 'kube-context', value: 'eks-prod' }, { kind: 'namespace', value: 'prod' }]));
    }
  });

  it('places the environment from the context and confirms with the resource name', async () => {
    const r = await check('kubectl --context prod-eu delete ns payments', OPTS);
    expect(r.decision).toBe('confirm');
    expect(r.findings[0]).toMatchObject({ rule: 'kubernetes/delete-namespace', resource: 'payments', environment: 'production', severity: 'critical' });
  });

  it('denies across an environment wall', async () => {
    const r = await check('kubectl --context prod-eu get pods', { ...OPTS, sessionEnvironment: 'staging' });
    expect(r.decision).toBe('deny');
  });

  it('reads the current context from KUBECONFIG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-kube-'));
    writeFileSync(join(dir, 'config'), 'apiVersion: v1\ncurrent-context: gke_shop_europe-west1_production\n');
    const r = await check('kubectl delete deploy api', { cwd: dir, env: { KUBECONFIG: join(dir, 'config') } });
    expect(r.findings[0]).toMatchObject({ rule: 'kubernetes/delete-workload', environment: 'production' });
  });

  it('splits kinds and names', async () => {
    const facts = await cliFacts('kubectl delete svc,deploy api web');
    expect(facts.map((f) => `${f.object}/${f.name}`)).toEqual(['service/api', 'service/web', 'deployment/api', 'deployment/web']);
  });

  it('reads the kinds in a manifest given with -f', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-kube-'));
    writeFileSync(join(dir, 'db.yaml'), 'kind: PersistentVolumeClaim\nmetadata:\n  name: pgdata\n  namespace: db\n---\nkind: Service\nmetadata:\n  name: pg\n');
    const r = await check('kubectl delete -f db.yaml', { cwd: dir, env: {} });
    expect(r.findings.map((f) => [f.rule, f.resource])).toEqual(expect.arrayContaining([['kubernetes/delete-storage', 'pgdata'], ['kubernetes/delete-workload', 'service/pg']]));
  });

  it('lets read-only and dry-run commands through', async () => {
    for (const line of ['kubectl get pods -A', 'kubectl describe ns prod', 'kubectl delete ns prod --dry-run=server', 'kubectl logs api-1 -f', 'kubectl apply -f k8s/']) {
      expect(await rules(line), line).toEqual([]);
    }
  });

  it('flags drain, scale to zero, prune, replace --force and unknown verbs', async () => {
    expect(await rules('kubectl drain node-1 --ignore-daemonsets')).toContain('kubernetes/drain');
    expect(await rules('kubectl scale statefulset pg --replicas=0')).toContain('kubernetes/scale-to-zero');
    expect(await rules('kubectl apply --prune -l app=x -f k8s/')).toContain('kubernetes/apply-prune');
    expect(await rules('kubectl replace --force -f a.yaml')).toContain('kubernetes/replace-force');
    expect(await rules('kubectl $VERB ns prod', { cwd: '/tmp' })).toContain('kubernetes/unresolved');
  });

  it('sees kubectl behind sudo and ssh', async () => {
    expect(await rules('sudo kubectl delete ns shop')).toContain('kubernetes/delete-namespace');
    expect(await rules("ssh bastion 'kubectl delete pvc data -n db'")).toContain('kubernetes/delete-storage');
  });
});

describe('helm', () => {
  it('uninstall and its aliases name the release', async () => {
    for (const line of ['helm uninstall api -n prod', 'helm del api', 'helm --kube-context prod delete api', 'helm un api']) {
      const r = await check(line, OPTS);
      expect(r.findings[0], line).toMatchObject({ rule: 'kubernetes/helm-uninstall', resource: 'api' });
    }
    expect(await rules('helm uninstall api --dry-run')).toEqual([]);
    expect(await rules('helm list -A')).toEqual([]);
  });
});
