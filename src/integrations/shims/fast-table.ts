// Shims that cost nothing for harmless calls. Each shim script carries a table of the argument
// shapes of its program that the full check allows whatever the rest of the arguments are: such a
// call execs the real program from sh, with no Node start. Everything else goes to `airlock shim`.
//
// The table starts from candidates (info-only flags of every program, the read-only subcommands
// with plain arguments a family declares: `shim.reads`, src/generated/shims.generated.ts) and is generated at build time (dist/shim-table.json): a candidate is kept
// only when the full check allows it with a battery of arguments, and allows every rule example
// and everyday line that it would cover (see buildShimTable). The fast path also steps aside when
// any ruleset layer (user, project, AIRLOCK_RULESETS) is in force, exactly like src/fast.
import type { CheckResult } from '../../types';
import { singleQuote as shq } from '../../util/shell-quote';

export interface ShimFastEntry {
  /** The first argument, exactly. */
  first: string;
  /** 'none': no further argument; 'plain': any further arguments made of PLAIN_ARG characters, none starting with a DENIED_PREFIX. */
  rest: 'none' | 'plain';
}

export type ShimFastTable = Record<string, ShimFastEntry[]>;

/** Characters of arguments the 'plain' shape accepts (as a sh bracket expression below). */
export const PLAIN_ARG = /^[A-Za-z0-9_./:=@%+,-]*$/;
const PLAIN_SH = 'A-Za-z0-9_./:=@%+,-';
/** Options of read-only subcommands (git's) that write files or run programs. */
export const DENIED_PREFIX = ['--output', '-O', '--open-files-in-pager', '--ext-diff', '--exec', '--upload-pack', '--receive-pack', '-c'];

const INFO_ONLY = ['--version', '--help'];

/** The candidates for these shimmed programs, before validation. */
export function shimCandidates(programs: string[]): ShimFastTable {
  // Build time only: required here so the shims' runtime (and the hook) never load the tables.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NO_INFO_ONLY, SHIM_READS } = require('../../generated/shims.generated') as typeof import('../../generated/shims.generated');
  const out: ShimFastTable = {};
  for (const p of programs) {
    const list: ShimFastEntry[] = NO_INFO_ONLY.has(p) ? [] : INFO_ONLY.map((first) => ({ first, rest: 'none' as const }));
    list.push(...(SHIM_READS[p] ?? []).map((first) => ({ first, rest: 'plain' as const })));
    if (list.length) out[p] = list;
  }
  return out;
}

/** What the shim script decides (mirrored in shell by shimFastSh): true = exec the real program directly. */
export function shimFastAllows(table: ShimFastTable, program: string, args: string[]): boolean {
  const entries = table[program];
  if (!entries || args.length === 0) return false;
  for (const e of entries) {
    if (args[0] !== e.first) continue;
    if (e.rest === 'none') {
      if (args.length === 1) return true;
      continue;
    }
    if (args.slice(1).every((a) => PLAIN_ARG.test(a) && !DENIED_PREFIX.some((d) => a.startsWith(d)))) return true;
  }
  return false;
}

/** Each argument single-quoted (as `airlock shim` builds the line it checks). */

/** Arguments the validation tries after each 'plain' entry. */
const PROBE_TAILS = [[], ['--oneline'], ['-n', '5'], ['HEAD'], ['main'], ['origin/main'], ['--porcelain'], ['--', '.'], ['-z'], ['--stat', 'HEAD~1'], ['-p', 'src/x.ts'], ['--name-only'], ['--all']];

/**
 * Build time: keeps the candidates the full check agrees with. `lines` are rule examples and
 * everyday lines already split into argv (program, args); any of them a kept entry would let
 * through while the full check does not allow it drops that entry.
 */
