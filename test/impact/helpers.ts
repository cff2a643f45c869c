// A scratch git repository and the full pipeline's result for a line run in it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check } from '../../src/engine';
import type { CheckResult } from '../../src/types';

const made: string[] = [];

export function scratch(prefix = 'airlock-impact-'): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(d);
  return d;
}

export function removeScratch(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function write(dir: string, rel: string, text: string | Buffer, mode?: number): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text, mode === undefined ? undefined : { mode });
}

/** A repo with two commits on main and a file in each. */
export function repo(): string {
  const d = scratch();
  git(d, 'init', '-q', '-b', 'main');
  write(d, 'a.txt', 'one\n');
  git(d, 'add', '-A');
  git(d, 'commit', '-q', '-m', 'first');
  write(d, 'b.txt', 'two\n');
  git(d, 'add', '-A');
  git(d, 'commit', '-q', '-m', 'second');
  return d;
}

export function checked(line: string, cwd: string): Promise<CheckResult> {
  return check(line, { cwd });
}
