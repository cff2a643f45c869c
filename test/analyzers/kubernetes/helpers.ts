// Shared by the breadth-family tests: run a line through the full pipeline and pick out what matters.
import { check } from '../../../src/engine';
import type { CheckOptions, Fact } from '../../../src/types';

export const OPTS: CheckOptions = { cwd: '/tmp/airlock-breadth-none', env: { HOME: '/tmp/airlock-breadth-none' } };

export async function rules(line: string, opts: CheckOptions = OPTS): Promise<string[]> {
  return (await check(line, opts)).findings.map((f) => f.rule);
}

export async function cliFacts(line: string, opts: CheckOptions = OPTS): Promise<Fact[]> {
  return (await check(line, opts)).facts.filter((f) => f.type === 'cli');
}
