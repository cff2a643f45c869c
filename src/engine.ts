// check(): the one entry to the pipeline. line -> shell -> normalize -> analyzers -> policy.
// Fails closed: parse errors, limits, and analyzer crashes become findings, never a silent allow.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckOptions, CheckResult, Command, Fact, Finding } from './types';
import type { AnalyzeContext } from './analyzers/types';
import { extractCommands, Scope } from './shell/walk';
import { normalize, type NormalizeEnv } from './normalize';
import { analyzersFor } from './analyzers';
import { loadPolicy, type Policy } from './policy';
import { evaluate, strictest } from './policy/evaluate';
import { commandFacts } from './facts';
import { outputText, pipeText } from './shell/stdin';
import { trivialCommands } from './shell/trivial';
import { joinContinuations, shellRejects } from './shell/syntax';
import { ensureShellParser, ShellParserNotReady } from './shell/parser';
import { AirlockError, type AirlockErrorCode } from './errors';
import { lineFacts, selfFacts } from './analyzers/self';
import { sha256Hex } from './util/sha256';
import { globNow } from './util/glob-now';

/** Lines longer than this are not analysed: confirm. */
export const MAX_LINE_BYTES = 256 * 1024;
/** Files read for bodies, SQL and scripts. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Fail-safe: a check still running after this gives up with confirm. The design target is far lower
 * (250 ms worst case, measured by `npm run bench`); this bound only keeps a pathological input or a
 * loaded machine from hanging a command. */
export const CHECK_BUDGET_MS = 1000;

/** Monotonic milliseconds; the `performance` global would load perf_hooks (~several ms cold). */
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Runs the synchronous walk; when it needs the WebAssembly parser that is not loaded yet, loads it
 * (once per process) and runs the walk again after `reset`. */
async function parseLine<T>(walk: () => T, reset: (loadMs: number) => void): Promise<T> {
  try {
    return walk();
  } catch (e) {
    if (!(e instanceof ShellParserNotReady)) throw e;
    const t0 = nowMs();
    await ensureShellParser();
    reset(nowMs() - t0);
    return walk();
  }
}

export interface EngineOptions extends CheckOptions {
  /** The policy to judge by, already loaded (the example runner passes the one it verifies).
   * Default: the policy of policyCwd/rulesets, its non-built-in examples verified once. */
  policy?: Policy;
}

