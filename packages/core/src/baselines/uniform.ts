import { ShapeError } from '../util/errors';
import type { SequenceData } from '../data/sequence';
import { scoreIndependentBernoulli, type BaselineResult } from './baseline-result';

/**
 * The uniform-guessing metric check: every key on with probability 1/2, so every frame of D keys
 * scores D·ln ½ (−61.00 for 88 keys), whatever the data. A test of the metric's pooling and
 * frame counting rather than of a model.
 *
 * @example
 * ```ts
 * uniformBaseline([pitchesToSequence([[60], []])]).logLikelihoodPerStep; // 88 * Math.log(0.5) ≈ -60.995
 * ```
 * @throws ShapeError for an empty split or mismatched dimensions.
 */
export function uniformBaseline(test: readonly SequenceData[]): BaselineResult {
  const dim = test[0]?.dim;
  if (dim === undefined) throw new ShapeError('test split: no sequences to score.');
  return scoreIndependentBernoulli(new Float64Array(dim).fill(0.5), test);
}
