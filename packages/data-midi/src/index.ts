/**
 * `@rnn-nade/data-midi`: MIDI <-> piano rolls, the Boulanger-Lewandowski corpora, drums,
 * piano-roll pictures and completion analysis for rnn-nade. Universal (browsers, workers, Node);
 * the file-system parts (corpus download and cache, MIDI-folder walkers, file readers, the roll
 * cache, the `midi2roll`/`roll2midi` commands) are in `@rnn-nade/data-midi/node`.
 * @packageDocumentation
 */
export * from './errors';
export * from './corpus/corpus-limits';
export * from './corpus/manifest';
export * from './corpus/pitch-lists';
export * from './midi/smf-types';
export * from './midi/smf-parse';
export * from './midi/limits';
export * from './midi/piano-roll';
export * from './midi/to-roll';
export * from './midi/read-midi';
export * from './midi/roll-notes';
export * from './midi/smf-write';
export * from './midi/roll-to-midi';
export * from './midi/tone-interop';
export * from './drums/drum-map';
export * from './corpus/csv';
export * from './corpus/split';
export * from './corpus/transpose';
export * from './interop/note-sequence';
export * from './analysis/completion';
export * from './svg/piano-roll-svg';
export * from './cache/bit-pack';
export * from './cache/cache-format';
