import type { SequenceData } from '../data/sequence';
import { ConfigError } from '../util/errors';

/**
 * Frame accuracy of two binary sequences of the same shape, pooled over all their steps:
 * TP / (TP + FP + FN), the measure of ICML 2012 and of the completion benchmarks, with a value
 * counted as on when it is > 0.5. Symmetric; 1 when neither has a single note (nothing to get
 * wrong).
 *
 * @example
 * ```ts
 * const a = { steps: 2, dim: 2, data: Float32Array.from([1, 0, 1, 1]) };
 * const b = { steps: 2, dim: 2, data: Float32Array.from([1, 1, 0, 1]) };
 * frameAgreement(a, b); // TP 2, FP + FN 2 → 0.5
 * ```
 */
export function frameAgreement(a: SequenceData, b: SequenceData): number {
  if (a.steps !== b.steps || a.dim !== b.dim) {
    throw new ConfigError(`frameAgreement needs sequences of the same shape, got [${a.steps}, ${a.dim}] and [${b.steps}, ${b.dim}].`);
  }
  return agreementOf(a.data, 0, b.data, 0, a.data.length);
}

/** TP / (TP + FP + FN) of `a[aStart ..]` against `b[bStart ..]` over `length` values (> 0.5 is on); 1 when both are all off. */
function agreementOf(a: Float32Array, aStart: number, b: Float32Array, bStart: number, length: number): number {
  let tp = 0;
  let wrong = 0;
  for (let i = 0; i < length; i++) {
    const x = a[aStart + i]! > 0.5;
    const y = b[bStart + i]! > 0.5;
    if (x && y) tp++;
    else if (x !== y) wrong++;
  }
  return tp + wrong === 0 ? 1 : tp / (tp + wrong);
}

/**
 * The consensus of `count` binary frames of size `dim` stored row-major in `frames`: the index
 * of the frame with the highest summed {@link frameAgreement} with the other frames (the first
 * on ties). With frames drawn from the model's distribution of the next frame, it is the
 * minimum-Bayes-risk frame for frame accuracy among the draws (a near-mode decoding of that
 * frame). Used by the step-wise consensus of `model.sample({ stepDraws })`.
 *
 * @example
 * ```ts
 * consensusFrame(Float32Array.from([1, 1, 0, 1, 0, 0, 1, 0, 1]), 3, 3); // 1: [1,0,0] agrees 0.5 with each of the others
 * ```
 */
export function consensusFrame(frames: Float32Array, count: number, dim: number): number {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(dim) || dim < 1 || frames.length !== count * dim) {
    throw new ConfigError(`consensusFrame needs count x dim values (count, dim integers >= 1), got ${frames.length} values for ${count} x ${dim}.`);
  }
  return firstMax(pairwiseSums(count, (i, j) => agreementOf(frames, i * dim, frames, j * dim, dim)));
}

/** For each of `n` items, the sum of the symmetric `score(i, j)` over every other item j (each pair scored once). */
function pairwiseSums(n: number, score: (i: number, j: number) => number): number[] {
  const sums = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = score(i, j);
      sums[i]! += s;
      sums[j]! += s;
    }
  }
  return sums;
}

/** Index of the largest value (the first of equals). */
function firstMax(values: readonly number[]): number {
  let index = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[index]!) index = i;
  return index;
}

/** What {@link consensusChoice} returns. */
export interface ConsensusChoice {
  /** Index of the chosen candidate (the first of equals). */
  readonly index: number;
  /** Each candidate's mean frame accuracy against the other candidates (1 for a lone candidate). */
  readonly agreement: number[];
}

/**
 * Minimum-Bayes-risk choice among sampled binary continuations: the index of the candidate with
 * the highest mean {@link frameAgreement} with the other candidates (the first on ties), and
 * every candidate's mean. With the candidates drawn from the model, that mean estimates the
 * candidate's expected frame accuracy against a continuation the model would play, so the
 * chosen one is the model's consensus: it keeps the notes most draws agree on, instead of the
 * single most likely draw. One candidate: index 0, agreement 1.
 *
 * @example
 * ```ts
 * const { index } = consensusChoice([a, b, c]); // the draw closest to the two others
 * ```
 */
export function consensusChoice(candidates: readonly SequenceData[]): ConsensusChoice {
  const n = candidates.length;
  if (n === 0) throw new ConfigError('consensusChoice needs at least one candidate.');
  const sums = pairwiseSums(n, (i, j) => frameAgreement(candidates[i]!, candidates[j]!));
  const agreement = sums.map((s) => (n > 1 ? s / (n - 1) : 1));
  return { index: firstMax(agreement), agreement };
}
