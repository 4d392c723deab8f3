/**
 * `@rnn-nade/data-midi/node`: everything in `@rnn-nade/data-midi`, plus what needs Node — MIDI
 * file readers, corpus download and cache, `.mat` readers, MIDI-folder walkers, the bit-packed
 * roll cache and its worker-thread preprocessing, and the `midi2roll` / `roll2midi` commands.
 *
 * @example
 * ```ts
 * import { loadCorpus } from '@rnn-nade/data-midi/node';
 * const jsb = await loadCorpus('jsb-chorales');
 * ```
 * @packageDocumentation
 */
export * from './index';
export {
  readMidiBytesFromFile,
  readMidiFile,
} from './midi/read-midi-file';
export { readCsvSplits } from './corpus/read-csv-splits';
export {
  defaultCacheDir,
  type DownloadOptions,
  downloadVerified,
  type FetchLike,
  type FetchResponseLike,
  sha256Hex,
} from './corpus/download';
export {
  type MatCell,
  type MatCellOptions,
  matCellToPitchLists,
  type MatNumeric,
  type MatValue,
  readMat,
} from './corpus/mat-reader';
export {
  type Corpus,
  type CorpusPitchLists,
  loadCorpus,
  type LoadCorpusOptions,
  loadCorpusPitchLists,
} from './corpus/load-corpus';
export {
  iterateMidiCorpus,
  loadMidiCorpus,
  type MidiCorpus,
  type MidiCorpusEntry,
  type MidiCorpusOptions,
  type SkippedFile,
  walkMidiFiles,
} from './corpus/midi-corpus';
export {
  type CacheBatchOptions,
  preprocessChunk,
  type PreprocessChunkResult,
  type PreprocessJob,
  preprocessMidiToCache,
  type PreprocessOptions,
  type PreprocessReport,
  type PreprocessRollOptions,
  RollCache,
  RollCacheWriter,
} from './cache/index';
export {
  type CommandIo,
  CommandUsageError,
  defaultCommandIo,
  EXIT_FAILURE,
  EXIT_USAGE,
  intFlag,
  intListFlag,
  runCommand,
} from './cli/command-io';
export { midi2rollCommand } from './cli/midi2roll';
export {
  readRollJson,
  roll2midiCommand,
} from './cli/roll2midi';
