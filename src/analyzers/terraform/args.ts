// Terraform/OpenTofu argv as Go's flag package reads it (`-x`, `--x`, `-x=v`, `-x v`), with the
// global options before the subcommand, TF_CLI_ARGS / TF_CLI_ARGS_<cmd> injected after it, and
// Terragrunt's own flags and command aliases (run-all, run --all, destroy-all...) peeled off first.
import type { Word } from '../../types';
import { tokens, type ArgvSpec } from '../../argv/tokens';

/** Flags that take a value (everything else is boolean). */
const VALUE_FLAGS = new Set([
  'target', 'replace', 'var', 'var-file', 'state', 'state-out', 'backup', 'lock-timeout', 'parallelism', 'out',
  'exclude', 'target-file', 'exclude-file', 'chdir', 'backend-config', 'plugin-dir', 'from-module', 'generate-config-out',
  'lockfile', 'test-directory', 'filter', 'config', 'provider', 'id',
]);

/** Terragrunt flags that take a value (legacy `--terragrunt-*` names and the redesigned ones). */
const TG_VALUE_FLAGS = new Set([
  'working-dir', 'config', 'tf-path', 'tfpath', 'download-dir', 'iam-role', 'iam-assume-role', 'include-dir', 'exclude-dir',
  'queue-include-dir', 'queue-exclude-dir', 'source', 'parallelism', 'log-level', 'log-format', 'units-that-include',
  'filter', 'feature', 'out-dir', 'json-out-dir', 'provider-cache-dir', 'strict-control', 'experiment',
]);
const TG_BOOL_FLAGS = new Set(['all', 'graph', 'non-interactive', 'no-color', 'source-update', 'no-auto-approve', 'queue-ignore-errors', 'queue-include-external', 'ignore-dependency-errors', 'provider-cache', 'no-destroy-dependencies-check', 'destroy-dependencies-check']);

export interface TfArgs {
  /** argv[1..] of terraform after the globals: subcommand first. */
  subcommand: string;
  /** state rm -> "rm", workspace delete -> "delete". */
  sub2: string;
  flags: Map<string, (string | null)[]>;
  positionals: (string | null)[];
  chdir?: string | null;
  /** Terragrunt: run over every unit below the working dir. */
  all: boolean;
  /** Terragrunt legacy aliases that imply -auto-approve (apply-all, spin-up, run-all apply). */
  impliedAutoApprove: boolean;
  /** A word that could be a flag or the subcommand is only known at run time. */
  unresolved: string[];
}

function flagName(s: string): { name: string; value?: string } | null {
  const m = /^--?([A-Za-z][\w-]*)(?:=([\s\S]*))?$/.exec(s);
  return m ? { name: m[1]!, ...(m[2] !== undefined ? { value: m[2] } : {}) } : null;
}

export function parseTerragrunt(words: Word[]): { rest: Word[]; chdir?: string | null; all: boolean; implied: boolean; noAutoApprove: boolean } {
  const rest: Word[] = [];
  let chdir: string | null | undefined;
  let all = false;
  let noAutoApprove = false;
  let command: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const f = w.value !== null && w.value.startsWith('--') ? flagName(w.value) : null;
    const name = f?.name.replace(/^terragrunt-/, '');
    if (f && name && (f.name.startsWith('terragrunt-') || TG_VALUE_FLAGS.has(name) || TG_BOOL_FLAGS.has(name))) {
      const takes = TG_VALUE_FLAGS.has(name) && f.value === undefined;
      const value = f.value !== undefined ? f.value : takes ? (words[++i]?.value ?? null) : 'true';
      if (name === 'working-dir') chdir = value;
      if (name === 'all') all = true;
      if (name === 'no-auto-approve') noAutoApprove = true;
      continue;
    }
    if (w.value === '-a' && command === 'run') {
      all = true;
      continue;
    }
    if (command === null && w.value !== null && !w.value.startsWith('-')) {
      command = w.value;
      if (command === 'run-all') {
        all = true;
        continue;
      }
      if (command === 'run') continue;
      const legacy: Record<string, string> = { 'destroy-all': 'destroy', 'tear-down': 'destroy', 'apply-all': 'apply', 'spin-up': 'apply', 'plan-all': 'plan', 'output-all': 'output', 'validate-all': 'validate' };
      if (legacy[command]) {
        all = true;
        rest.push({ raw: legacy[command]!, value: legacy[command]! });
        continue;
      }
    }
    if (w.value === '--' && (command === 'run' || command === 'run-all')) continue;
    rest.push(w);
  }
  const sub = rest.find((w) => w.value !== null && !w.value.startsWith('-'))?.value;
  // run-all apply (and run --all apply) passes -auto-approve to every unit unless told not to.
  return { rest, ...(chdir !== undefined ? { chdir } : {}), all, implied: all && sub === 'apply' && !noAutoApprove, noAutoApprove };
}

