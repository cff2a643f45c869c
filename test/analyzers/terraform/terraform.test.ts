// terraform / tofu / terragrunt through the full pipeline.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-tf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (line: string, env?: Record<string, string>) => check(line, { cwd: dir, ...(env ? { env } : {}) });
const rules = async (line: string, env?: Record<string, string>) => (await run(line, env)).findings.map((f) => f.rule);
const tf = async (line: string, env?: Record<string, string>) => (await run(line, env)).facts.filter((f) => f.type === 'terraform');

describe('destructive actions', () => {
  it.each([
    ['terraform destroy', 'terraform/destroy'],
    ['terraform -chdir=envs/prod destroy', 'terraform/destroy'],
    ['tofu destroy -auto-approve', 'terraform/destroy'],
    ['terraform apply -destroy', 'terraform/destroy'],
    ['terraform apply --destroy=true', 'terraform/destroy'],
    ['TF_CLI_ARGS_apply=-destroy terraform apply', 'terraform/destroy'],
    ['terragrunt run-all destroy', 'terraform/destroy'],
    ['terragrunt run --all -- destroy', 'terraform/destroy'],
    ['terragrunt destroy-all', 'terraform/destroy'],
    ['terraform apply -auto-approve', 'terraform/apply-unreviewed'],
    ['env TF_CLI_ARGS="-auto-approve" terraform apply', 'terraform/apply-unreviewed'],
    ['yes | terraform apply', 'terraform/apply-unreviewed'],
    ['terragrunt run-all apply', 'terraform/apply-unreviewed'],
    ['terraform apply -replace=aws_db_instance.main', 'terraform/resource-delete'],
    ['terraform state rm aws_db_instance.main', 'terraform/state-rm'],
    ['terraform state push -force prod.tfstate', 'terraform/state-rewrite'],
    ['terraform state mv a.b a.c', 'terraform/state-rewrite'],
    ['terraform workspace delete -force prod', 'terraform/workspace-delete'],
    ['terraform force-unlock -force 1234', 'terraform/force-unlock'],
    ['terraform taint aws_instance.web', 'terraform/taint'],
    ['terraform apply tfplan', 'terraform/plan-unknown'],
    ['terraform $CMD', 'terraform/unresolved'],
    ['TF_CLI_ARGS_apply="$X" terraform apply', 'terraform/unresolved'],
  ])('%s -> %s', async (line, rule) => {
    const r = await run(line);
    expect(r.findings.map((f) => f.rule)).toContain(rule);
    expect(r.decision).toBe('confirm');
  });

  it.each([
    'terraform plan',
    'terraform plan -destroy -out=destroy.tfplan',
    'terraform init -upgrade',
    'terraform validate',
    'terraform fmt -recursive',
    'terraform show -json tfplan',
    'terraform output -json',
    'terraform state list',
    'terraform state show aws_instance.web',
    'terraform state rm -dry-run aws_instance.web',
    'terraform apply',
    'terraform apply -auto-approve=false',
    'terraform workspace select staging',
    'terragrunt run-all plan',
    'terragrunt plan',
    'tofu import aws_instance.web i-123',
  ])('%s is allowed', async (line) => {
    expect((await run(line)).decision).toBe('allow');
  });
});

describe('facts', () => {
  it('records addresses, chdir, var files and the workspace', async () => {
    const [f] = await tf('TF_WORKSPACE=production terraform -chdir=infra destroy -target=aws_db_instance.main -var-file=prod.tfvars');
    expect(f).toMatchObject({ tool: 'terraform', action: 'destroy', addresses: ['aws_db_instance.main'], chdir: 'infra', varFiles: ['prod.tfvars'], workspace: 'production', resource: 'aws_db_instance.main', infra: true });
  });
  it('reads the selected workspace from .terraform/environment', async () => {
    fs.mkdirSync(path.join(dir, 'stack', '.terraform'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stack', '.terraform', 'environment'), 'staging\n');
    const r = await run('terraform -chdir=stack destroy');
    expect(r.findings[0]).toMatchObject({ rule: 'terraform/destroy', resource: 'staging', environment: 'staging' });
  });
  it('works out the environment from the var file and the directory', async () => {
    expect((await run('terraform destroy -var-file=envs/prod.tfvars')).findings[0]?.environment).toBe('production');
    expect((await run('terragrunt --working-dir envs/staging/db run --all destroy')).findings[0]?.environment).toBe('staging');
  });
  it('a session declared staging may not destroy production', async () => {
    const r = await check('terraform -chdir=envs/production destroy', { cwd: dir, env: {}, sessionEnvironment: 'staging' });
    expect(r.decision).toBe('deny');
  });
});

describe('saved plans', () => {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const plan = (changes: unknown[]) => JSON.stringify({ format_version: '1.2', resource_changes: changes });
  // A stand-in terraform that prints the JSON stored next to the plan file.
  fs.writeFileSync(path.join(bin, 'terraform'), '#!/bin/sh\n[ "$1" = show ] && [ "$2" = -json ] || exit 3\n/bin/cat "$4.json"\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'del.tfplan.json'), plan([
    { address: 'aws_db_instance.main', mode: 'managed', type: 'aws_db_instance', change: { actions: ['delete'], before: { identifier: 'prod-db' } }, action_reason: 'delete_because_no_resource_config' },
    { address: 'aws_instance.web', mode: 'managed', type: 'aws_instance', change: { actions: ['delete', 'create'], before: { id: 'i-1' } } },
    { address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', change: { actions: ['update'] } },
    { address: 'data.aws_ami.x', mode: 'data', type: 'aws_ami', change: { actions: ['delete'] } },
  ]));
  fs.writeFileSync(path.join(dir, 'ok.tfplan.json'), plan([{ address: 'aws_s3_bucket.logs', mode: 'managed', change: { actions: ['create'] } }]));
  fs.writeFileSync(path.join(dir, 'v2.tfplan.json'), JSON.stringify({ format_version: '2.0', resource_changes: [] }));
  const env = { PATH: bin };

  it('lists every deleted or replaced resource', async () => {
    const r = await run('terraform apply del.tfplan', env);
    expect(r.findings.filter((f) => f.rule === 'terraform/resource-delete').map((f) => f.resource)).toEqual(['aws_db_instance.main', 'aws_instance.web']);
    expect(r.decision).toBe('confirm');
  });
  it('allows a saved plan that deletes nothing', async () => {
    expect((await run('terraform apply ok.tfplan', env)).decision).toBe('allow');
  });
  it('fails closed on an unreadable or unknown-format plan', async () => {
    expect(await rules('terraform apply missing.tfplan', env)).toContain('terraform/plan-unknown');
    expect(await rules('terraform apply v2.tfplan', env)).toContain('terraform/plan-unknown');
    expect(await rules('terraform apply del.tfplan', {})).toContain('terraform/plan-unknown');
  });
});