export async function buildShimTable(
  candidates: ShimFastTable,
  check: (line: string) => Promise<CheckResult>,
  lines: { program: string; args: string[] }[],
): Promise<ShimFastTable> {
  const out: ShimFastTable = {};
  for (const [program, entries] of Object.entries(candidates)) {
    const kept: ShimFastEntry[] = [];
    for (const e of entries) {
      const probes = e.rest === 'none' ? [[e.first]] : PROBE_TAILS.map((t) => [e.first, ...t].filter((a) => PLAIN_ARG.test(a)));
      const covered = lines.filter((l) => l.program === program && shimFastAllows({ [program]: [e] }, program, l.args)).map((l) => l.args);
      let ok = true;
      for (const args of [...probes, ...covered]) {
        if ((await check([program, ...args].map(shq).join(' '))).decision !== 'allow') {
          ok = false;
          break;
        }
      }
      if (ok) kept.push(e);
    }
    if (kept.length) out[program] = kept;
  }
  return out;
}


/**
 * The shell text of a shim's fast path: when "$@" fits an entry and no ruleset layer is in force,
 * find the real program on PATH (skipping airlock shims) and exec it. Falls through otherwise.
 */
export function shimFastSh(name: string, entries: ShimFastEntry[] | undefined, marker: string): string[] {
  if (!entries?.length) return [];
  const none = entries.filter((e) => e.rest === 'none').map((e) => shq(e.first));
  const plain = entries.filter((e) => e.rest === 'plain').map((e) => shq(e.first));
  const denied = DENIED_PREFIX.map((d) => `${shq(d)}*`).join('|');
  const lines = ['airlock_fast=0', 'if [ -z "${AIRLOCK_RULESETS:-}" ] && [ "${AIRLOCK_NO_FAST:-}" != 1 ] && [ -n "${HOME:-}" ]; then'];
  if (none.length) lines.push(`  if [ $# -eq 1 ]; then case $1 in ${none.join('|')}) airlock_fast=1;; esac; fi`);
  if (plain.length) {
    lines.push(
      `  if [ $# -ge 1 ]; then case $1 in ${plain.join('|')})`,
      '    airlock_fast=1; airlock_i=0',
      '    for airlock_a in "$@"; do',
      '      airlock_i=$((airlock_i + 1)); [ $airlock_i -eq 1 ] && continue',
      `      case $airlock_a in *[!${PLAIN_SH}]*|${denied}) airlock_fast=0; break;; esac`,
      '    done;;',
      '  esac; fi',
    );
  }
  lines.push(
    // Any user or project ruleset layer: the full check (src/policy/layers.ts discoverLayers).
    '  if [ $airlock_fast = 1 ]; then',
    '    airlock_cfg=${AIRLOCK_CONFIG_DIR:-${XDG_CONFIG_HOME:+$XDG_CONFIG_HOME/airlock}}; airlock_cfg=${airlock_cfg:-$HOME/.config/airlock}',
    '    for airlock_f in "$airlock_cfg"/* "$airlock_cfg"/.[!.]*; do [ -e "$airlock_f" ] && airlock_fast=0; done',
    // The layers are looked for from the real cwd: a symlink on the way, and the full check decides.
    '    airlock_d=$PWD',
    '    while [ $airlock_fast = 1 ]; do',
    '      { [ -e "$airlock_d/.airlock" ] || [ -L "$airlock_d" ]; } && { airlock_fast=0; break; }',
    '      { [ -e "$airlock_d/.git" ] || [ -z "$airlock_d" ] || [ "$airlock_d" = / ]; } && break',
    '      airlock_d=${airlock_d%/*}',
    '    done',
    '  fi',
    '  if [ $airlock_fast = 1 ]; then',
    '    airlock_ifs=$IFS; IFS=:; set -f',
    '    for airlock_p in $PATH; do',
    '      case $airlock_p in /*) ;; *) continue;; esac',
    `      airlock_c=$airlock_p/${name}`,
    '      [ -f "$airlock_c" ] && [ -x "$airlock_c" ] || continue',
    '      airlock_l2=; { read -r airlock_l1; read -r airlock_l2; } < "$airlock_c" 2>/dev/null',
    `      [ "$airlock_l2" = ${shq(marker)} ] && continue`,
    '      IFS=$airlock_ifs; set +f',
    '      AIRLOCK_GUARDED=1; AIRLOCK_SHIM_PID=$$; export AIRLOCK_GUARDED AIRLOCK_SHIM_PID',
    '      exec "$airlock_c" "$@"',
    '    done',
    '    IFS=$airlock_ifs; set +f',
    '  fi',
    'fi',
  );
  return lines;
}
