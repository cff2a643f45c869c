import { describe, expect, it } from 'vitest';
import { classify, DEFAULT_ENVIRONMENTS, isProductionLike, parseUrl, tokens } from '../../src/policy/environment';
import type { Target } from '../../src/types';

const env = (targets: Target[], extra = {}) => classify(targets, { ...DEFAULT_ENVIRONMENTS, ...extra });
const host = (value: string): Target => ({ kind: 'host', value });

describe('tokens', () => {
  it('splits punctuation, camelCase and digits into whole tokens', () => {
    expect(tokens('myProdDb2.eu-west')).toEqual(['my', 'prod', 'db', '2', 'eu', 'west']);
    expect(tokens('products_db')).toEqual(['products', 'db']);
  });
});

describe('classify', () => {
  it('matches name tokens, not substrings', () => {
    expect(env([host('prod-db.example.com')])).toBe('production');
    expect(env([host('product-db.internal')])).toBe('unknown');
    expect(env([host('prodigy.example.com')])).toBe('unknown');
    expect(env([host('staging-db.internal')])).toBe('staging');
    expect(env([host('db.prod1.acme.io')])).toBe('production');
  });

  it('treats an unknown remote as unknown (production-like) and local targets as development', () => {
    expect(env([host('db.example.com')])).toBe('unknown');
    expect(isProductionLike('unknown')).toBe(true);
    expect(env([host('localhost')])).toBe('development');
    expect(env([host('/var/run/postgresql')])).toBe('development');
    expect(env([])).toBe('local');
  });

  it('takes the strictest environment any target names', () => {
    expect(env([host('staging-db.internal'), host('prod-db.internal')])).toBe('production');
    expect(env([host('staging-db.internal'), host('db.example.com')])).toBe('unknown');
    expect(env([host('prod-staging-copy.internal')])).toBe('production');
  });

  it('reads host and database out of connection strings, not user names or passwords', () => {
    expect(parseUrl('postgres://u:p@db.x.io:5432/app_production')).toEqual({ host: 'db.x.io', database: 'app_production' });
    expect(parseUrl('host=stg-db dbname=app')).toEqual({ host: 'stg-db', database: 'app' });
    expect(env([{ kind: 'connection', value: 'postgres://prod_user@staging-db.internal/app' }])).toBe('staging');
    expect(env([{ kind: 'connection', value: 'postgres://u@db.x.io/app_production' }])).toBe('production');
  });

  it('uses declared matchers per target kind', () => {
    const extra = {
      staging: { ...DEFAULT_ENVIRONMENTS.staging, railway: ['env_1b2c*'], workspaces: ['blue'], kube_contexts: ['kind-acme'], aws_accounts: ['2222'], gcp_projects: ['acme-s'], paths: ['**/envs/b/**'] },
    };
    for (const t of [
      { kind: 'railway-environment', value: 'env_1b2c9' }, { kind: 'workspace', value: 'blue' }, { kind: 'kube-context', value: 'kind-acme' },
      { kind: 'aws-account', value: '2222' }, { kind: 'gcp-project', value: 'acme-s' }, { kind: 'path', value: '/r/envs/b/main.tf' },
    ] as Target[]) expect(env([t], extra), t.value).toBe('staging');
    expect(env([{ kind: 'workspace', value: 'default' }], extra)).toBe('unknown');
    expect(env([{ kind: 'token', value: '.env.staging' }])).toBe('staging');
  });
});
