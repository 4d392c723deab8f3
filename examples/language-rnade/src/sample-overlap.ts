import { ConfigError, Rng } from '@rnn-nade/core';
import type { NgramCounts } from './ngram-baselines';

/** Corpus-likeness of generated word sequences. */
export interface BigramOverlap {
  /** Adjacent generated word pairs (within each sample). */
  readonly pairs: number;
  /** Of those, pairs that occur as a bigram in the corpus. */
  readonly inCorpus: number;
  /** inCorpus / pairs. */
  readonly fraction: number;
}

/**
 * The fraction of adjacent word pairs of the samples (word ids, within each sample) that occur as
 * bigrams in the corpus counts (pairs whose first word is the sentence start are not counted).
 *
 * @example
 * ```ts
 * bigramOverlap([[0, 1, 2]], counts).fraction; // share of (0,1), (1,2) seen in the corpus
 * ```
 */
export function bigramOverlap(samples: readonly ArrayLike<number>[], counts: NgramCounts): BigramOverlap {
  let pairs = 0;
  let inCorpus = 0;
  for (const s of samples) {
    for (let i = 1; i < s.length; i++) {
      pairs++;
      if (counts.bigram.get(s[i - 1]!)?.has(s[i]!)) inCorpus++;
    }
  }
  return { pairs, inCorpus, fraction: pairs ? inCorpus / pairs : 0 };
}

/**
 * `count` samples of `length` words, each word drawn independently from the unigram frequencies of
 * the counts (the corpus-likeness baseline of model samples), with `Rng(seed)`.
 */
export function unigramSamples(counts: NgramCounts, options: { count: number; length: number; seed: number }): Int32Array[] {
  if (counts.tokens === 0) throw new ConfigError('unigramSamples needs counts of at least one token.');
  const cdf = new Float64Array(counts.vocab);
  let acc = 0;
  counts.unigram.forEach((c, i) => {
    acc += c / counts.tokens;
    cdf[i] = acc;
  });
  const rng = new Rng(options.seed);
  const draw = (): number => {
    const u = rng.next();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return Array.from({ length: options.count }, () => Int32Array.from({ length: options.length }, draw));
}
