// Shared helpers: run a line through the full pipeline and look at findings by rule.
import { check } from '../../../src/engine';
import type { CheckOptions, CheckResult, Finding } from '../../../src/types';

export const OPTS: CheckOptions = { cwd: '/tmp/airlock-example-project' };

export async function run(line: string, opts: CheckOptions = {}): Promise<CheckResult> {
  return check(line, { ...OPTS, ...opts });
}

export async function finding(line: string, rule: string, opts: CheckOptions = {}): Promise<Finding | undefined> {
  const r = await run(line, opts);
  return r.findings.find((f) => f.rule === rule);
}

export const RAILWAY = 'https://backboard.railway.app/graphql/v2';
export const VOLUME = '3d2c42fb-7a1e-4c55-9d0e-51f0c2a9e8b1';
/** The body of the incident, JSON-quoted once. */
export const INCIDENT_BODY = `{"query":"mutation { volumeDelete(volumeId: \\"${VOLUME}\\") }"}`;
