import { writeSync } from 'node:fs';
import { RnnNadeError } from './errors';

/** Options of {@link installProcessErrorHandlers} and {@link formatFatalError}. */
export interface FatalErrorOptions {
  /** Program name that prefixes the message, e.g. `rnn-nade` or `demo`. Default `error`. */
  readonly name?: string;
  /** Where the message goes (default: file descriptor 2, written synchronously). */
  readonly write?: (text: string) => void;
  /** Ends the process (default `process.exit`). */
  readonly exit?: (code: number) => void;
}

/**
 * The text printed for an error that ends a program: an {@link RnnNadeError} (a known failure:
 * bad input, diverged training, locked folder, ...) as one line `name: error: message [CODE]`;
 * anything else as `name: unexpected error: message` followed by its stack.
 *
 * @example
 * ```ts
 * formatFatalError(new ConfigError('epochs must be >= 0'), { name: 'demo' }); // 'demo: error: epochs must be >= 0 [CONFIG]\n'
 * ```
 */
export function formatFatalError(error: unknown, options: Pick<FatalErrorOptions, 'name'> = {}): string {
  const name = options.name ?? 'error';
  if (RnnNadeError.isInstance(error)) return `${name}: error: ${oneLine(error.message)} [${error.code}]\n`;
  if (error instanceof Error) {
    const stack = error.stack?.includes(error.message)
      ? error.stack.slice(error.stack.indexOf(error.message) + error.message.length)
      : `\n${error.stack ?? ''}`;
    return `${name}: unexpected error: ${error.message}${stack.trimEnd()}\n`;
  }
  return `${name}: unexpected error: ${String(error)}\n`;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/**
 * Makes a program (a CLI, a script) end with exit code 1 and the real error first when an error
 * escapes it, whatever the tfjs backend. The root cause it guards against: the Emscripten module
 * of the wasm backend registers `process.on('uncaughtException')` and `'unhandledRejection'`
 * listeners that re-throw from inside the listener, so Node exits with code 7 and prints the
 * re-throwing line of minified Emscripten code (~40 KB) before the message. These listeners are
 * *prepended*, so they run before any registered earlier or later (the wasm module registers its
 * own when the backend initialises): they print {@link formatFatalError} and exit(1) before the
 * Emscripten ones run.
 *
 * For entry points only: a library must not call it (it changes how the whole process ends).
 * tfjs itself is not patched. Returns a function that removes the listeners again.
 *
 * @example
 * ```ts
 * // first lines of a script
 * import { installProcessErrorHandlers } from '@rnn-nade/core';
 * installProcessErrorHandlers({ name: 'bench-train' });
 * ```
 */
export function installProcessErrorHandlers(options: FatalErrorOptions = {}): () => void {
  const write = options.write ?? ((text: string) => void writeSync(2, text));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onError = (error: unknown) => {
    // `script | head` closed the pipe: nothing more can be shown, and nothing went wrong
    if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') return exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
    try {
      write(formatFatalError(error, options));
    } finally {
      exit(1);
    }
  };
  process.prependListener('uncaughtException', onError);
  process.prependListener('unhandledRejection', onError);
  return () => {
    process.removeListener('uncaughtException', onError);
    process.removeListener('unhandledRejection', onError);
  };
}
