// Errors that change behaviour carry a code; their message is for people. Code that reacts to a
// problem tests the code, never the wording (`/syntax error|nesting/` broke whenever a message did).

export type AirlockErrorCode =
  /** The line (or a nested line) has syntax the grammar cannot place, or nests deeper than the limits. */
  | 'parse'
  /** The line is longer than airlock analyses. */
  | 'too-large'
  /** The shell parser itself failed. */
  | 'parser-failed'
  /** A family's analyzer threw on a command. */
  | 'analyzer-failed'
  /** The fail-safe time budget ran out. */
  | 'timeout'
  /** A ruleset could not be loaded or has a rule the policy refuses. */
  | 'ruleset';

export class AirlockError extends Error {
  override readonly name = 'AirlockError';
  constructor(readonly code: AirlockErrorCode, message: string) {
    super(message);
  }
}

export function isAirlockError(e: unknown, code?: AirlockErrorCode): e is AirlockError {
  return e instanceof AirlockError && (code === undefined || e.code === code);
}