export async function check(line: string, opts: EngineOptions = {}): Promise<CheckResult> {
  const started = nowMs();
  const errors: string[] = [];
  // What went wrong, by code (the messages in `errors` are for people).
  const errorCodes = new Set<AirlockErrorCode>();
  const fail = (code: AirlockErrorCode, message: string): void => {
    errors.push(message);
    errorCodes.add(code);
  };
  // The shell and normalize stages report syntax they cannot place and nesting past the limits here.
  const parseProblems: string[] = [];
  const takeParseProblems = (): void => {
    if (!parseProblems.length) return;
    errorCodes.add('parse');
    errors.push(...parseProblems.splice(0));
  };
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? null;
  // Files read from disk, for the runner to verify right before exec (src/run/reads.ts).
  const reads = new Map<string, { path: string; sha256: string; target?: string }>();
  const result = (commands: Command[], facts: Fact[], findings: Finding[]): CheckResult => ({
    decision: strictest(findings.map((f) => f.decision)),
    findings,
    commands,
    facts,
    errors,
    codes: [...errorCodes],
    elapsedMs: nowMs() - started,
    reads: [...reads.values()],
  });

  if (Buffer.byteLength(line) > MAX_LINE_BYTES) {
    fail('too-large', `command line longer than ${MAX_LINE_BYTES} bytes`);
    return result([], [], [coreFinding('core/too-large', `The command line is over ${MAX_LINE_BYTES / 1024} KiB, more than airlock analyses. Split it into smaller commands or write it to a script and ask your human to review it.`, line)]);
  }

  // Files this line writes before it reads them (`cat > x.sql <<EOF ... EOF; psql -f x.sql`):
  // their content as written (null: written with content we cannot know).
  const written = new Map<string, string | null>();
  const resolvePath = (p: string) => path.resolve(cwd, expandHome(p, env));
  const readFile = (p: string): string | null => {
    const w = written.get(resolvePath(p));
    if (w !== undefined) return w;
    if (opts.noFileReads) return null;
    try {
      const full = resolvePath(p);
      const st = fs.statSync(full);
      if (!st.isFile() || st.size > MAX_FILE_BYTES) return null;
      const text = fs.readFileSync(full, 'utf8');
      if (!reads.has(full)) {
        const real = fs.realpathSync(full);
        reads.set(full, { path: full, sha256: sha256Hex(text), ...(real !== full ? { target: real } : {}) });
      }
      return text;
    } catch {
      return null;
    }
  };

  const parse = (text: string, positional?: (string | null)[]) => trivialCommands(text) ?? extractCommands(joinContinuations(text), new Scope(env, null, positional ?? null));
  // Which shells may run the line: the one we were told, else bash plus the user's zsh.
  const shells = opts.shell ? [opts.shell] : env && !/(^|\/)zsh$/.test(env.SHELL ?? '') ? ['bash'] : undefined;
  const rejects = (text: string) => shellRejects(text, shells);
  const recordWrites = (c: Command): void => {
    for (const r of c.redirects) {
      if (!/^(>|>>|>\||&>|&>>)$/.test(r.op) || (r.fd !== null && r.fd !== 1) || !r.target?.value) continue;
      const out = outputText(c, readFile);
      const before = r.op.endsWith('>>') ? readFile(r.target.value) : '';
      written.set(resolvePath(r.target.value), out === null || before === null ? null : before + out);
    }
    if (c.program === 'tee') for (const w of c.argv.slice(1)) if (w.value && !w.value.startsWith('-')) written.set(resolvePath(w.value), outputText(c, readFile));
  };
  const nenv: NormalizeEnv = { parse, readFile, stdinText: (c) => pipeText(c, readFile), errors: parseProblems, assignments: [], bashRejects: rejects, recordWrites, wasWritten: (p) => written.has(resolvePath(p)), exists: (p) => opts.noFileReads === true || fs.existsSync(resolvePath(p)), glob: (p) => (opts.noFileReads ? null : globNow(expandHome(p, env), cwd)) };
  let commands: Command[];
  // A one-time load of the parser is not analysis time: it does not count against the fail-safe.
  let parserLoadMs = 0;
  try {
    commands = await parseLine(() => {
      const walked = trivialCommands(line) ?? extractCommands(joinContinuations(line), new Scope(env));
      parseProblems.push(...walked.errors);
      nenv.assignments.push(...walked.assignments);
      const normalized = normalize(walked.commands, nenv);
      takeParseProblems();
      return normalized;
    }, (loadMs) => {
      // Start again from a clean slate once the WebAssembly parser is loaded.
      errors.length = 0;
      errorCodes.clear();
      parseProblems.length = 0;
      nenv.assignments.length = 0;
      written.clear();
      parserLoadMs = loadMs;
    });
  } catch (e) {
    fail('parser-failed', `parser failure: ${(e as Error).message}`);
    return result([], [], [coreFinding('core/internal-error', `airlock could not analyse this command (${(e as Error).message}). It was not run. Ask your human to run it or to report the problem.`, line)]);
  }

  // Assignments, exports and unsets are shell builtins, not commands: they become facts here.
  const facts: Fact[] = nenv.assignments.map((a) => ({ type: 'env-assign', command: a.text, name: a.name, action: a.action, value: a.value ?? '' }));
  facts.push(...lineFacts(line));
  const findings: Finding[] = [];
  const deadline = started + parserLoadMs + CHECK_BUDGET_MS;
  let timedOut = false;
  /** False (once recorded as a finding) when the fail-safe budget is spent. */
  const inBudget = (): boolean => {
    if (timedOut) return false;
    if (nowMs() <= deadline) return true;
    timedOut = true;
    fail('timeout', `check took longer than ${CHECK_BUDGET_MS} ms`);
    findings.push(coreFinding('core/timeout', `airlock ran out of time (${CHECK_BUDGET_MS} ms) analysing this command, so it was not run. Simplify the command or ask your human to run it.`, line));
    return false;
  };
  /** One command's facts: the generic ones and every interested family's. A family that throws
   * is a finding, never a silent allow; facts of a command run elsewhere say where. */
  const analyzeCommand = async (cmd: Command, consumer?: Command): Promise<Fact[]> => {
    const out = commandFacts(cmd, consumer);
    // Self-protection looks at every command, whatever its program (src/analyzers/self).
    try {
      out.push(...(await selfFacts(cmd, ctx)));
    } catch (e) {
      fail('analyzer-failed', `self analyzer failed: ${(e as Error).message}`);
      findings.push(coreFinding('core/analyzer-error', `airlock's self-protection check could not understand this command (${(e as Error).message}), so it was not run. Rewrite it in a plainer form or ask your human to run it.`, cmd.text));
    }
    // A `>` redirect overwrites whatever file it names, whichever program runs.
    if (cmd.redirects.some((r) => r.op.startsWith('>') || r.op.startsWith('&>'))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const got = (require('./analyzers/files/overwrite') as typeof import('./analyzers/files/overwrite')).redirectOverwrites(cmd, ctx);
      if (cmd.remote) for (const f of got) f.remote = cmd.remote;
      out.push(...got);
    }
    if (!cmd.program) return out;
    for (const analyzer of analyzersFor(cmd.program)) {
      try {
        const got = await analyzer.analyze(cmd, ctx);
        // Paths and cwd-relative judgements mean something else on another host or in a container.
        if (cmd.remote) for (const f of got) if (f.remote === undefined) f.remote = cmd.remote;
        out.push(...got);
      } catch (e) {
        const err = e instanceof AirlockError ? e : new AirlockError('analyzer-failed', (e as Error).message);
        fail(err.code, `${analyzer.name} analyzer failed: ${err.message}`);
        findings.push(coreFinding('core/analyzer-error', `airlock's ${analyzer.name} analyzer could not understand this command (${err.message}), so it was not run. Rewrite it in a plainer form or ask your human to run it.`, cmd.text));
      }
    }
    return out;
  };
  const ctx: AnalyzeContext = {
    cwd,
    env: env ?? {},
    readFile,
    wasWritten: (p) => written.has(resolvePath(p)),
    noFileReads: opts.noFileReads === true,
    parseNested: async (text, via) => {
      await ensureShellParser();
      const got = parse(text);
      parseProblems.push(...got.errors.map((e) => `in ${via}: ${e}`));
      const normalized = normalize(got.commands.map((c) => ({ ...c, via: [via, ...c.via] })), nenv);
      takeParseProblems();
      return normalized;
    },
    analyzeNested: async (nested) => {
      const out: Fact[] = [];
      for (const c of nested) {
        if (!inBudget()) break;
        out.push(...(await analyzeCommand(c)));
      }
      return out;
    },
    exists: nenv.exists,
    ...(opts.stdinTerminal !== undefined ? { stdinTerminal: opts.stdinTerminal } : {}),
    ...(opts.interactiveHook ? { interactiveHook: true } : {}),
  };
  const consumers = new Map<Command, Command>();
  for (const c of commands) if (c.stdin?.kind === 'pipe' && c.stdin.producer && !consumers.has(c.stdin.producer)) consumers.set(c.stdin.producer, c);
  for (const cmd of commands) {
    if (!inBudget()) break;
    facts.push(...(await analyzeCommand(cmd, consumers.get(cmd))));
  }

  const policy = opts.policy ?? (await loadPolicy({ cwd: opts.policyCwd ?? cwd, ...(opts.rulesets ? { rulesets: opts.rulesets } : {}), verifyWith: check }));
  for (const f of facts) if (f.type === 'stdin-program') findings.push(stdinFinding(String(f.program), f.command));
  findings.push(...evaluate(policy, facts, { line, ...(opts.sessionEnvironment ? { sessionEnvironment: opts.sessionEnvironment } : {}) }));
  if (errorCodes.has('parse') && !findings.some((f) => f.rule.startsWith('core/') || f.decision !== 'allow') && !rejects(line)) {
    findings.push(coreFinding('core/parse-error', `airlock could not parse this command line the way bash would (${errors[0]}), so it cannot tell what it would do. Fix the syntax, or split it into simpler commands.`, line));
  }
  return result(commands, facts, findings);
}

