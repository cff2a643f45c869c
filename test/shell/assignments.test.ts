// Variables the line sets, exports or unsets reach the policy as env-assign facts (AIRLOCK_* are
// airlock's own settings), wherever they are: statements, prefixes, env(1), nested bash -c.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/engine';

const assigns = async (line: string) =>
  (await check(line, { cwd: '/tmp' })).facts.filter((f) => f.type === 'env-assign').map((f) => `${f.action as string}:${f.name as string}`);

describe('env-assign facts', () => {
  it('finds sets, exports and unsets', async () => {
    expect(await assigns('export AIRLOCK_ENV=production')).toEqual(['export:AIRLOCK_ENV']);
    expect(await assigns('AIRLOCK_SHELL=/bin/bash bash')).toEqual(['set:AIRLOCK_SHELL']);
    expect(await assigns('unset AIRLOCK_GUARDED AIRLOCK_ENV')).toEqual(['unset:AIRLOCK_GUARDED', 'unset:AIRLOCK_ENV']);
    expect(await assigns('env -u AIRLOCK_GUARDED sh')).toEqual(['unset:AIRLOCK_GUARDED']);
    expect(await assigns('ls; declare -x AIRLOCK_CONFIG_DIR=/tmp/x && ls')).toEqual(['export:AIRLOCK_CONFIG_DIR']);
    expect(await assigns("bash -c 'export AIRLOCK_ENV=prod'")).toEqual(['export:AIRLOCK_ENV']);
    expect(await assigns('sudo AIRLOCK_GUARDED= psql')).toEqual(['set:AIRLOCK_GUARDED']);
  });

  it('ignores reads and text that only mentions a variable', async () => {
    expect(await assigns('echo $AIRLOCK_ENV ${AIRLOCK_GUARDED:-no}; printenv AIRLOCK_ENV')).toEqual([]);
    expect(await assigns('echo "AIRLOCK_ENV=production is how you set it"')).toEqual([]);
  });

  it('keeps the statement as the command', async () => {
    const r = await check('ls; AIRLOCK_ENV=prod psql -c x; pwd', { cwd: '/tmp' });
    expect(r.facts.find((f) => f.type === 'env-assign')!.command).toBe('AIRLOCK_ENV=prod psql -c x');
    expect(r.decision).toBe('deny');
  });
});
