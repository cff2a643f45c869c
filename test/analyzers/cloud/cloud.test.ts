import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';
import { cliFacts, OPTS, rules } from '../kubernetes/helpers';

describe('aws', () => {
  it('reads --profile anywhere and AWS_PROFILE from the line', async () => {
    for (const line of ['aws --profile prod rds delete-db-instance --db-instance-identifier shop', 'aws rds delete-db-instance --db-instance-identifier shop --profile prod', 'AWS_PROFILE=prod aws rds delete-db-instance --db-instance-identifier shop']) {
      const r = await check(line, OPTS);
      expect(r.findings[0], line).toMatchObject({ rule: 'cloud/database-delete', resource: 'shop', environment: 'production', severity: 'critical' });
    }
  });

  it('makes skipping the final snapshot critical', async () => {
    const r = await check('aws rds delete-db-cluster --db-cluster-identifier c1 --skip-final-snapshot', OPTS);
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual(expect.arrayContaining([['cloud/disable-backups', 'critical'], ['cloud/database-delete', 'critical']]));
  });

  it('takes the s3 destination as the victim', async () => {
    const [f] = await cliFacts('aws s3 sync ./build s3://www-prod --delete');
    expect(f).toMatchObject({ object: 's3', action: 'sync', name: 's3://www-prod', bucket: 'www-prod', deletes: true });
    expect(await rules('aws s3 rm s3://b/k --recursive --dryrun')).toEqual([]);
  });

  it('leaves reads alone', async () => {
    for (const line of ['aws s3 ls s3://b', 'aws ec2 describe-instances --profile prod', 'aws sts get-caller-identity', 'aws logs tail /aws/lambda/x --follow']) expect(await rules(line), line).toEqual([]);
  });
});

describe('gcloud / gsutil / az', () => {
  it('finds the verb after the command group and the project anywhere', async () => {
    const [f] = await cliFacts('gcloud --project shop-prod sql instances delete main --quiet');
    expect(f).toMatchObject({ tool: 'gcloud', object: 'sql instances', action: 'delete', name: 'main', project: 'shop-prod' });
    const r = await check('CLOUDSDK_CORE_PROJECT=shop-staging gcloud compute disks delete d1 --zone=europe-west1-b', OPTS);
    expect(r.findings[0]).toMatchObject({ rule: 'cloud/infrastructure-delete', environment: 'staging' });
  });

  it('flags backups, buckets and resource groups', async () => {
    expect(await rules('gcloud sql backups delete 1700000000 --instance main')).toContain('cloud/backup-delete');
    expect(await rules('gsutil -m rm -r gs://shop-backups')).toContain('cloud/storage-delete');
    expect(await rules('az group delete --name rg-shop-prod --yes --no-wait')).toContain('cloud/infrastructure-delete');
    expect(await rules('az sql db delete -g rg -s srv -n shop')).toContain('cloud/database-delete');
    expect(await rules('gcloud sql instances list')).toEqual([]);
  });
});
