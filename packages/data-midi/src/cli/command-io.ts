import { RnnNadeError } from '@rnn-nade/core';

/** Where a command writes (same shape as the CLI's `CliIo`, so it can be passed through). */
export interface CommandIo {
  /** Writes normal output. */
  stdout(text: string): void;
  /** Writes messages and errors. */
  stderr(text: string): void;
}

/** The process's stdout / stderr. */
export const defaultCommandIo: CommandIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Bad flags or arguments (exit code 2). */
export class CommandUsageError extends RnnNadeError<'USAGE'> {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** Exit code for usage errors. */
export const EXIT_USAGE = 2;
/** Exit code for bad input files and other failures. */
export const EXIT_FAILURE = 1;

/**
 * Runs a command body, turning every error into one line on stderr and an exit code
 * (2 for usage errors, 1 otherwise) — never a stack trace.
 */
export async function runCommand(name: string, io: CommandIo, body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return 0;
  } catch (e) {
    const usage = CommandUsageError.isInstance(e) || (e as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS');
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ').trim();
    io.stderr(`rnn-nade ${name}: ${message}${usage ? ` (see rnn-nade ${name} --help)` : ''}\n`);
    return usage ? EXIT_USAGE : EXIT_FAILURE;
  }
}

/** Parses an integer flag value, or throws a usage error naming the flag. */
export function intFlag(name: string, value: string | undefined, lo: number, hi: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= lo && n <= hi)) throw new CommandUsageError(`--${name} must be an integer in ${lo}..${hi}, got "${value}".`);
  return n;
}

/** Parses a comma-separated list of integers (e.g. `--channels 0,1`). */
export function intListFlag(name: string, value: string | undefined, lo: number, hi: number): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((v) => intFlag(name, v.trim(), lo, hi)!);
}
