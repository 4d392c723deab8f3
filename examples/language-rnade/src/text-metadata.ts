import { basename } from 'node:path';
import type { JsonValue } from '@rnn-nade/core';
import type { WordVectors } from '@rnn-nade/data-text/node';

/**
 * The `data` block stored in a word-vector model's metadata: what `rnn-nade sample --decode`
 * needs to turn sampled vectors back into words (the same shape the CLI writes for
 * `--dataset text:FILE`).
 */
export function textDataMetadata(options: {
  readonly dataset: string;
  readonly vectorsFile: string;
  readonly vectors: WordVectors;
  readonly oov: string;
  readonly endOfSentence: string | null;
  readonly extra?: { [key: string]: JsonValue };
}): { [key: string]: JsonValue } {
  return {
    kind: 'text',
    dataset: options.dataset,
    dim: options.vectors.dim,
    vectors: { file: basename(options.vectorsFile), dim: options.vectors.dim, words: options.vectors.words.length },
    oov: options.oov,
    endOfSentence: options.endOfSentence,
    lowercase: true,
    ...(options.extra ?? {}),
  };
}
