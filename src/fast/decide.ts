// The fast path: allows a line without loading the engine, the heavy analyzers, the grammar or
// the YAML/JSON rulesets, when it can PROVE the full check would allow it too. It runs the
// engine's own code on the subset it can handle exactly: plain lines (src/shell/trivial.ts),
// normalised by the real normalize(), their facts from the real commandFacts() and the real
// analyzers of the light families (files, git, credentials), evaluated by the real evaluate()
// against a build-time snapshot of the built-in policy (snapshot.ts). Anything else (a program
// another family watches, a layer or --ruleset in force, a nested line, a file to read, a finding
// of any kind, an error) answers null: "run the full check". It never denies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, Fact, Redirect } from '../types';
import type { AnalyzeContext, Analyzer } from '../analyzers/types';
import { trivialCommands } from '../shell/trivial';
import { normalize, type NormalizeEnv } from '../normalize';
import { commandFacts } from '../facts';
import { evaluate } from '../policy/evaluate';
import { discoverLayers, workTreeOf } from '../policy/layers';
import { hardened } from '../util/system-mode';
import { lineFacts, selfFacts } from '../analyzers/self';
import { familyKeys } from '../analyzers/keys';
import { loadSnapshot, type Snapshot } from './snapshot';

type Env = Record<string, string | undefined>;

export interface FastOptions {
  cwd: string;
  env: Env;
  /** --env / AIRLOCK_ENV, as the full check receives it. */
  sessionEnvironment?: string;
  /** --ruleset files or AIRLOCK_RULESETS: any of them means the full check. */
  rulesets?: string[];
  /** As CheckOptions.stdinTerminal: false when the command's stdin is not a terminal (a hook, a pipe). */
  stdinTerminal?: boolean;
  /** The snapshot to use (tests); defaults to the one next to the bundle. */
  snapshot?: Snapshot | null;
  /** Told why the line goes to the full check (the bench's profile of which lines take which path). */
  declined?: (reason: string) => void;
}

export interface FastAllow {
  /** Normalised commands, as the full check would report them. */
  commands: Command[];
  facts: Fact[];
  elapsedMs: number;
}

/** src/engine.ts MAX_FILE_BYTES (not imported: the engine is what this path avoids loading). */
export const FAST_MAX_FILE_BYTES = 1024 * 1024;