/**
 * tree-sitter-bash and bash disagree on a few corners. When the tree has errors, ask bash itself
 * (`bash -n`, which parses without running): a line bash rejects runs nothing at all.
 */
function coreFinding(rule: string, reason: string, command: string): Finding {
  return { rule, decision: 'confirm', severity: 'high', reason, resource: 'this command', environment: 'unknown', command };
}

/** A shell or interpreter with no program reads its stdin: text a harness writes later, never checked. */
function stdinFinding(program: string, command: string): Finding {
  return {
    rule: 'airlock/stdin-program',
    decision: 'confirm',
    severity: 'high',
    reason: program.endsWith("without airlock's hook")
      ? `This starts ${program}: whatever is typed into it runs unchecked. Run each command in this shell instead, or ask your human to approve it.`
      : `This starts ${program} with no program to run, so it runs whatever arrives on its stdin later, which airlock never sees. Put the code on the line instead (\`${program} -c '...'\`, a heredoc, or a file you name), or ask your human to approve it.`,
    resource: `${program} on stdin`,
    environment: 'unknown',
    command,
  };
}

function expandHome(p: string, env: Record<string, string | undefined> | null): string {
  const home = env?.HOME ?? process.env.HOME ?? '';
  return p === '~' || p.startsWith('~/') ? home + p.slice(1) : p;
}
