// The shapes that flow through the pipeline:
// line -> shell (Command[]) -> normalize (Command[]) -> analyzers (Fact[]) -> policy (Finding[], Decision)

import type { TargetKind } from './targets.generated';

export type Decision = 'allow' | 'confirm' | 'deny';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** A shell word after quote removal and expansion of what can be resolved. */
export interface Word {
  /** Source text as written. */
  raw: string;
  /** Literal value; null when some part could not be resolved (unknown variable, $(...), etc). */
  value: string | null;
  /** Contains an unquoted glob character (* ? [) that bash would expand. */
  glob?: boolean;
}

export type StdinSource =
  | { kind: 'heredoc'; text: string }
  | { kind: 'herestring'; text: string | null }
  | { kind: 'file'; path: string | null }
  /** Output of the previous pipeline stage; text is known when the producer is echo/printf/cat of literals. */
  | { kind: 'pipe'; text: string | null; producer: Command | null };

/** A shell variable set, exported or unset by the line (builtins the walker never emits as commands). */
export interface Assignment {
  name: string;
  action: 'set' | 'export' | 'unset';
  /** Value when known; null when not (or for unset). */
  value: string | null;
  /** Source text of the statement. */
  text: string;
}

export interface Redirect {
  /** Operator as written: >, >>, <, <<, <<<, &>, 2>, >| ... */
  op: string;
  fd: number | null;
  target: Word | null;
}

/** One simple command, wherever it was nested, after unwrapping wrappers. */
export interface Command {
  /** argv[0] is the program as resolved (basename taken by analyzers via `program`). */
  argv: Word[];
  /** Basename of argv[0] ("curl" for /usr/bin/curl, \curl, c''url); null when unresolved. */
  program: string | null;
  /** Assignments that prefix the command (X=1 cmd) and env(1) assignments. */
  env: Record<string, string | null>;
  redirects: Redirect[];
  stdin: StdinSource | null;
  /** Wrappers unwrapped to reach this command, outermost first: ["sudo", "bash -c"]. */
  via: string[];
  /** Source text of the command as it appeared (innermost parse). */
  text: string;
  /** argv ends with values supplied at run time (xargs input, find -exec {}). */
  dynamicTail?: boolean;
  /** Remote/containers: where this runs when not on this machine (ssh host, docker exec ctr). */
  remote?: string;
  /** A function calling itself from its own body (`:(){ :|:& };:`). */
  recursive?: boolean;
  /**
   * Where the command may run after `cd`s earlier in the same parse (src/shell/scope.ts): each
   * '' (the line's cwd), a path ('/abs', 'rel' to the line's cwd, '~/x') or null (unknown).
   * Set by the shell walker and the plain-line splitter on every command they make; absent on a
   * command made elsewhere, whose directory is then only what the cds seen so far say.
   */
  dirs?: (string | null)[];
  /** For cd / pushd: the directory it moves to ('' / path / null, as in `dirs`). */
  cdTo?: string | null;
  /**
   * False when nothing before it in the same parse could have created or moved a file (only
   * commands like cd, echo, ls, rm, mkdir ran, with no output redirect): what is absent now is
   * still absent when it runs. Absent (unknown) on commands made elsewhere.
   */
  afterWrites?: boolean;
}

/**
 * A typed fact produced by an analyzer. Rules match these fields (see src/policy/match.ts).
 * Field values are kept flat (string, number, boolean, string[]) so rulesets can glob them.
 */
export interface Fact {
  /** e.g. "command", "http", "graphql", "sql", "terraform", "railway", "unresolved". */
  type: string;
  /** The command the fact came from. */
  command: string;
  /** Reaches infrastructure (database, cloud API, cluster): environment walls apply. */
  infra?: boolean;
  /** Where the command targets, used to work out the environment. */
  targets?: Target[];
  /** For the human, attached to the command's findings (see policy/evaluate attachNotes). */
  note?: string;
  /** Any other typed fields. */
  [field: string]: unknown;
}

export interface Target {
  /** The kinds are declared by the core and the families (src/family-shape.ts, family.ts). */
  kind: TargetKind;
  value: string;
}

export interface Finding {
  rule: string;
  decision: Decision;
  severity: Severity;
  /** Written for the agent: what it would destroy and what to do instead. */
  reason: string;
  /** What a human must type to approve (volume id, table, database...). */
  resource: string;
  /** production, staging, development, ... or unknown (treated as production). */
  environment: string;
  /** Source of the command the finding is about. */
  command: string;
  /** Safer alternative, if the rule names one. */
  suggestion?: string;
  /** An environment wall hit, if any. */
  wall?: string;
  /** Context for the human from the command's facts (where a credential it uses was found). */
  notes?: string[];
}

export interface CheckResult {
  decision: Decision;
  findings: Finding[];
  commands: Command[];
  facts: Fact[];
  /** Problems that forced fail-closed behaviour (parse errors, limits, analyzer crashes). */
  errors: string[];
  /** The same problems by code (src/errors.ts): what code tests, instead of the wording. */
  codes?: import('./errors').AirlockErrorCode[];
  /** Milliseconds spent. */
  elapsedMs: number;
  /** Every file the check read from disk, with its content hash: re-verified right before exec. */
  reads?: { path: string; sha256: string; target?: string }[];
}

export interface CheckOptions {
  cwd?: string;
  /** Whose rulesets apply (project layers are found from here); defaults to cwd. */
  policyCwd?: string;
  env?: Record<string, string | undefined>;
  /** The environment the session is declared to work in (an environment wall). */
  sessionEnvironment?: string;
  /** Extra ruleset files (--ruleset). */
  rulesets?: string[];
  /** The shell that will run the line (bash, zsh, a path); unknown means bash and zsh both. */
  shell?: string;
  /** Don't read files referenced by commands (-d @file, psql -f). Default: read them. */
  noFileReads?: boolean;
  /** Whether the line's stdin is a terminal (a shell or interpreter reading an unseen stdin is a confirm when false). */
  stdinTerminal?: boolean;
  /** The line comes from an interactive shell's pre-exec hook. */
  interactiveHook?: boolean;
}
