import { describe, expect, it } from 'vitest';
import { lineFacts } from '../../src/policy/line-facts';

const names = (line: string) => lineFacts(line).map((f) => `${f.action}:${f.name as string}`);

describe('AIRLOCK_* assignments in the line', () => {
  it('finds sets, exports and unsets', () => {
    expect(names('export AIRLOCK_ENV=production')).toEqual(['export:AIRLOCK_ENV']);
    expect(names('AIRLOCK_SHELL=/bin/bash bash')).toEqual(['set:AIRLOCK_SHELL']);
    expect(names('unset AIRLOCK_GUARDED AIRLOCK_ENV')).toEqual(['unset:AIRLOCK_GUARDED', 'unset:AIRLOCK_ENV']);
    expect(names('env -u AIRLOCK_GUARDED sh')).toEqual(['unset:AIRLOCK_GUARDED']);
    expect(names('ls; declare -x AIRLOCK_CONFIG_DIR=/tmp/x && ls')).toEqual(['export:AIRLOCK_CONFIG_DIR']);
  });
  it('ignores reads', () => {
    expect(names('echo $AIRLOCK_ENV ${AIRLOCK_GUARDED:-no}; printenv AIRLOCK_ENV')).toEqual([]);
  });
  it('keeps the segment as the command', () => {
    expect(lineFacts('ls; AIRLOCK_ENV=prod psql -c x; pwd')[0]!.command).toBe('AIRLOCK_ENV=prod psql -c x');
  });
});
