import type { CliIo } from '../io';

/** One `rnn-nade` sub-command. */
export interface Command {
  /** The word after `rnn-nade`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full help text (flags). */
  readonly usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
