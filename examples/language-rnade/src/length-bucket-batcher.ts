import { makeBatches, type Batcher, type PaddedBatch, type Rng, type SequenceData } from '@rnn-nade/core';

/** Options of {@link lengthBucketBatcher}. */
export interface LengthBucketOptions {
  /** Sequences per sorting pool, in batches (default 20): larger pools waste less padding, shuffle less. */
  readonly poolBatches?: number;
}

function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * A trainer {@link Batcher} that pads less: with an `rng` (training) the sequences are shuffled,
 * cut into pools of `poolBatches × batchSize`, each pool is sorted by length and cut into
 * batches, and the batches are shuffled; without one (validation) all sequences are sorted by
 * length. Sentences vary from 1 to 150 words, so plain random batches would be mostly padding.
 *
 * @example
 * ```ts
 * await train(model, { train, valid }, { epochs: 5, batcher: lengthBucketBatcher() });
 * ```
 */
export function lengthBucketBatcher(options: LengthBucketOptions = {}): Batcher {
  const poolBatches = options.poolBatches ?? 20;
  return (seqs: SequenceData[], { batchSize, chunkSteps, rng }): PaddedBatch[] => {
    const order = seqs.filter((s) => s.steps > 0);
    const pools: SequenceData[][] = [];
    if (rng) {
      shuffle(order, rng);
      const size = Math.max(1, poolBatches * batchSize);
      for (let i = 0; i < order.length; i += size) pools.push(order.slice(i, i + size));
    } else {
      pools.push(order);
    }
    const groups: SequenceData[][] = [];
    for (const pool of pools) {
      pool.sort((a, b) => a.steps - b.steps);
      for (let i = 0; i < pool.length; i += batchSize) groups.push(pool.slice(i, i + batchSize));
    }
    if (rng) shuffle(groups, rng);
    return groups.flatMap((g) => makeBatches(g, { batchSize: g.length, chunkSteps }));
  };
}

/** Sequences sorted by length (shortest first): the pooled log-likelihood does not depend on the order, the padding does. */
export function sortedByLength(seqs: readonly SequenceData[]): SequenceData[] {
  return [...seqs].sort((a, b) => a.steps - b.steps);
}
