import { describe, expect, it } from 'vitest';
import { maskSecrets, maskValue } from '../../src/util/mask';

const cases: [string, string][] = [
  ['curl -H "Authorization: Bearer abcdefghijklmnopqrstuvwxyz" https://x', 'curl -H "Authorization: Bearer abcd…***" https://x'],
  ["curl -H 'Project-Access-Token: 0123456789abcdef0123' https://backboard.railway.app/graphql/v2", "curl -H 'Project-Access-Token: 0123…***' https://backboard.railway.app/graphql/v2"],
  ['curl -H "Team-Access-Token: 0123456789abcdef0123" x', 'curl -H "Team-Access-Token: 0123…***" x'],
  ['curl -H "x-api-key: sk_live_abcdefghijkl" x', 'curl -H "x-api-key: sk_l…***" x'],
  ['wget --header="Authorization: token ghp_abcdefghijklmnopqrstuvwxyz0123" x', 'wget --header="Authorization: token ghp_…***" x'],
  ['echo Bearer abcdefghijklmnop', 'echo Bearer abcd…***'],
  ['curl -u admin:hunter2hunter2 https://x', 'curl -u admin:hunt…*** https://x'],
  ['curl --user admin:s3cretpassword https://x', 'curl --user admin:s3cr…*** https://x'],
  ['psql postgres://app:supersecretpw@db.prod:5432/app', 'psql postgres://app:supe…***@db.prod:5432/app'],
  ['PGPASSWORD=supersecretpw psql -h db', 'PGPASSWORD=supe…*** psql -h db'],
  ['RAILWAY_TOKEN=0123456789abcdef0123 railway up', 'RAILWAY_TOKEN=0123…*** railway up'],
  ['STRIPE_SECRET="sk_live_0123456789" x', 'STRIPE_SECRET="sk_l…***" x'],
  ['AWS_SECRET_ACCESS_KEY=abcdefghijklmnopqrstuvwxyz aws s3 rb s3://b', 'AWS_SECRET_ACCESS_KEY=abcd…*** aws s3 rb s3://b'],
  ['psql "host=db user=u password=supersecretpw sslmode=require"', 'psql "host=db user=u password=supe…*** sslmode=require"'],
  ['curl "https://api.x.com/v1?api_key=0123456789abcdef0123456789&x=1"', 'curl "https://api.x.com/v1?api_key=0123…***&x=1"'],
  ['railway --token 0123456789abcdef0123456789abcdef up', 'railway --token 0123…*** up'],
  ['mysql --password=abcdefgh12345 -e "drop database x"', 'mysql --password=abcd…*** -e "drop database x"'],
  ['curl -d \'{"password": "supersecretpw"}\' x', 'curl -d \'{"password": "supe…***"}\' x'],
  ['git push https://x-access-token:ghs_abcdefghijklmnopqrstuvwx@github.com/o/r', 'git push https://x-access-token:ghs_…***@github.com/o/r'],
];

describe('maskSecrets', () => {
  it.each(cases)('masks %s', (input, want) => {
    expect(maskSecrets(input)).toBe(want);
  });

  it('leaves ordinary commands alone', () => {
    for (const s of [
      'terraform destroy -target=aws_db_instance.main',
      'rm -rf /tmp/keys keyboard',
      'aws kms schedule-key-deletion --key-id 1234abcd-12ab-34cd-56ef-1234567890ab',
      'psql -h db -c "select 1" --password -d app',
      'railway volume delete --volume vol-123',
    ]) {
      expect(maskSecrets(s)).toBe(s);
    }
  });

  it('is idempotent', () => {
    for (const [input] of cases) expect(maskSecrets(maskSecrets(input))).toBe(maskSecrets(input));
  });

  it('reveals less of short secrets', () => {
    expect(maskValue('abcdefghijklmnop')).toBe('abcd…***');
    expect(maskValue('abcdefgh')).toBe('ab…***');
    expect(maskValue('abc')).toBe('…***');
  });
});
