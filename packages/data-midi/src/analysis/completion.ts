/** Counts for one step (or summed over all steps) of a completion analysis. */
export interface CompletionCounts {
  /** Predicted notes that are true notes. */
  correct: number;
  /** True notes not predicted (false negatives). */
  missed: number;
  /** Wrong predictions that are within `tolerance` semitones of a missed true note. */
  misplaced: number;
  /** Wrong predictions not near any missed true note. */
  falsePositives: number;
}

/** Result of {@link analyzeCompletion}. */
export interface CompletionAnalysis {
  /** One entry per step (over the longer of the two rolls; missing steps count as silence). */
  readonly perStep: CompletionCounts[];
  /** Sums over all steps. */
  readonly total: CompletionCounts;
  /** correct / (correct + misplaced + falsePositives), or 1 when nothing was predicted. */
  readonly precision: number;
  /** correct / (correct + missed), or 1 when there was nothing to find. */
  readonly recall: number;
  /**
   * Frame accuracy of Bay et al. (2009), TP / (TP + FP + FN) pooled over steps, with every wrong
   * prediction (misplaced or not) as FP; 1 when both rolls are silent.
   */
  readonly accuracy: number;
}

/** Options of {@link analyzeCompletion}. */
export interface CompletionOptions {
  /** Semitone distance that makes a wrong prediction "misplaced" (default 2). */
  readonly tolerance?: number;
}

/**
 * Compares a predicted continuation with the true one, step by step, as in the seed paper's
 * Figure 6: correct notes, missed notes (false negatives), misplaced notes (a predicted note
 * within ±2 semitones of a missed true note at the same step) and the remaining false
 * positives. Every predicted note is exactly one of correct / misplaced / falsePositives.
 *
 * @example
 * ```ts
 * const a = analyzeCompletion([[60, 64], [67]], [[60, 65], [50]]);
 * a.total; // { correct: 1, missed: 2, misplaced: 1, falsePositives: 1 }
 * ```
 */
export function analyzeCompletion(
  truth: readonly (readonly number[])[],
  predicted: readonly (readonly number[])[],
  options: CompletionOptions = {},
): CompletionAnalysis {
  const tol = options.tolerance ?? 2;
  const steps = Math.max(truth.length, predicted.length);
  const perStep: CompletionCounts[] = [];
  const total: CompletionCounts = { correct: 0, missed: 0, misplaced: 0, falsePositives: 0 };
  for (let t = 0; t < steps; t++) {
    const tr = new Set((truth[t] ?? []).map(Math.round));
    const pr = new Set((predicted[t] ?? []).map(Math.round));
    const c: CompletionCounts = { correct: 0, missed: 0, misplaced: 0, falsePositives: 0 };
    const missed = [...tr].filter((p) => !pr.has(p));
    c.missed = missed.length;
    for (const p of pr) {
      if (tr.has(p)) c.correct++;
      else if (missed.some((m) => Math.abs(m - p) <= tol)) c.misplaced++;
      else c.falsePositives++;
    }
    perStep.push(c);
    total.correct += c.correct;
    total.missed += c.missed;
    total.misplaced += c.misplaced;
    total.falsePositives += c.falsePositives;
  }
  const predictedCount = total.correct + total.misplaced + total.falsePositives;
  const denom = total.correct + total.missed + total.misplaced + total.falsePositives;
  return {
    perStep,
    total,
    precision: predictedCount === 0 ? 1 : total.correct / predictedCount,
    recall: total.correct + total.missed === 0 ? 1 : total.correct / (total.correct + total.missed),
    accuracy: denom === 0 ? 1 : total.correct / denom,
  };
}
