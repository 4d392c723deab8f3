import type { ProgressStream } from '@rnn-nade/core/node';

/**
 * Where a command writes: injectable so commands can run in-process (tests, other tools).
 */
export interface CliIo {
  /** Normal output (results, JSON). */
  stdout(text: string): void;
  /** Messages, progress and errors. */
  stderr(text: string): void;
  /** Stream for the training progress bar (`process.stderr` by default). */
  readonly progressStream?: ProgressStream;
}

/** The process's stdout / stderr. */
export const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  progressStream: process.stderr,
};
