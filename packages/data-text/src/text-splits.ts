import { TextDataError } from './errors';
import type { TextCorpus } from './corpus-reader';

/** Sentences per split, ready for `sentencesToSequences`. */
export interface TextSentenceSplits {
  /** Training sentences. */
  readonly train: string[][];
  /** Validation sentences. */
  readonly valid: string[][];
  /** Test sentences. */
  readonly test: string[][];
}

/** Options of {@link splitTextCorpora}. */
export interface SplitTextCorporaOptions {
  /** With one corpus, document i goes to valid when i % holdoutEvery = holdoutEvery − 2 and to test when it is holdoutEvery − 1 (default 10: 8:1:1). */
  readonly holdoutEvery?: number;
  /** The corpus files, in the same order, to name them in errors. */
  readonly files?: readonly string[];
}

/**
 * Train / valid / test sentences from one corpus (split by whole documents, so that no document
 * leaks across splits) or from three corpora (train, valid, test in that order). Every split must
 * hold at least one sentence: an empty split would make validation or evaluation average over
 * nothing, so it throws {@link TextDataError} saying which split is empty and why.
 *
 * @example
 * ```ts
 * const corpus = await readTextCorpus('wiki.txt');
 * const { train, valid, test } = splitTextCorpora([corpus], { files: ['wiki.txt'] }); // 8:1:1 by documents
 * ```
 */
export function splitTextCorpora(corpora: readonly TextCorpus[], options: SplitTextCorporaOptions = {}): TextSentenceSplits {
  const files = options.files ?? corpora.map((_, i) => `corpus ${i + 1}`);
  let out: TextSentenceSplits;
  if (corpora.length === 3) {
    out = { train: corpora[0]!.sentences, valid: corpora[1]!.sentences, test: corpora[2]!.sentences };
    (['train', 'valid', 'test'] as const).forEach((split, i) => {
      if (out[split].length === 0) throw new TextDataError(`The ${split} split is empty: ${files[i]} has no sentences.`);
    });
    return out;
  }
  if (corpora.length !== 1) throw new TextDataError(`Give one corpus (split by documents) or three (train, valid, test), got ${corpora.length}.`);
  const every = options.holdoutEvery ?? 10;
  if (!(Number.isInteger(every) && every >= 3)) throw new TextDataError(`holdoutEvery must be an integer >= 3, got ${every}.`);
  const corpus = corpora[0]!;
  out = { train: [], valid: [], test: [] };
  corpus.documents.forEach((doc, i) => {
    const r = i % every;
    const target = r === every - 2 ? out.valid : r === every - 1 ? out.test : out.train;
    for (let s = doc.start; s < doc.end; s++) target.push(corpus.sentences[s]!);
  });
  for (const split of ['train', 'valid', 'test'] as const) {
    if (out[split].length === 0) {
      throw new TextDataError(
        `The ${split} split of ${files[0]} is empty: it has ${corpus.documents.length} document(s), and a split by documents ` +
          `(every ${every}th to test, the one before to valid) needs at least ${every}. Use a larger corpus, a smaller holdoutEvery, or three files (train, valid, test).`,
      );
    }
  }
  return out;
}
