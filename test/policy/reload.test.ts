// A long-lived process (the hook server) picks up ruleset edits without restarting.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/engine';
import { POLICY_RECHECK } from '../../src/policy';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-reload-'));
const prev = { cfg: process.env.AIRLOCK_CONFIG_DIR, ms: POLICY_RECHECK.ms };
afterAll(() => {
  process.env.AIRLOCK_CONFIG_DIR = prev.cfg;
  POLICY_RECHECK.ms = prev.ms;
  fs.rmSync(dir, { recursive: true, force: true });
});

const RULE = `rules:
  - id: team/no-cowsay
    description: test rule
    severity: low
    decision: confirm
    match: { type: command, program: cowsay }
    message: no cows
    examples: { match: ['cowsay hi'], no_match: ['ls'] }
`;

describe('policy reload', () => {
  it('sees a user ruleset added, then removed, while the process runs', async () => {
    process.env.AIRLOCK_CONFIG_DIR = dir;
    POLICY_RECHECK.ms = 0;
    const opts = { cwd: os.tmpdir(), env: { HOME: dir } };
    expect((await check('cowsay hi', opts)).decision).toBe('allow');
    fs.writeFileSync(path.join(dir, 'team.yaml'), RULE);
    expect((await check('cowsay hi', opts)).findings.map((f) => f.rule)).toContain('team/no-cowsay');
    fs.rmSync(path.join(dir, 'team.yaml'));
    expect((await check('cowsay hi', opts)).decision).toBe('allow');
  });
});
