import { ShapeError } from '../util/errors';
import type { SequenceData } from '../data/sequence';

/**
 * The score of a baseline on a test split, with the docs/design.md metric: the sum over every test
 * frame (the first frame of each sequence included) of log p(frame), divided by the number of
 * frames, in nats.
 */
export interface BaselineResult {
  /** Mean log-likelihood per time step (nats); higher is better. */
  readonly logLikelihoodPerStep: number;
  /** Number of frames scored. */
  readonly frames: number;
  /** Number of sequences scored. */
  readonly sequences: number;
}

/** Per-dimension counts of "on" frames, from {@link countActive}. */
export interface ActiveCounts {
  /** Frame dimension D (0 for an empty list). */
  readonly dim: number;
  /** Total number of frames. */
  readonly frames: number;
  /** Number of frames with dimension k on, per k. */
  readonly on: Float64Array;
}

/**
 * Counts, per dimension, the frames whose value is "on" (> 0.5) over a list of sequences, and
 * checks that every sequence has the same dimension.
 * @param what names the split in error messages, e.g. `'test split'`.
 * @throws ShapeError on mixed dimensions or a `data` length that is not `steps * dim`.
 */
export function countActive(sequences: readonly SequenceData[], what: string): ActiveCounts {
  const dim = sequences[0]?.dim ?? 0;
  const on = new Float64Array(dim);
  let frames = 0;
  sequences.forEach((seq, s) => {
    if (seq.dim !== dim) throw new ShapeError(`${what}: sequence ${s} has dimension ${seq.dim}, expected ${dim}.`);
    if (seq.data.length !== seq.steps * seq.dim) {
      throw new ShapeError(`${what}: sequence ${s} has ${seq.data.length} values, expected steps × dim = ${seq.steps * seq.dim}.`);
    }
    for (let t = 0; t < seq.steps; t++) {
      const off = t * dim;
      for (let k = 0; k < dim; k++) if (seq.data[off + k]! > 0.5) on[k] = on[k]! + 1;
    }
    frames += seq.steps;
  });
  return { dim, frames, on };
}

/**
 * Scores frame-independent per-dimension Bernoulli probabilities `p` on `test`: Σ_frames Σ_k
 * [x_k ln p_k + (1 − x_k) ln(1 − p_k)] / frames. A probability of exactly 0 or 1 contradicted by
 * a test frame gives −Infinity (honestly).
 */
export function scoreIndependentBernoulli(p: ArrayLike<number>, test: readonly SequenceData[]): BaselineResult {
  const { dim, frames, on } = countActive(test, 'test split');
  if (frames === 0) throw new ShapeError('test split: no frames to score.');
  if (dim !== p.length) throw new ShapeError(`test split has dimension ${dim}, the baseline has ${p.length}.`);
  let total = 0;
  for (let k = 0; k < dim; k++) {
    const pk = p[k]!;
    const onK = on[k]!;
    const offK = frames - onK;
    if (onK > 0) total += onK * Math.log(pk);
    if (offK > 0) total += offK * Math.log(1 - pk);
  }
  return { logLikelihoodPerStep: total / frames, frames, sequences: test.length };
}
