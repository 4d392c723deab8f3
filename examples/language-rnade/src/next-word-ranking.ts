import { ShapeError } from '@rnn-nade/core';

/** Next-word ranking quality over a set of test positions. */
export interface RankingScores {
  /** Test positions ranked. */
  readonly positions: number;
  /** Fraction of positions where the true word ranks first. */
  readonly top1: number;
  /** Fraction of positions where the true word ranks in the first ten. */
  readonly top10: number;
  /** Mean reciprocal rank of the true word. */
  readonly mrr: number;
}

/**
 * The rank (1 = best) of word `target` in one row of scores (higher = more likely): one plus the
 * number of words scored strictly higher plus half the number of other words tied with it (the
 * mid-rank, so that ties neither help nor hurt a model on average).
 *
 * @example
 * ```ts
 * rankOfTarget([0.1, 0.5, 0.3], 2); // 2
 * ```
 */
export function rankOfTarget(scores: ArrayLike<number>, target: number): number {
  if (!Number.isInteger(target) || target < 0 || target >= scores.length) {
    throw new ShapeError(`Target word ${target} is outside the ${scores.length} scored words.`);
  }
  const s = scores[target]!;
  let higher = 0;
  let ties = 0;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (v > s) higher++;
    else if (v === s && i !== target) ties++;
  }
  return 1 + higher + ties / 2;
}

/**
 * Accumulates ranks of true next words into top-1, top-10 and MRR.
 *
 * @example
 * ```ts
 * const t = new RankTally();
 * t.addRow(scoresOfAllWords, trueWord);
 * console.log(t.result().mrr);
 * ```
 */
export class RankTally {
  private n = 0;
  private top1 = 0;
  private top10 = 0;
  private reciprocal = 0;

  /** Adds one rank (1 = best). */
  add(rank: number): void {
    this.n++;
    if (rank <= 1) this.top1++;
    if (rank <= 10) this.top10++;
    this.reciprocal += 1 / rank;
  }

  /** Ranks `target` in `scores` and adds it; returns the rank. */
  addRow(scores: ArrayLike<number>, target: number): number {
    const r = rankOfTarget(scores, target);
    this.add(r);
    return r;
  }

  /** Adds every row of a row-major `[rows, vocab]` score matrix with its target. */
  addRows(scores: Float32Array | Float64Array, targets: ArrayLike<number>, vocab: number): void {
    if (scores.length !== targets.length * vocab) {
      throw new ShapeError(`Scores have ${scores.length} values; ${targets.length} targets × ${vocab} words need ${targets.length * vocab}.`);
    }
    for (let r = 0; r < targets.length; r++) this.addRow(scores.subarray(r * vocab, (r + 1) * vocab), targets[r]!);
  }

  /** The scores so far (zeros when nothing was added). */
  result(): RankingScores {
    const n = this.n;
    return { positions: n, top1: n ? this.top1 / n : 0, top10: n ? this.top10 / n : 0, mrr: n ? this.reciprocal / n : 0 };
  }
}
