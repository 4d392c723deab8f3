/**
 * `@rnn-nade/data-text`: GloVe text-format word vectors, tokenizing WikiText-style and plain
 * corpora, sentences → sequences of word vectors (with an out-of-vocabulary policy and coverage
 * statistics), and decoding vectors back to nearest words. Universal; file paths as sources need
 * `@rnn-nade/data-text/node`.
 * @packageDocumentation
 */
export * from './errors';
export * from './lines';
export * from './text-file';
export * from './word-vectors';
export * from './glove-reader';
export * from './tokenize';
export * from './corpus-reader';
export * from './text-splits';
export * from './sentences-to-sequences';
export * from './decode';
