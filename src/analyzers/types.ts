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
}

/**
 * One analyzer per family. It turns a command into typed facts and never decides:
 * the decision is the rulesets' job (src/policy).
 */
export interface Analyzer {
  /** Family name, also the folder name under src/analyzers. */
  name: string;
  /** Program basenames that wake this analyzer; the analyzer module is loaded only then. */
  programs: readonly string[];
  analyze(cmd: Command, ctx: AnalyzeContext): Fact[] | Promise<Fact[]>;
}
