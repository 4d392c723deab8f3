import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, Rng, type SequenceData, type SequenceModel } from '@rnn-nade/core/advanced';
import type { WordVectors } from '@rnn-nade/data-text';
import type { IndependentRnade } from './independent-rnade';
import { RankTally, type RankingScores } from './next-word-ranking';
import { type BigramModel, type NgramCounts, unigramLogProbs } from './ngram-baselines';
import { stepParams, vocabularyLogDensities } from './vocabulary-density';

/** A subsample of test sentences whose every position is ranked. */
export interface PositionSample {
  /** Indices of the chosen sentences (in the split's order). */
  readonly sentences: number[];
  /** Test positions (words) in them. */
  readonly positions: number;
}

/**
 * Picks whole sentences at random (seeded) until at least `maxPositions` words are covered;
 * `maxPositions` ≥ the split's size (or undefined) takes every sentence.
 *
 * @example
 * ```ts
 * const sample = sampleSentences(data.ids.test, { maxPositions: 3000, seed: 1 });
 * ```
 */
export function samplePositions(ids: readonly ArrayLike<number>[], options: { maxPositions?: number; seed?: number } = {}): PositionSample {
  const order = ids.map((_, i) => i);
  const total = ids.reduce((a, s) => a + s.length, 0);
  const max = options.maxPositions ?? total;
  if (!(max > 0)) throw new ConfigError(`maxPositions must be > 0, got ${max}.`);
  if (max >= total) return { sentences: order, positions: total };
  const rng = new Rng(options.seed ?? 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const chosen: number[] = [];
  let positions = 0;
  for (const i of order) {
    if (positions >= max) break;
    chosen.push(i);
    positions += ids[i]!.length;
  }
  chosen.sort((a, b) => a - b);
  return { sentences: chosen, positions };
}

function checkIds(ids: readonly ArrayLike<number>[], vocab: number): void {
  for (const s of ids) {
    for (let i = 0; i < s.length; i++) {
      if (!(s[i]! >= 0 && s[i]! < vocab)) throw new ConfigError(`Word id ${s[i]} at position ${i} is outside the vocabulary of ${vocab} words.`);
    }
  }
}

/** Unigram baseline: every position ranks the words by their (add-one) training frequency. */
export function rankUnigram(counts: NgramCounts, ids: readonly ArrayLike<number>[]): RankingScores {
  checkIds(ids, counts.vocab);
  const lp = unigramLogProbs(counts);
  const t = new RankTally();
  for (const s of ids) for (let i = 0; i < s.length; i++) t.addRow(lp, s[i]!);
  return t.result();
}

/** Bigram baseline: position i ranks the words by P(w | word i−1) (the sentence start for i = 0). */
export function rankBigram(bigram: BigramModel, ids: readonly ArrayLike<number>[]): RankingScores {
  const V = bigram.counts.vocab;
  checkIds(ids, V);
  const cache = new Map<number, Float64Array>();
  const t = new RankTally();
  for (const s of ids) {
    let prev = V;
    for (let i = 0; i < s.length; i++) {
      t.addRow(bigram.cachedLogProbs(prev, cache), s[i]!);
      prev = s[i]!;
    }
  }
  return t.result();
}

/** The frame-independent RNADE: one density over the vocabulary, the same at every position. */
export function rankIndependent(indep: IndependentRnade, vectors: WordVectors, ids: readonly ArrayLike<number>[]): RankingScores {
  const V = vectors.words.length;
  checkIds(ids, V);
  const vocab = tf.tensor2d(vectors.matrix, [V, vectors.dim]);
  try {
    const lp = vocabularyLogDensities(indep.estimator, indep.params.dataSync() as Float32Array, 1, vocab);
    const t = new RankTally();
    for (const s of ids) for (let i = 0; i < s.length; i++) t.addRow(lp, s[i]!);
    return t.result();
  } finally {
    vocab.dispose();
  }
}

/**
 * A sequence model: at every position of every sentence, the density of each of the V vocabulary
 * vectors under the estimator params the model gives from the true history; the true word's rank.
 * `seqs[i]` are the word vectors of sentence `ids[i]`.
 *
 * @example
 * ```ts
 * const s = rankSequenceModel(model, data.vectors, seqs, ids); // { top1, top10, mrr, positions }
 * ```
 */
export function rankSequenceModel(model: SequenceModel, vectors: WordVectors, seqs: readonly SequenceData[], ids: readonly ArrayLike<number>[]): RankingScores {
  const V = vectors.words.length;
  checkIds(ids, V);
  if (seqs.length !== ids.length) throw new ConfigError(`${seqs.length} sequences but ${ids.length} id arrays.`);
  const vocab = tf.tensor2d(vectors.matrix, [V, vectors.dim]);
  const P = model.estimator.paramSize;
  const t = new RankTally();
  try {
    const chunk = 32;
    for (let start = 0; start < seqs.length; start += chunk) {
      const params = stepParams(model, seqs.slice(start, start + chunk));
      params.forEach((p, j) => {
        const s = ids[start + j]!;
        if (p.length !== s.length * P) throw new ConfigError(`Sentence ${start + j} has ${p.length / P} frames but ${s.length} word ids.`);
        t.addRows(vocabularyLogDensities(model.estimator, p, s.length, vocab), s, V);
      });
    }
    return t.result();
  } finally {
    vocab.dispose();
  }
}