/** Thrown inside normalize() when it needs something the fast path does not do. */
class NeedsFullCheck extends Error {
  override name = 'NeedsFullCheck';
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/* eslint-disable @typescript-eslint/no-require-imports */
/** The families the fast path runs itself: small, and loading nothing heavy for a plain line. */
const LIGHT: Record<string, () => Analyzer> = {
  files: () => require('../analyzers/files').default,
  git: () => require('../analyzers/git').default,
  credentials: () => require('../analyzers/credentials').default,
  // Argument readers of CLIs (cli/argv facts): small, and anything they reach beyond their
  // arguments (a nested line, a manifest's inline script) goes through the stubs or the bail-outs.
  argv: () => require('../analyzers/argv').default,
  containers: () => require('../analyzers/containers').default,
  kubernetes: () => require('../analyzers/kubernetes').default,
  cloud: () => require('../analyzers/cloud').default,
  platforms: () => require('../analyzers/platforms').default,
  datastores: () => require('../analyzers/datastores').default,
};
/* eslint-enable @typescript-eslint/no-require-imports */
const loaded = new Map<string, Analyzer>();

/** The families a program wakes, as analyzersFor() looks them up; null when one is not light. */
function lightAnalyzers(program: string, families: Map<string, string[]>): Analyzer[] | null {
  let names: string[] = [];
  for (const k of familyKeys(program)) {
    const got = families.get(k);
    if (got) {
      names = got;
      break;
    }
  }
  const out: Analyzer[] = [];
  for (const n of names) {
    const load = LIGHT[n];
    if (!load) return null;
    let a = loaded.get(n);
    if (!a) loaded.set(n, (a = load()));
    out.push(a);
  }
  return out;
}

/** The verdict "allowed, and the full check agrees", or null: run the full check. */
export async function fastAllow(line: string, opts: FastOptions): Promise<FastAllow | null> {
  const why = opts.declined;
  return decideFast(line, opts, (reason) => {
    why?.(reason);
    return null;
  });
}

async function decideFast(line: string, opts: FastOptions, no: (reason: string) => null): Promise<FastAllow | null> {
  const started = nowMs();
  if (opts.rulesets?.length) return no('rulesets');
  const snap = opts.snapshot === undefined ? loadSnapshot() : opts.snapshot;
  if (!snap) return no('no snapshot');
  const walked = trivialCommands(line);
  if (!walked) return no('not a plain line');
  if (walked.errors.length || walked.assignments.length) return no('errors or assignments');
  if (lineFacts(line).length) return no('self-protection (line)');
  const cwd = opts.cwd;
  const resolvePath = (p: string) => path.resolve(cwd, expandHome(p, opts.env));
  const bail = (): never => {
    throw new NeedsFullCheck();
  };
  // As the engine reads files (src/engine.ts check): nothing is written earlier in a line the fast
  // path accepts (recordWrites below), so only the disk.
  const readFile = (p: string): string | null => {
    try {
      const full = resolvePath(p);
      const st = fs.statSync(full);
      if (!st.isFile() || st.size > FAST_MAX_FILE_BYTES) return null;
      return fs.readFileSync(full, 'utf8');
    } catch {
      return null;
    }
  };
  const nenv: NormalizeEnv = {
    // A nested line or a stdin to read: the full check handles those.
    parse: bail,
    readFile,
    stdinText: (c) => (c.stdin ? bail() : null),
    errors: [],
    assignments: [],
    bashRejects: bail,
    // Output thrown away (`>/dev/null`, `2>&1`) writes no file; any other redirect or a tee, the full check.
    recordWrites: (c) => {
      if (c.program === 'tee' || !c.redirects.every(discards)) bail();
    },
    wasWritten: () => false,
    exists: (p) => fs.existsSync(resolvePath(p)),
  };
  let commands: Command[];
  try {
    commands = normalize(walked.commands, nenv);
  } catch {
    // A nested line (NeedsFullCheck), a heavy module the bundle stubs, or a real error: the full
    // check decides, and reports what went wrong.
    return no('normalize: nested line, stdin, redirect or heavy module');
  }
  if (nenv.errors.length || nenv.assignments.length) return no('normalize errors or assignments');
  // As the engine builds it (src/engine.ts): self-protection reads stdinTerminal (a shell or an
  // interpreter reading a stdin nobody checked).
  const ctx: AnalyzeContext = { cwd, env: opts.env, readFile, wasWritten: () => false, parseNested: bail, analyzeNested: bail, exists: nenv.exists, ...(opts.stdinTerminal !== undefined ? { stdinTerminal: opts.stdinTerminal } : {}) };
  const facts: Fact[] = [];
  const consumers = new Map<Command, Command>();
  for (const c of commands) if (c.stdin?.kind === 'pipe' && c.stdin.producer && !consumers.has(c.stdin.producer)) consumers.set(c.stdin.producer, c);
  for (const cmd of commands) {
    // An unknown program, or one a heavy family watches: the full check.
    if (!cmd.program) return no('no program');
    const analyzers = lightAnalyzers(cmd.program, snap.families);
    if (!analyzers) return no(`family of ${cmd.program}`);
    facts.push(...commandFacts(cmd, consumers.get(cmd)));
    // Self-protection looks at every command in the full check too: anything it says (a write to
    // airlock's files or a harness's hooks, a start-up file, a bare interpreter), or anything it
    // would need a heavy family for (the bundle's stubs throw), is the full check's to judge.
    try {
      if ((await selfFacts(cmd, ctx)).length) return no('self-protection');
    } catch {
      return no('self-protection needs a heavy module');
    }
    for (const a of analyzers) {
      let got: Fact[];
      try {
        got = await a.analyze(cmd, ctx);
      } catch {
        // A file to read, a nested line, or an analyzer error (the full check reports it).
        return no(`analyzer ${a.name} of ${cmd.program}`);
      }
      if (cmd.remote) for (const f of got) if (f.remote === undefined) f.remote = cmd.remote;
      // A judgement by what would be lost rests on a git lookup with a time limit: the full check
      // makes its own, so the two paths never answer from two different lookups.
      if (got.some((f) => 'restorable' in f || 'lostCount' in f)) return no('loss lookup');
      facts.push(...got);
    }
  }
  // Layers are looked for exactly as the full check's policy does; with any, the full check.
  // Hardened mode adds the system layer, which the snapshot does not hold.
  if (hardened() || discoverLayers(cwd, workTreeOf(cwd)).length) return no('layers');
  const findings = evaluate(snap.policy, facts, { line, ...(opts.sessionEnvironment ? { sessionEnvironment: opts.sessionEnvironment } : {}) });
  if (findings.length) return no(`finding ${findings[0]!.rule}`);
  return { commands, facts, elapsedMs: nowMs() - started };
}

/** A redirect that writes no file: output to /dev/null, or one descriptor duplicated onto another. */
function discards(r: Redirect): boolean {
  if (r.op === '>&') return /^[0-9]$/.test(r.target?.value ?? '');
  return /^(>|>>|&>|&>>)$/.test(r.op) && r.target?.value === '/dev/null';
}

function expandHome(p: string, env: Env): string {
  const home = env.HOME ?? process.env.HOME ?? '';
  return p === '~' || p.startsWith('~/') ? home + p.slice(1) : p;
}
