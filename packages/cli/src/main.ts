import { RnnNadeError } from '@rnn-nade/core/node';
import { EXIT, UsageError } from './cli-error';
import { COMMANDS, type Command } from './commands/index';
import { didYouMean } from './did-you-mean';
import { processIo, type CliIo } from './io';

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'rnn-nade: train, evaluate and sample RNN-NADE-style sequence models',
    '',
    'usage: rnn-nade <command> [flags]     (rnn-nade <command> --help for its flags)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Data: built-in corpora are read from $RNN_NADE_DATA_DIR (or --data-dir). Exit codes: 0 ok, 1 failure, 2 bad usage.',
  ].join('\n');
}

/**
 * Runs the `rnn-nade` command line in-process and resolves to its exit code. Errors are printed
 * as one line on `io.stderr` (with the stack only under `--verbose`); nothing is thrown.
 *
 * @example
 * ```ts
 * const code = await runCli(['eval', '--model', 'models/jsb', '--dataset', 'jsb', '--json']);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  const verbose = argv.includes('--verbose');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${overview(commands)}\n`);
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (name === '--version') {
    io.stdout('rnn-nade 0.1.0\n');
    return EXIT.OK;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) {
      const names = commands.map((c) => c.name);
      throw new UsageError(`unknown command "${name}".${didYouMean(name, names, (c) => `"${c}"`)} Commands: ${names.join(', ')}.`);
    }
    return await command.run(rest, io);
  } catch (error) {
    const prefix = command ? `rnn-nade ${command.name}` : 'rnn-nade';
    const err = error instanceof Error ? error : new Error(String(error));
    const oneLine = err.message.replace(/\s*\n\s*/g, ' ').trim();
    if (UsageError.isInstance(error)) io.stderr(`${prefix}: ${oneLine}\n`);
    else if (RnnNadeError.isInstance(error)) io.stderr(`${prefix}: error: ${oneLine}\n`);
    else io.stderr(`${prefix}: unexpected error: ${oneLine}${verbose ? '' : ' (run with --verbose for details)'}\n`);
    if (verbose && err.stack) io.stderr(`${err.stack}\n`);
    return UsageError.isInstance(error) ? EXIT.USAGE : EXIT.FAILURE;
  }
}
