/** Exit codes of grafana-sa; help/cli/exit-codes.txt documents them. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  legacyKeysRemain: 3,
  /** verify: the saved plan does more than the migration's phase 1. */
  unsafePlan: 3,
  invalidInput: 4,
  outputRefused: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An expected failure: src/cli/index.ts prints the message and exits with the code. Anything
 * else that is thrown is an internal error.
 */
export class ExitError extends Error {
  constructor(
    readonly code: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = "ExitError";
  }
}

export const usageError = (message: string) => new ExitError(EXIT.usage, message);
export const inputError = (message: string) => new ExitError(EXIT.invalidInput, message);
export const outputError = (message: string) => new ExitError(EXIT.outputRefused, message);
