import { RnnNadeError } from '@rnn-nade/core/node';

/**
 * A command-line usage error (unknown flag, missing or malformed value): the CLI prints the
 * message and exits with code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('--epochs must be an integer >= 0, got "ten".');
 * ```
 */
export class UsageError extends RnnNadeError<'USAGE'> {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** Exit codes of the `rnn-nade` command. */
export const EXIT = {
  /** Success. */
  OK: 0,
  /** The command failed (missing data, bad model file, training diverged, ...). */
  FAILURE: 1,
  /** Bad command line. */
  USAGE: 2,
} as const;
