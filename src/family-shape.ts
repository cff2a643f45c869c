// What a family declares about itself (src/analyzers/<family>/family.ts), so the core names no
// family: the programs that wake it (the lazy registry is generated from these), the target kinds
// it emits and the environment-matcher key each is placed by. scripts/gen-registry.mjs turns the
// declarations into src/generated/registry.generated.ts (registry, `TargetKind`, matcher keys) and
// the `environment` definition of schema/ruleset.schema.json.

/** One kind of target: the environment-matcher key that places it, and whether it is remote. */
export interface TargetKindDeclaration {
  /** The `environments:` matcher key whose globs this kind's value is matched against. */
  matcher?: string;
  /** A remote place: matching no environment makes it `unknown` (treated as production). */
  remote: boolean;
}

export interface FamilyDeclaration {
  /**
   * Where the family's analyzer runs among those one program wakes (lower first; python wakes code,
   * orm and credentials): facts come out in this order. The generic argv family runs last.
   */
  order: number;
  /** Program basenames that wake the family's analyzer. */
  programs: readonly string[];
  /** Target kinds the family emits (shared kinds, host or url, are the core's). */
  targets?: Record<string, TargetKindDeclaration>;
  /** Environment-matcher keys the family adds: key -> what the human writes there. */
  matchers?: Record<string, string>;
  /**
   * Programs that run a command elsewhere (a container, a pod, a VM) -> how src/normalize finds that
   * command, so the line it runs is judged too. The styles are the core's (src/normalize/remote.ts).
   */
  unwrap?: Record<string, UnwrapStyle>;
  /** How src/normalize reads the family's programs where they might run another command. */
  nested?: NestedDeclaration;
  /** What the program shims (src/integrations/shims) need to know about the family's programs. */
  shim?: ShimDeclaration;
  /**
   * The family's read-only impact lookup (`lookup` of its impact.ts, loaded only when a finding is
   * about to be put to a human): fact type -> rule families (rule id prefixes) its answer informs
   * besides the family's own. A file fact must not annotate a SQL finding.
   */
  impact?: {
    facts: Readonly<Record<string, readonly string[]>>;
    /** The lookup's own settings in the user's config.yaml (`impact.<family>.<key>`): key -> what it sets. */
    settings?: Readonly<Record<string, string>>;
  };
  /** Fact types whose impact lookup (another family's) informs this family's rules too. */
  informedBy?: readonly string[];
  /**
   * The family's checkpoint provider (`checkpoints` of its undo.ts, loaded only when a confirm
   * finding is planned): the fact types it may keep something for, and what it keeps, for the
   * human ("git state").
   */
  undo?: { facts: readonly string[]; keeps: string };
  /**
   * Programs of the family that may read their stdin; `readsStdin(program, args)` of its stdin.ts
   * says when (a shim reads and checks stdin only then, src/integrations/shims/run.ts).
   */
  stdin?: readonly string[];
}

/**
 * The shims: every program some family wakes for gets one (`airlock shims install`), except those a
 * family says are never shimmed. Generated into src/generated/shims.generated.ts.
 */
export interface ShimDeclaration {
  /**
   * Programs never shimmed: interpreters and everyday text or file utilities too common in scripts
   * to start node for (the agent's own lines still get them checked by the hooks), and words that
   * wake the family but are no program (SQL typed at a console).
   */
  never?: readonly string[];
  /** Programs shimmed though no analyzer wakes for them (the whole line is still checked). */
  extra?: readonly string[];
  /** Programs whose `--version` / `--help` may still act on the working directory's files (scripts, Makefiles): no info-only fast entry. */
  noInfoOnly?: readonly string[];
  /**
   * Read-only subcommands per program that the shim may exec with plain arguments, with no Node
   * start (candidates: the build keeps only those the full check allows, see fast-table.ts).
   */
  reads?: Readonly<Record<string, readonly string[]>>;
}

/** Generated into src/generated/unwrap.generated.ts with `unwrap`. */
export interface NestedDeclaration {
  /**
   * Programs for which `--` only ends the options (`git checkout -- file`): the words after it are
   * operands, never a command. Any other program followed by `-- CMD` is taken for a runner airlock
   * does not know by name, and CMD is judged too.
   */
  inert?: readonly string[];
  /** npm packages whose bin is one of the family's programs under another name (`npx @railway/cli up`). */
  packages?: Readonly<Record<string, string>>;
  /** Python modules that are one of the family's programs (`python -m invoke clean` is `invoke clean`). */
  pythonModules?: readonly string[];
  /** Package managers of the family -> their subcommands that run a package's bin (`npm exec`, `pnpm dlx`). */
  packageRunners?: Readonly<Record<string, readonly string[]>>;
  /**
   * Commands that write files from a fixed template running no command of its own
   * (`python -m venv DIR` writes DIR/bin/activate). Sourcing such a file right after the line
   * created it is not unknown program text (`python3 -m venv .venv && . .venv/bin/activate`).
   */
  templates?: readonly TemplateDeclaration[];
}

/**
 * `program ARGS... [options] [DIR]` writes DIR/<file> for each of `files`. DIR is the last word
 * that is not an option; `dir` is the default when there is none (absent: nothing is recorded).
 * A wrong guess at DIR only leaves the sourced file unknown, which asks.
 */
export interface TemplateDeclaration {
  program: string;
  args: readonly string[];
  dir?: string;
  files: readonly string[];
}

/**
 * How normalize reaches the command a program runs elsewhere:
 *  - `container`: `exec [opts] CONTAINER CMD...` now, `[container] run [opts] IMAGE CMD...` later
 *  - `compose`: `exec|run [opts] SERVICE CMD...`
 *  - `kubectl`: `exec [opts] POD -- CMD...`, `run|debug NAME ... -- CMD...`
 *  - `gcloud-ssh`, `aws-ssm`, `az-run-command`: a VM runs `--command`, `commands=[...]`, `--scripts`
 */
export type UnwrapStyle = 'container' | 'compose' | 'kubectl' | 'gcloud-ssh' | 'aws-ssm' | 'az-run-command';

/** The core's target kinds: places any family may name. */
export const CORE_TARGETS = {
  host: { matcher: 'hosts', remote: true },
  url: { matcher: 'hosts', remote: true },
  connection: { matcher: 'hosts', remote: true },
  database: { matcher: 'databases', remote: false },
  path: { matcher: 'paths', remote: false },
  name: { remote: false },
} satisfies Record<string, TargetKindDeclaration>;

/** The core's environment-matcher keys. */
export const CORE_MATCHERS: Record<string, string> = {
  tokens: 'Whole name tokens (prod matches prod-db, not product).',
  hosts: 'Host globs (also the host of URLs and connection strings).',
  databases: 'Database name globs (also the database of connection strings).',
  paths: '-chdir dirs, var-files, files holding tokens.',
};
