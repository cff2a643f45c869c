// Terminal manners of the built CLI: closed pipes, typos, completions and the man page, all from the
// same commander definitions as --help.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editDistance, nearestCommand } from '../../src/cli/typo';

const BIN = path.resolve(__dirname, '../../bin/airlock');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, timeout: 30000 });
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The subcommands `airlock --help` lists (and `airlock rules --help`). */
const helpCommands = (args: string[]): string[] => {
  const out = run([...args, '--help']).stdout;
  return [...out.slice(out.indexOf('Commands:')).matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
};

describe('output closed by its reader', () => {
  // The reader is gone before airlock writes a byte: every write fails with EPIPE.
  const closed = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  for (const args of [['rules', 'list'], ['rules', 'show', 'airlock/approver'], ['log'], ['man'], ['explain', '--', 'rm -rf /'], ['completion', 'bash']]) {
    it(`airlock ${args.join(' ')} exits 0 without a stack trace`, async () => {
      const r = await closed(args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
  }
});

describe('typos', () => {
  it('suggests the nearest subcommand for a word that is not a file', () => {
    const r = run(['explian', '--', 'ls']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Did you mean:\n  airlock explain');
    expect(run(['rulse']).stderr).toContain('airlock rules');
    expect(run(['doctr']).stderr).toContain('airlock doctor');
  });

  it('runs an existing file as a bash script, even when its name is close to a subcommand', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-typo-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'explian'), 'echo ran-the-script\n');
    const r = spawnSync(process.execPath, [BIN, 'explian'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    expect(r.stdout).toBe('ran-the-script\n');
    expect(r.status).toBe(0);
  });

  it('leaves words far from every subcommand to bash (no such file: 127)', () => {
    const r = run(['zzzzqqq']);
    expect(r.status).toBe(127);
    expect(r.stderr).not.toContain('Did you mean');
  });

  it('measures edits the way a typist makes them', () => {
    expect(editDistance('explian', 'explain')).toBe(1);
    expect(editDistance('', 'log')).toBe(3);
    expect(nearestCommand('instal', ['install', 'uninstall'])).toBe('install');
    expect(nearestCommand('app', ['approver', 'log'])).toBe('approver');
    expect(nearestCommand('kubectl', ['check', 'log'])).toBeNull();
  });
});

describe('completions and man page', () => {
  const top = helpCommands([]);
  const rules = helpCommands(['rules']);

  it('--help lists the commands the generators must cover', () => {
    expect(top).toEqual(expect.arrayContaining(['explain', 'check', 'approver', 'rules', 'doctor', 'completion', 'man']));
    expect(rules).toEqual(expect.arrayContaining(['list', 'show', 'lint', 'test']));
  });

  it('bash: valid syntax, completes every subcommand and their options', () => {
    const r = run(['completion', 'bash']);
    expect(r.status).toBe(0);
    expect(spawnSync('bash', ['-n'], { input: r.stdout }).status).toBe(0);
    // Drive the completion function as bash would, with COMP_WORDS set.
    const complete = (words: string[]) =>
      spawnSync('bash', ['-c', `${r.stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _airlock; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    expect(complete(['airlock', ''])).toEqual(expect.arrayContaining(top));
    expect(complete(['airlock', 'ex'])).toEqual(['explain']);
    expect(complete(['airlock', 'rules', ''])).toEqual(expect.arrayContaining(rules));
    expect(complete(['airlock', 'explain', '--j'])).toEqual(['--json']);
    expect(complete(['airlock', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('zsh and fish: every subcommand with its description', () => {
    const zsh = run(['completion', 'zsh']).stdout;
    const fish = run(['completion', 'fish']).stdout;
    expect(zsh.startsWith('#compdef airlock')).toBe(true);
    for (const c of top) {
      expect(zsh).toContain(`'${c}:`);
      expect(fish).toContain(`-a ${c} -d`);
    }
    for (const c of rules) expect(zsh).toContain(`_airlock_rules_${c}()`);
    expect(run(['completion', 'tcsh']).status).toBe(2);
  });

  it('man: every command, its options and the exit status table', () => {
    const r = run(['man']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('.TH AIRLOCK 1 ')).toBe(true);
    for (const c of top) expect(r.stdout).toMatch(new RegExp(`^\\.B ${c}\\b`, 'm'));
    for (const c of rules) expect(r.stdout).toContain(`.B rules ${c}`);
    expect(r.stdout).toContain('\\-\\-json');
    const exit = r.stdout.slice(r.stdout.indexOf('.SH EXIT STATUS'));
    for (const code of ['0', '1', '2', '70', '126', '127']) expect(exit).toContain(`.B ${code}\n`);
  });
});

describe('README exit status table', () => {
  it('is the table the man page prints', async () => {
    const { EXIT_CODES } = await import('../../src/cli/command-docs');
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    for (const [code, what] of EXIT_CODES) expect(readme).toContain(`| ${code} | ${what.replace(/\|/g, '\\|')} |`);
  });
});
