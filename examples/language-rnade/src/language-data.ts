import { join } from 'node:path';
import type { SequenceData } from '@rnn-nade/core';
import {
  readGloveVectors,
  readTextCorpus,
  sentencesToSequences,
  type CoverageStats,
  type OovPolicy,
  type TextCorpus,
  type WordVectors,
} from '@rnn-nade/data-text/node';
import { DATA_FILES, LANGUAGE_EXPERIMENT, dataDir } from './experiment-config';

/** Options of {@link loadLanguageData}. */
export interface LanguageDataOptions {
  /** Data folder (default `RNN_NADE_DATA_DIR`, else `../shared/data`). */
  readonly dataDir?: string;
  /** Hold out every n-th document of valid.txt for early stopping (default {@link LANGUAGE_EXPERIMENT}.holdoutEvery). */
  readonly holdoutEvery?: number;
  /** Out-of-vocabulary policy (default `'skip'`). */
  readonly oov?: OovPolicy;
  /** Keep only the first N sentences of every split (quick runs and tests). */
  readonly maxSentences?: number;
}

/** The three splits of the language experiment as word-vector sequences, one per sentence. */
export interface LanguageData {
  readonly vectors: WordVectors;
  /** Sentences of the valid.txt documents that are not held out. */
  readonly train: SequenceData[];
  /** Sentences of every `holdoutEvery`-th valid.txt document (early stopping). */
  readonly valid: SequenceData[];
  /** Every sentence of test.txt (reported numbers). */
  readonly test: SequenceData[];
  /** Coverage statistics per split. */
  readonly stats: { readonly train: CoverageStats; readonly valid: CoverageStats; readonly test: CoverageStats };
  /** The vocabulary row of every frame, one array per sentence (parallel to the sequences). */
  readonly ids: { readonly train: Int32Array[]; readonly valid: Int32Array[]; readonly test: Int32Array[] };
}

/** The vocabulary rows of tokenised sentences (a token or its lower-case form); -1 where neither is in the vocabulary. */
export function wordIds(sentences: readonly (readonly string[])[], vectors: WordVectors): Int32Array[] {
  return sentences.map((words) => Int32Array.from(words, (w) => vectors.index.get(w) ?? vectors.index.get(w.toLowerCase()) ?? -1));
}

/**
 * Splits a corpus's sentences by whole documents (articles), so that no article is in both
 * parts: document i goes to `heldOut` when `i % every === every - 1`.
 */
export function splitByDocuments(corpus: TextCorpus, every: number): { kept: string[][]; heldOut: string[][] } {
  const kept: string[][] = [];
  const heldOut: string[][] = [];
  corpus.documents.forEach((doc, i) => {
    const target = every > 0 && i % every === every - 1 ? heldOut : kept;
    for (let s = doc.start; s < doc.end; s++) target.push(corpus.sentences[s]!);
  });
  return { kept, heldOut };
}

/**
 * Reads GloVe 50d (5,050 words) and WikiText-2 and returns train (most of valid.txt), valid
 * (held-out valid.txt documents) and test (test.txt) as sequences of word vectors.
 *
 * @example
 * ```ts
 * const data = await loadLanguageData();
 * console.log(data.train.length, data.stats.test.coverage);
 * ```
 */
export async function loadLanguageData(options: LanguageDataOptions = {}): Promise<LanguageData> {
  const dir = options.dataDir ?? dataDir();
  const oov = options.oov ?? LANGUAGE_EXPERIMENT.oov;
  const vectors = await readGloveVectors(join(dir, DATA_FILES.glove));
  const readOpts = options.maxSentences === undefined ? {} : { maxSentences: options.maxSentences };
  const validCorpus = await readTextCorpus(join(dir, DATA_FILES.valid), readOpts);
  const testCorpus = await readTextCorpus(join(dir, DATA_FILES.test), readOpts);
  const { kept, heldOut } = splitByDocuments(validCorpus, options.holdoutEvery ?? LANGUAGE_EXPERIMENT.holdoutEvery);
  const conv = (s: string[][]) => sentencesToSequences(s, vectors, { oov });
  const tr = conv(kept);
  const va = conv(heldOut);
  const te = conv(testCorpus.sentences);
  return {
    vectors,
    train: tr.sequences,
    valid: va.sequences,
    test: te.sequences,
    stats: { train: tr.stats, valid: va.stats, test: te.stats },
    ids: { train: wordIds(tr.words, vectors), valid: wordIds(va.words, vectors), test: wordIds(te.words, vectors) },
  };
}

/** Total number of frames of a list of sequences. */
export function countAllFrames(seqs: readonly SequenceData[]): number {
  return seqs.reduce((a, s) => a + s.steps, 0);
}
