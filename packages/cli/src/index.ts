/**
 * `@rnn-nade/cli`: the `rnn-nade` command (train / eval / sample) and its building blocks, usable
 * in-process.
 *
 * @example
 * ```ts
 * import { runCli } from '@rnn-nade/cli';
 * const exitCode = await runCli(['train', '--dataset', 'jsb', '--estimator', 'nade', '--out', 'runs/jsb', '--epochs', '5']);
 * ```
 * @packageDocumentation
 */
export { runCli } from './main';
export { UsageError, EXIT } from './cli-error';
export { processIo, type CliIo } from './io';
export {
  COMMANDS,
  trainCommand,
  evalCommand,
  sampleCommand,
  completeCommand,
  barSteps,
  midi2rollCommand,
  roll2midiCommand,
  type Command,
} from './commands/index';
export {
  parseFlags,
  intFlag,
  numFlag,
  choiceFlag,
  optString,
  requireString,
  type FlagSpec,
  type FlagValues,
  type ParsedFlags,
} from './args';
export { loadDataset, type DatasetOptions, type SplitName } from './dataset';
export type { TextDataset } from './text-dataset';
export {
  loadBuiltinEstimators,
  loadPlugin,
  resolveEstimatorFactory,
  PluginError,
  UnknownEstimatorFlagError,
  BUILTIN_ESTIMATOR_PACKAGES,
  type LoadedPlugins,
  type PluginFailure,
} from './plugins';
export { readPrimer, toRollJson, writeRoll, RollFileError, type RollJson, type PitchMapping } from './roll-file';
