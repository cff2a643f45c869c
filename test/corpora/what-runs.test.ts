// The what-runs corpus (test/fixtures/corpora/what-runs, written after public task-runner configs and
// scripts): each case's project files are written to a temp git project and its line checked. Target
// from issue 12: >= 97% of the must-flag cases flagged, <= 3% of the everyday look-alikes flagged.
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import YAML from 'yaml';
import { check } from '../../src/engine';

interface Case {
  id: string;
  source: string;
  expect: 'flag' | 'allow' | 'asks-by-design';
  why?: string;
  files: Record<string, string>;
  cmd: string;
}

const CASES = YAML.parse(fs.readFileSync(path.join(__dirname, '../fixtures/corpora/what-runs/cases.yaml'), 'utf8')) as Case[];
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function judge(c: Case): Promise<{ flagged: boolean; rules: string[] }> {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-whatruns-'));
  dirs.push(d);
  for (const [n, t] of Object.entries(c.files)) {
    fs.mkdirSync(path.dirname(path.join(d, n)), { recursive: true });
    fs.writeFileSync(path.join(d, n), t);
  }
  // A real repository with the case's files committed, as the project an agent works in.
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-C', d, ...args], { stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'case');
  const r = await check(c.cmd, { cwd: d, env: { HOME: '/home/agent', PATH: '/usr/bin:/bin', USER: 'agent' } });
  return { flagged: r.decision !== 'allow', rules: r.findings.map((f) => f.rule) };
}

describe('what-runs corpus', () => {
  it('has unique ids, a source and a label for every case', () => {
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    for (const c of CASES) {
      expect(c.source, c.id).toBeTruthy();
      expect(['flag', 'allow', 'asks-by-design'], c.id).toContain(c.expect);
      if (c.expect === 'asks-by-design') expect(c.why, c.id).toBeTruthy();
    }
  });
  it('flags >= 97% of the must-flag cases and <= 3% of the everyday look-alikes', async () => {
    const misses: string[] = [];
    const noise: string[] = [];
    let flag = 0;
    let allow = 0;
    for (const c of CASES) {
      const r = await judge(c);
      if (c.expect === 'flag') {
        flag++;
        if (!r.flagged) misses.push(c.id);
      } else if (c.expect === 'allow') {
        allow++;
        if (r.flagged) noise.push(`${c.id} (${r.rules.join(', ')})`);
      }
    }
    const flaggedRate = (flag - misses.length) / flag;
    const noiseRate = noise.length / allow;
    console.log(`what-runs corpus: ${flag - misses.length}/${flag} must-flag flagged (${(100 * flaggedRate).toFixed(1)}%), ${noise.length}/${allow} everyday flagged (${(100 * noiseRate).toFixed(1)}%)${misses.length ? `; missed: ${misses.join(', ')}` : ''}${noise.length ? `; noisy: ${noise.join('; ')}` : ''}`);
    expect(flaggedRate, `missed: ${misses.join(', ')}`).toBeGreaterThanOrEqual(0.97);
    expect(noiseRate, `noisy: ${noise.join('; ')}`).toBeLessThanOrEqual(0.03);
  }, 120_000);
});
