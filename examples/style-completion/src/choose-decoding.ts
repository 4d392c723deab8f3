import type { SequenceModel } from '@rnn-nade/core';
import { evaluateCompletionSet, type CompletionTask } from './completion-eval';
import type { Decoding } from './completion';
import type { HeldOutPiece } from './piano-data';

/** The decodings tried on the validation pieces. */
export const DECODING_GRID: readonly Decoding[] = [
  { temperature: 1, candidates: 1, adaptSteps: 0 },
  { temperature: 1, candidates: 1, adaptSteps: 0, stepDraws: 16 },
  { temperature: 0.7, candidates: 1, adaptSteps: 0, stepDraws: 16 },
  { temperature: 1, candidates: 8, adaptSteps: 0, select: 'consensus' },
  { temperature: 1, candidates: 1, adaptSteps: 60, adaptLearningRate: 0.01 },
  { temperature: 1, candidates: 1, adaptSteps: 60, adaptLearningRate: 0.03 },
  { temperature: 1, candidates: 1, adaptSteps: 60, adaptLearningRate: 0.01, stepDraws: 16 },
  { temperature: 1, candidates: 1, adaptSteps: 60, adaptLearningRate: 0.03, stepDraws: 16 },
  { temperature: 1, candidates: 1, adaptSteps: 60, adaptLearningRate: 0.05, stepDraws: 16 },
  { temperature: 1, candidates: 1, adaptSteps: 60, adaptLearningRate: 0.07, stepDraws: 16 },
  // Tried on the session-4 model (no input skip; same validation pieces, 2 samples), left out of
  // the grid: T 0.7/0.5 plain and adapted, best of 4 by likelihood adapted (all <= 0.143); best
  // of 8 by consensus adapted at lr 0.03 for 60/150 steps -> 0.143/0.145; lr 0.1 diverged
  // (DivergenceError); step-wise consensus of 16 whose candidates also held the lookback frames
  // (copy a frame 6..32 steps back when the draws agree with it more) -> 0.129, below 0.135
  // without them. On the session-6 model (metric position with 4-bar phrases), also with
  // step-wise consensus of 16: adapted 120 / 200 steps at lr 0.03 -> 0.183 / 0.184, 30 / 100 steps
  // at lr 0.05 -> 0.189 / 0.191 (60 steps at lr 0.05 / 0.07, kept in the grid: 0.190 / 0.194).
];

/** One tried decoding and its mean frame accuracy on the validation pieces. */
export interface DecodingTrial {
  /** The decoding. */
  readonly decoding: Decoding;
  /** Mean completion frame accuracy over the validation pieces. */
  readonly accuracy: number;
}

/** What {@link chooseDecoding} returns. */
export interface DecodingChoice {
  /** The decoding with the highest validation accuracy (ties: the first in grid order). */
  readonly best: Decoding;
  /** Every trial, in grid order. */
  readonly trials: DecodingTrial[];
  /** Validation pieces scored (long enough for the task). */
  readonly pieces: number;
  /** The repeat-last-bar baseline on the same pieces. */
  readonly repeatLastBar: number;
}

/**
 * Picks the decoding of completions by validation: every decoding of `grid` completes the
 * validation pieces (never the test pieces) `samples` times each, and the one with the highest
 * mean frame accuracy wins.
 *
 * @example
 * ```ts
 * const { best } = await chooseDecoding(model, data.valid, { samples: 3 });
 * ```
 */
export async function chooseDecoding(
  model: SequenceModel,
  pieces: readonly HeldOutPiece[],
  options: CompletionTask & { samples: number; grid?: readonly Decoding[]; onTrial?: (t: DecodingTrial) => void },
): Promise<DecodingChoice> {
  const trials: DecodingTrial[] = [];
  let pieceCount = 0;
  let repeatLastBar = Number.NaN;
  for (const decoding of options.grid ?? DECODING_GRID) {
    const r = await evaluateCompletionSet(model, pieces, { ...options, decoding, firstSeed: 1001 });
    pieceCount = r.rows.length;
    repeatLastBar = r.baselines['repeat-last-bar'];
    const trial = { decoding, accuracy: r.model };
    trials.push(trial);
    options.onTrial?.(trial);
  }
  const best = trials.reduce((a, b) => (b.accuracy > a.accuracy ? b : a)).decoding;
  return { best, trials, pieces: pieceCount, repeatLastBar };
}
