import { ConfigError } from '../util/errors';
import { accumulateFrameCounts, frameAccuracy, type FrameCounts } from './frame-accuracy';

/**
 * How the expected frame accuracy TP / (TP + FP + FN) is averaged over a split:
 *
 * - `'per-frame'`: the ratio of every (frame, sample) pair, averaged over all frames of all
 *   sequences and the K samples — each time step weighs the same. This is ICML 2012's: the
 *   authors' evaluation notes for the four benchmarks (Boulanger-Lewandowski, "Modeling Temporal
 *   Dependencies in High-Dimensional Sequences", dataset page www-etud.iro.umontreal.ca/~boulanni/icml2012,
 *   "Evaluation notes") ask to average the log-likelihood "and similarly for accuracy" over a
 *   flat list of all time steps of all test sequences. A frame with nothing on in both the truth
 *   and the sample scores 1.
 * - `'pooled'`: ΣTP / Σ(TP + FP + FN) with the counts summed over every frame, every sample and
 *   every sequence of the split (one ratio for the whole split; long pieces weigh more). This
 *   library's default since its first release.
 * - `'per-sequence'`: Bay, Ehmann & Downie (2009), the definition ICML 2012 cites: the counts
 *   are summed over the frames of one piece (one ratio per piece, as MIREX's multiple-F0 frame
 *   evaluation and `mir_eval.multipitch` compute it), then averaged over the pieces; with K
 *   samples per frame, over the K draws too (the mean of K·S ratios: an *expected* accuracy).
 */
export type AccuracyAveraging = 'pooled' | 'per-sequence' | 'per-frame';

/** Every {@link AccuracyAveraging}, for validation and command-line choices. */
export const ACCURACY_AVERAGINGS: readonly AccuracyAveraging[] = ['pooled', 'per-sequence', 'per-frame'];

/** Every average of the expected frame accuracy (see {@link AccuracyAveraging}). */
export type AccuracyAverages = {
  /** ΣTP / Σ(TP+FP+FN) over all frames, samples and sequences. */
  readonly pooled: number;
  /** Mean over sequences and samples of each sequence's ΣTP / Σ(TP+FP+FN) (Bay et al. 2009). */
  readonly perSequence: number;
  /** Mean over every (frame, sample) of the frame's TP / (TP+FP+FN) (ICML 2012). */
  readonly perFrame: number;
};

/** @throws ConfigError when `value` is not an {@link AccuracyAveraging}. */
export function checkAccuracyAveraging(value: unknown): AccuracyAveraging {
  if (!ACCURACY_AVERAGINGS.includes(value as AccuracyAveraging)) {
    throw new ConfigError(`accuracyAveraging must be one of ${ACCURACY_AVERAGINGS.map((a) => `"${a}"`).join(', ')}, got ${JSON.stringify(value)}.`);
  }
  return value as AccuracyAveraging;
}

/**
 * Accumulates TP / FP / FN of sampled frames against the true frames — pooled, per
 * (sequence, sample) and per (frame, sample) — over the padded time-major chunks of {@link iterateBatches} (no shuffle).
 *
 * @example
 * ```ts
 * const tally = new AccuracyTally(2); // 2 samples per frame
 * tally.startGroup(B);                // at every batch.reset
 * tally.add(0, truth, sample0, { dim, batchSize: B, steps: L, mask });
 * tally.averages(); // { pooled, perSequence, perFrame }
 * ```
 */
export class AccuracyTally {
  private readonly pooledCounts: FrameCounts = { tp: 0, fp: 0, fn: 0 };
  private group: FrameCounts[][] = [];
  private ratioSum = 0;
  private ratios = 0;
  private frameRatioSum = 0;
  private frameRatios = 0;

  /** @param samples number of samples K drawn per frame */
  constructor(private readonly samples: number) {}

  /** Starts a new group of `batchSize` sequences (closing the previous group's per-sequence ratios). */
  startGroup(batchSize: number): void {
    this.closeGroup();
    this.group = Array.from({ length: batchSize }, () => Array.from({ length: this.samples }, () => ({ tp: 0, fp: 0, fn: 0 })));
  }

  /**
   * Adds sample `k` of one chunk: `truth` and `predicted` `[steps·batchSize, dim]` time-major
   * (row t·B + b is step t of sequence b), `mask` `[steps·batchSize]` (0 = padding).
   */
  add(k: number, truth: Float32Array, predicted: Float32Array, layout: { dim: number; batchSize: number; steps: number; mask: Float32Array }): void {
    const { dim, batchSize: B, steps: L, mask } = layout;
    const pooled = this.pooledCounts;
    for (let b = 0; b < B; b++) {
      const c = this.group[b]![k]!;
      for (let t = 0; t < L; t++) {
        const r = t * B + b;
        if (mask[r] === 0) continue;
        const f = accumulateFrameCounts(truth.subarray(r * dim, (r + 1) * dim), predicted.subarray(r * dim, (r + 1) * dim), { dim, rows: 1 });
        this.frameRatioSum += frameAccuracy(f);
        this.frameRatios++;
        c.tp += f.tp;
        c.fp += f.fp;
        c.fn += f.fn;
        pooled.tp += f.tp;
        pooled.fp += f.fp;
        pooled.fn += f.fn;
      }
    }
  }

  /** Every average over everything added so far. */
  averages(): AccuracyAverages {
    this.closeGroup();
    return {
      pooled: frameAccuracy(this.pooledCounts),
      perSequence: this.ratios ? this.ratioSum / this.ratios : NaN,
      perFrame: this.frameRatios ? this.frameRatioSum / this.frameRatios : NaN,
    };
  }

  private closeGroup(): void {
    for (const perSample of this.group) {
      for (const c of perSample) {
        this.ratioSum += frameAccuracy(c);
        this.ratios++;
      }
    }
    this.group = [];
  }
}
