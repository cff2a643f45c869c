// Attack 13: changing the session environment (AIRLOCK_*) past the tamper rule with builtins that
// assign a variable without `NAME=`. Every one is tampering; nothing of the line runs.
import { describe, it } from 'vitest';
import { TIMEOUT, expectBlocked, expectIntact, sandbox, shell } from './helpers';

describe('attack 13: builtins that assign AIRLOCK_*', () => {
  it.each([
    'printf -v AIRLOCK_ENV development; stub',
    'read -r AIRLOCK_ENV <<< development; stub',
    ': ${AIRLOCK_ENV:=development}; stub',
    ': ${AIRLOCK_ENV=development}; stub',
    'for AIRLOCK_ENV in development; do stub; done',
    'select AIRLOCK_ENV in development; do break; done; stub',
    'mapfile -t AIRLOCK_ENV < /dev/null; stub',
    'readarray AIRLOCK_ENV < /dev/null; stub',
    'declare AIRLOCK_ENV=development; stub',
    'typeset -x AIRLOCK_ENV=development; stub',
    'export AIRLOCK_ENV=development; stub',
    'f() { local AIRLOCK_ENV=development; stub; }; f',
    'let AIRLOCK_GUARDED=0; stub',
    '(( AIRLOCK_GUARDED = 0 )); stub',
    'getopts a AIRLOCK_ENV; stub',
    'unset AIRLOCK_GUARDED; stub',
    "bash -c 'printf -v AIRLOCK_ENV x; stub'",
  ])('%s', (line) => {
    const sb = sandbox();
    expectBlocked(shell(sb, line));
    expectIntact(sb, line);
  }, TIMEOUT);
});
