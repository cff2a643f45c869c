import type { Command, Fact } from '../types';

/** What an analyzer may use besides the command itself. */
export interface AnalyzeContext {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Reads a file referenced by the command (bounded size); null when unreadable or reads are off. */
  readFile(path: string): string | null;
  /** True when an earlier command of the line wrote this file (its content may be unknowable). */
  wasWritten?(path: string): boolean;
  /** Set when the caller forbids reading the filesystem: no listing, no git lookups. */
  noFileReads?: boolean;
  /** Parse a nested shell snippet (e.g. `railway run -- CMD`) into commands, already normalized. */
  parseNested(line: string, via: string): Promise<Command[]>;
  /**
   * The facts of nested commands (from parseNested, adjusted as the family needs: via, remote), made
   * as the engine makes them for a typed command: the generic facts and every interested family's,
   * with the engine's error handling (a family that throws is a finding), its time budget and its
   * remote tagging. Families never reach the registry themselves.
   */
  analyzeNested(commands: Command[]): Promise<Fact[]>;
  /** Whether the line's stdin is a terminal: false under a harness or a pipe, undefined when not known. */
  stdinTerminal?: boolean;
  /** The line comes from an interactive shell's pre-exec hook (a nested shell without the hook is unguarded). */
  interactiveHook?: boolean;
  /** Whether a path exists (relative to cwd); true when file reads are off. */
  exists?(path: string): boolean;
}

/**
 * One analyzer per family. It turns a command into typed facts and never decides:
 * the decision is the rulesets' job (src/policy).
 */
export interface Analyzer {
  /** Family name, also the folder name under src/analyzers. */
  name: string;
  analyze(cmd: Command, ctx: AnalyzeContext): Fact[] | Promise<Fact[]>;
}
