import type { SequenceData } from '@rnn-nade/core';
import { TextDataError } from './errors';
import { WIKITEXT_UNK } from './tokenize';
import { getWordVector, meanVector, type WordVectors } from './word-vectors';

/**
 * What an out-of-vocabulary token becomes: `'skip'` drops it, `'zero'` gives a zero vector,
 * `'unk'` gives the unknown-word vector ({@link SentencesToSequencesOptions.unkVector}).
 */
export type OovPolicy = 'skip' | 'zero' | 'unk';

/** Options of {@link sentencesToSequences}. */
export interface SentencesToSequencesOptions {
  /** Out-of-vocabulary policy (default `'skip'`). */
  readonly oov?: OovPolicy;
  /**
   * The vector for unknown tokens under `oov: 'unk'`. Default: the vocabulary's own `<unk>` row
   * when it has one, else the mean of all word vectors.
   */
  readonly unkVector?: Float32Array;
  /**
   * Appended after every sentence: a word of the vocabulary (e.g. `'.'`, or `'<eos>'` added with
   * `withExtraWords`) or an explicit vector. Default: nothing.
   */
  readonly endOfSentence?: string | Float32Array;
  /** Sentences with fewer word frames (before the end-of-sentence frame) are dropped (default 1). */
  readonly minLength?: number;
  /** Longer sentences are cut to this many word frames (default: no limit). */
  readonly maxLength?: number;
  /** A corpus token that always counts as unknown, even if the vocabulary has it (default `'<unk>'`). */
  readonly unkToken?: string;
  /** How many of the most frequent out-of-vocabulary types to list in the stats (default 20). */
  readonly topOov?: number;
}

/** Coverage statistics of {@link sentencesToSequences}. */
export interface CoverageStats {
  /** Input sentences. */
  readonly sentences: number;
  /** Sequences produced (sentences that kept at least `minLength` frames). */
  readonly sequences: number;
  /** Input sentences dropped for being shorter than `minLength` after the OOV policy. */
  readonly droppedSentences: number;
  /** Input tokens. */
  readonly tokens: number;
  /** Tokens found in the vocabulary. */
  readonly inVocabulary: number;
  /** Tokens not found (including the corpus's own `<unk>` tokens). */
  readonly outOfVocabulary: number;
  /** Tokens that were the corpus's `unkToken` (already unknown in the source). */
  readonly corpusUnknown: number;
  /** `inVocabulary / tokens` (token coverage). */
  readonly coverage: number;
  /** Distinct token types. */
  readonly types: number;
  /** Distinct out-of-vocabulary types. */
  readonly oovTypes: number;
  /** `1 − oovTypes / types` (type coverage). */
  readonly typeCoverage: number;
  /** Frames in all sequences, end-of-sentence frames included. */
  readonly frames: number;
  /** The most frequent out-of-vocabulary types with their counts. */
  readonly topOutOfVocabulary: {
    /** The out-of-vocabulary token. */
    word: string;
    /** How many times it occurs. */
    count: number;
  }[];
}

/** Result of {@link sentencesToSequences}. */
export interface SentenceSequences {
  /** One sequence of vectors per kept sentence (`dim` = the vectors' d). */
  readonly sequences: SequenceData[];
  /** The token behind each frame of each sequence (`<unk>` for unknown ones, `<eos>` for the end frame). */
  readonly words: string[][];
  /** Coverage statistics. */
  readonly stats: CoverageStats;
}

/**
 * Turns tokenized sentences into sequences of word vectors, one frame per token. Tokens are
 * looked up as they are, then lower-cased; unknown ones follow the `oov` policy.
 *
 * @example
 * ```ts
 * const { sequences, stats } = sentencesToSequences(corpus.sentences, glove, { oov: 'skip', endOfSentence: '.' });
 * console.log(`coverage ${(100 * stats.coverage).toFixed(1)}%`);
 * ```
 */
export function sentencesToSequences(
  sentences: readonly (readonly string[])[],
  vectors: WordVectors,
  options: SentencesToSequencesOptions = {},
): SentenceSequences {
  const { dim } = vectors;
  const oov = options.oov ?? 'skip';
  if (!['skip', 'zero', 'unk'].includes(oov)) throw new TextDataError(`Unknown OOV policy "${oov}"; use 'skip', 'zero' or 'unk'.`);
  const minLength = options.minLength ?? 1;
  const maxLength = options.maxLength ?? Infinity;
  const unkToken = options.unkToken ?? WIKITEXT_UNK;
  const unk = oov === 'unk' ? (options.unkVector ?? getWordVector(vectors, WIKITEXT_UNK) ?? meanVector(vectors)) : new Float32Array(dim);
  if (unk.length !== dim) throw new TextDataError(`unkVector has length ${unk.length}, expected ${dim}.`);
  const eos = resolveEndOfSentence(options.endOfSentence, vectors);

  const sequences: SequenceData[] = [];
  const words: string[][] = [];
  const typeCounts = new Map<string, number>();
  const oovCounts = new Map<string, number>();
  let tokens = 0;
  let inVocabulary = 0;
  let corpusUnknown = 0;
  let frames = 0;

  for (const sentence of sentences) {
    const rows: Float32Array[] = [];
    const rowWords: string[] = [];
    for (const token of sentence) {
      tokens++;
      typeCounts.set(token, (typeCounts.get(token) ?? 0) + 1);
      const v = token === unkToken ? undefined : (getWordVector(vectors, token) ?? getWordVector(vectors, token.toLowerCase()));
      if (token === unkToken) corpusUnknown++;
      if (v) {
        inVocabulary++;
        rows.push(v);
        rowWords.push(token);
      } else {
        oovCounts.set(token, (oovCounts.get(token) ?? 0) + 1);
        if (oov !== 'skip') {
          rows.push(unk);
          rowWords.push(WIKITEXT_UNK);
        }
      }
    }
    if (rows.length < minLength || rows.length === 0) continue;
    rows.length = Math.min(rows.length, maxLength);
    rowWords.length = rows.length;
    if (eos) {
      rows.push(eos);
      rowWords.push('<eos>');
    }
    const data = new Float32Array(rows.length * dim);
    rows.forEach((r, t) => {
      data.set(r, t * dim);
    });
    sequences.push({ steps: rows.length, dim, data });
    words.push(rowWords);
    frames += rows.length;
  }

  const topOov = [...oovCounts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.topOov ?? 20)
    .map(([word, count]) => ({ word, count }));
  const stats: CoverageStats = {
    sentences: sentences.length,
    sequences: sequences.length,
    droppedSentences: sentences.length - sequences.length,
    tokens,
    inVocabulary,
    outOfVocabulary: tokens - inVocabulary,
    corpusUnknown,
    coverage: tokens > 0 ? inVocabulary / tokens : 0,
    types: typeCounts.size,
    oovTypes: oovCounts.size,
    typeCoverage: typeCounts.size > 0 ? 1 - oovCounts.size / typeCounts.size : 0,
    frames,
    topOutOfVocabulary: topOov,
  };
  return { sequences, words, stats };
}

function resolveEndOfSentence(eos: string | Float32Array | undefined, vectors: WordVectors): Float32Array | undefined {
  if (eos === undefined) return undefined;
  if (typeof eos === 'string') {
    const v = getWordVector(vectors, eos);
    if (!v) throw new TextDataError(`End-of-sentence word "${eos}" is not in the vocabulary; add it with withExtraWords().`);
    return v;
  }
  if (eos.length !== vectors.dim) throw new TextDataError(`endOfSentence vector has length ${eos.length}, expected ${vectors.dim}.`);
  return eos;
}
