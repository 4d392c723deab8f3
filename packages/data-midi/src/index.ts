/**
 * `@rnn-nade/data-midi`: MIDI <-> piano rolls, the Boulanger-Lewandowski corpora, drums,
 * piano-roll pictures and completion analysis for rnn-nade.
 * @packageDocumentation
 */
export * from './errors';
export * from './corpus/manifest';
export * from './corpus/download';
export * from './corpus/mat-reader';
export * from './corpus/pitch-lists';
export * from './corpus/load-corpus';
