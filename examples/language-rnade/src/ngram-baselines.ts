import { ConfigError } from '@rnn-nade/core';

/** Word counts of a training text: unigram counts and the bigram counts of every history word. */
export interface NgramCounts {
  /** Vocabulary size V (word ids 0..V-1; the sentence start is history id V). */
  readonly vocab: number;
  /** `[V]` unigram counts. */
  readonly unigram: Float64Array;
  /** Total tokens counted. */
  readonly tokens: number;
  /** Bigram counts by history id (0..V-1, or V = sentence start): next word → count. */
  readonly bigram: ReadonlyMap<number, ReadonlyMap<number, number>>;
}

/**
 * Counts unigrams and bigrams of sentences given as vocabulary ids (ids < 0, i.e. words outside
 * the vocabulary, are skipped as the model's data skips them). The first word of a sentence has
 * the sentence start (id V) as its history.
 *
 * @example
 * ```ts
 * const counts = countNgrams([Int32Array.from([0, 1, 2])], 3);
 * ```
 */
export function countNgrams(sentences: readonly ArrayLike<number>[], vocab: number): NgramCounts {
  const unigram = new Float64Array(vocab);
  const bigram = new Map<number, Map<number, number>>();
  let tokens = 0;
  for (const s of sentences) {
    let prev = vocab;
    for (let i = 0; i < s.length; i++) {
      const w = s[i]!;
      if (w < 0) continue;
      if (w >= vocab) throw new ConfigError(`Word id ${w} is outside the vocabulary of ${vocab} words.`);
      unigram[w]! += 1;
      tokens++;
      const row = bigram.get(prev) ?? new Map<number, number>();
      bigram.set(prev, row);
      row.set(w, (row.get(w) ?? 0) + 1);
      prev = w;
    }
  }
  return { vocab, unigram, tokens, bigram };
}

/** Add-one unigram log-probabilities `[V]` (every word keeps some mass). */
export function unigramLogProbs(counts: NgramCounts): Float64Array {
  const total = counts.tokens + counts.vocab;
  return Float64Array.from(counts.unigram, (c) => Math.log((c + 1) / total));
}

/**
 * Interpolated absolute-discounting bigram: with c(u) the count of history u and N(u) the number
 * of distinct words seen after it,
 *
 *   P(w | u) = max(c(u,w) − δ, 0) / c(u) + δ N(u) / c(u) · P_uni(w),
 *
 * and P(w | u) = P_uni(w) for a history never seen; P_uni is the add-one unigram.
 */
export class BigramModel {
  private readonly uni: Float64Array;

  /** @param discount δ in (0, 1) (fit it with {@link fitBigramDiscount}). */
  constructor(
    readonly counts: NgramCounts,
    readonly discount: number,
  ) {
    if (!(discount > 0 && discount < 1)) throw new ConfigError(`Bigram discount must be in (0, 1), got ${discount}.`);
    this.uni = unigramLogProbs(counts).map(Math.exp);
  }

  /** log P(w | prev) of every word w, `[V]` (prev = V for the sentence start). */
  logProbs(prev: number): Float64Array {
    const row = this.counts.bigram.get(prev);
    if (!row) return this.uni.map(Math.log);
    let total = 0;
    for (const c of row.values()) total += c;
    const backoff = (this.discount * row.size) / total;
    const p = this.uni.map((u) => backoff * u);
    for (const [w, c] of row) p[w]! += Math.max(c - this.discount, 0) / total;
    return p.map(Math.log);
  }

  /** {@link logProbs} of `prev`, computed once per cache. */
  cachedLogProbs(prev: number, cache: Map<number, Float64Array>): Float64Array {
    const hit = cache.get(prev);
    if (hit) return hit;
    const lp = this.logProbs(prev);
    cache.set(prev, lp);
    return lp;
  }

  /** Sum of log P(w | prev) over sentences of ids (out-of-vocabulary ids skipped) and the words scored. */
  logLikelihood(sentences: readonly ArrayLike<number>[]): { sum: number; words: number } {
    const V = this.counts.vocab;
    const cache = new Map<number, Float64Array>();
    let sum = 0;
    let words = 0;
    for (const s of sentences) {
      let prev = V;
      for (let i = 0; i < s.length; i++) {
        const w = s[i]!;
        if (w < 0) continue;
        sum += this.cachedLogProbs(prev, cache)[w]!;
        words++;
        prev = w;
      }
    }
    return { sum, words };
  }
}

/**
 * Picks the bigram discount δ that maximises the log-likelihood of held-out sentences, from a grid
 * (default 0.1, 0.2, …, 0.9).
 *
 * @example
 * ```ts
 * const bigram = fitBigramDiscount(countNgrams(train, V), heldOut);
 * ```
 */
export function fitBigramDiscount(
  counts: NgramCounts,
  heldOut: readonly ArrayLike<number>[],
  grid: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
): BigramModel {
  let best: BigramModel | undefined;
  let bestLl = -Infinity;
  for (const d of grid) {
    const m = new BigramModel(counts, d);
    const ll = m.logLikelihood(heldOut).sum;
    if (ll > bestLl) {
      bestLl = ll;
      best = m;
    }
  }
  if (!best) throw new ConfigError('fitBigramDiscount needs a non-empty grid of discounts.');
  return best;
}
