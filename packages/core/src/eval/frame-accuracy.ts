/** True positives, false positives and false negatives summed over frames (binary, threshold 0.5). */
export interface FrameCounts {
  /** Notes on in both the true and the predicted frame. */
  tp: number;
  /** Notes predicted but not in the true frame. */
  fp: number;
  /** Notes in the true frame but not predicted. */
  fn: number;
}

/**
 * Adds the TP / FP / FN counts of `rows` predicted frames against the true frames (both `[rows, dim]`,
 * values > 0.5 are "on") to `counts`. Rows whose `rowMask` entry is 0 are skipped.
 *
 * @example
 * ```ts
 * const c = accumulateFrameCounts(new Float32Array([1, 0, 1]), new Float32Array([1, 1, 0]), { dim: 3, rows: 1 });
 * // { tp: 1, fp: 1, fn: 1 } -> frameAccuracy(c) = 1/3
 * ```
 */
export function accumulateFrameCounts(
  truth: Float32Array,
  predicted: Float32Array,
  options: { dim: number; rows: number; rowMask?: Float32Array },
  counts: FrameCounts = { tp: 0, fp: 0, fn: 0 },
): FrameCounts {
  const { dim, rows, rowMask } = options;
  for (let r = 0; r < rows; r++) {
    if (rowMask && rowMask[r] === 0) continue;
    const base = r * dim;
    for (let d = 0; d < dim; d++) {
      const t = truth[base + d]! > 0.5;
      const p = predicted[base + d]! > 0.5;
      if (t && p) counts.tp++;
      else if (p) counts.fp++;
      else if (t) counts.fn++;
    }
  }
  return counts;
}

/**
 * Frame accuracy (Bay et al. 2009) of a set of counts: ΣTP / Σ(TP + FP + FN) over the frames (and
 * samples) they were summed over — not a mean of per-frame ratios. {@link AccuracyTally} applies it
 * to a whole split (`'pooled'`) or to each sequence (`'per-sequence'`). A set of counts with nothing
 * on in either truth or prediction scores 1 (nothing to get wrong).
 */
export function frameAccuracy(counts: FrameCounts): number {
  const denom = counts.tp + counts.fp + counts.fn;
  return denom === 0 ? 1 : counts.tp / denom;
}
