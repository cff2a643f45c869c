// `airlock hook <harness>` fed the exact JSON each real harness CLI sent its hook (captured by the
// rig's "payload" scenario, test/harnesses, with AIRLOCK_HARNESS_PAYLOADS; one file per harness
// and version in fixtures/measured). The captured call ran `echo payload > marker.txt`; the same
// payload with that command swapped for a flagged one must get the harness's deny form.
import * as fs from 'fs';
import * as path from 'path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_RULES, TIMEOUT, airlock, ensureBuilt, isolatedEnv, type Run } from './helpers';

beforeAll(() => ensureBuilt(), 180_000);

const DIR = path.join(__dirname, 'fixtures', 'measured');
const CAPTURED = 'echo payload > marker.txt';
const DENY = 'airlock-test-nuke --all';
const CONFIRM = 'airlock-test-deploy --to prod';

const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const harnessOf = (file: string) => file.replace(/-\d[\w.]*\.json$/, '');

/** The payload text with the captured command replaced (it sits in the JSON once or more, maybe JSON-quoted twice). */
function withCommand(text: string, command: string): string {
  expect(text).toContain(CAPTURED);
  return text.split(CAPTURED).join(command);
}

/** The reason the agent reads in each harness's deny form. */
function denyReason(harness: string, r: Run): string {
  if (harness === 'copilot') {
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as { permissionDecision: string; permissionDecisionReason: string };
    expect(o.permissionDecision).toBe('deny');
    return o.permissionDecisionReason;
  }
  if (harness === 'cline') {
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as { cancel: boolean; errorMessage: string };
    expect(o.cancel).toBe(true);
    return o.errorMessage;
  }
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  return r.stderr;
}

it('has a measured payload for every harness the rig runs', () => {
  expect(files.map(harnessOf)).toEqual(['claude-code', 'cline', 'codex', 'copilot', 'gemini']);
});

describe.each(files)('measured payload %s', (file) => {
  const harness = harnessOf(file);
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  let env: ReturnType<typeof isolatedEnv>;
  beforeAll(() => {
    env = isolatedEnv({ AIRLOCK_RULESETS: TEST_RULES });
  });

  it('the captured harmless call gets no opinion', async () => {
    const r = await airlock(['hook', harness], { env, input: text });
    expect(r.code, r.stderr).toBe(0);
    if (harness === 'cline') expect(JSON.parse(r.stdout)).toEqual({ cancel: false });
    else expect(r.stdout).toBe('');
  }, TIMEOUT);

  it('the same call with a denied command gets the deny form and the reason', async () => {
    const r = await airlock(['hook', harness], { env, input: withCommand(text, DENY) });
    expect(denyReason(harness, r)).toContain('test/nuke');
  }, TIMEOUT);

  it('the same call with a command that needs a human, and no approver, is blocked naming the approver', async () => {
    const r = await airlock(['hook', harness], { env, input: withCommand(text, CONFIRM) });
    expect(denyReason(harness, r)).toContain('`airlock approver`');
  }, TIMEOUT);
});