/** A Go flag as Terraform writes them: `-name`, `--name`, with `=value` attached or not. */
const GO_FLAG = /^--?[A-Za-z][\w-]*(?:=[\s\S]*)?$/;
const withDashes = (names: Iterable<string>): string[] => [...names].flatMap((n) => [`-${n}`, `--${n}`]);

/** The global options before the subcommand: only -chdir takes a value. */
const GLOBALS: ArgvSpec = { style: 'go', value: withDashes(['chdir']), isOption: (t) => GO_FLAG.test(t) };

/** The subcommand's own options; a word not knowable still names its flag (`-var-file="$F"`). */
const SUB: ArgvSpec = {
  style: 'go',
  value: withDashes(VALUE_FLAGS),
  isOption: (t) => GO_FLAG.test(t),
  textOf: (w) => {
    const text = w.value ?? w.raw;
    return text.startsWith('-') ? text.replace(/^(['"])(.*)\1$/, '$2') : w.value;
  },
};

export function parseTerraform(words: Word[], cliArgs: (sub: string) => Word[]): Omit<TfArgs, 'all' | 'impliedAutoApprove'> {
  const flags = new Map<string, (string | null)[]>();
  const positionals: (string | null)[] = [];
  const unresolved: string[] = [];
  let chdir: string | null | undefined;
  // Global options come before the subcommand.
  let i = words.length;
  for (const t of tokens(words, GLOBALS)) {
    if (t.kind !== 'option') {
      i = t.kind === 'end' ? t.index - 1 : t.index;
      break;
    }
    if (t.name.replace(/^--?/, '') === 'chdir') chdir = t.value === undefined ? 'true' : t.value;
  }
  const subWord = words[i];
  if (!subWord) return { subcommand: '', sub2: '', flags, positionals, ...(chdir !== undefined ? { chdir } : {}), unresolved };
  if (subWord.value === null) unresolved.push(subWord.raw);
  const subcommand = subWord.value ?? '';
  let rest = words.slice(i + 1);
  let sub2 = '';
  if ((subcommand === 'state' || subcommand === 'workspace') && rest[0]?.value && !rest[0].value.startsWith('-')) {
    sub2 = rest[0].value;
    rest = rest.slice(1);
  } else if ((subcommand === 'state' || subcommand === 'workspace') && rest[0] && rest[0].value === null) unresolved.push(rest[0].raw);
  rest = [...cliArgs(subcommand), ...(sub2 ? cliArgs(`${subcommand}_${sub2}`) : []), ...rest];
  for (const t of tokens(rest, SUB)) {
    if (t.kind === 'end') {
      positionals.push(...rest.slice(t.index).map((x) => x.value));
    } else if (t.kind === 'option') {
      const name = t.name.replace(/^--?/, '');
      flags.set(name, [...(flags.get(name) ?? []), t.value === undefined ? 'true' : t.value]);
    } else {
      if (t.word.value === null && !/^["']/.test(t.word.raw)) unresolved.push(t.word.raw);
      positionals.push(t.word.value);
    }
  }
  return { subcommand, sub2, flags, positionals, ...(chdir !== undefined ? { chdir } : {}), unresolved };
}

/** Go bool flag semantics: present = true, `=false`/`=0` = false. */
export function boolFlag(flags: Map<string, (string | null)[]>, name: string): boolean {
  const vs = flags.get(name);
  if (!vs?.length) return false;
  const v = vs[vs.length - 1];
  return v === null || (v !== undefined && !/^(false|0|f|F|FALSE|False)$/.test(v));
}
