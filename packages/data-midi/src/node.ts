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
export * from './midi/read-midi-file';
export * from './corpus/read-csv-splits';
export * from './corpus/download';
export * from './corpus/mat-reader';
export * from './corpus/load-corpus';
export * from './corpus/midi-corpus';
export * from './cache/index';
export * from './cli/command-io';
export * from './cli/midi2roll';
export * from './cli/roll2midi';
