/**
 * Streaming preprocessing of MIDI corpora into a compact bit-packed roll cache, and batches
 * streamed from it.
 * @module
 */
export * from './bit-pack';
export * from './cache-format';
export * from './cache-writer';
export * from './cache-reader';
export * from './preprocess-chunk';
export * from './preprocess-corpus';
