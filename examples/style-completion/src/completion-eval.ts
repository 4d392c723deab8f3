import { adaptToPrimer, type SequenceData, type SequenceModel } from '@rnn-nade/core';
import { analyzeCompletion } from '@rnn-nade/data-midi/node';
import { stepsPerBar } from './bars';
import { completePiece, type Decoding, type PieceCompletion } from './completion';
import { CONTINUATION_BASELINES, baselineContinuation, type ContinuationBaseline } from './continuation-baselines';
import type { HeldOutPiece } from './piano-data';
import { sliceSequence } from './bar-crop';
import { pieceSequence } from './piece-sequence';

/** Primer and continuation lengths of the completion task. */
export interface CompletionTask {
  /** Bars of primer (default 4). */
  readonly bars?: number;
  /** Bars generated and scored (default 4). */
  readonly continueBars?: number;
}

/** One piece of {@link evaluateCompletionSet}. */
export interface CompletionRow {
  /** The model's completions (samples, Figure 6 counts, summary). */
  readonly completion: PieceCompletion;
  /** Frame accuracy of each trivial continuation on the same steps. */
  readonly baselines: Record<ContinuationBaseline, number>;
}

/** Mean frame accuracies over a set of pieces. */
export interface CompletionSetResult {
  /** One row per scored piece. */
  readonly rows: CompletionRow[];
  /** Mean over pieces of the model's frame accuracy (itself a mean over samples). */
  readonly model: number;
  /** Mean over pieces of each baseline's frame accuracy. */
  readonly baselines: Record<ContinuationBaseline, number>;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

/** True when a piece is long enough for the task (primer + continuation). */
export function fitsTask(piece: HeldOutPiece, task: CompletionTask = {}): boolean {
  return piece.roll.steps.length >= ((task.bars ?? 4) + (task.continueBars ?? 4)) * stepsPerBar(piece.roll);
}

/**
 * Completes every piece long enough for the task (`samples` continuations each, decoded as
 * `decoding`) and scores them against the real continuation beside the trivial continuations
 * (repeat the last primer bar, repeat the whole primer, silence), all by frame accuracy
 * TP / (TP + FP + FN) pooled over the continuation's steps, then averaged over pieces.
 *
 * @example
 * ```ts
 * const r = await evaluateCompletionSet(model, data.mozart, { decoding: { temperature: 0.7, candidates: 4 }, samples: 5 });
 * r.model / r.baselines['repeat-last-bar'];
 * ```
 */
export async function evaluateCompletionSet(
  model: SequenceModel,
  pieces: readonly HeldOutPiece[],
  options: CompletionTask & { decoding: Decoding; samples: number; firstSeed?: number },
): Promise<CompletionSetResult> {
  const rows: CompletionRow[] = [];
  for (const piece of pieces.filter((p) => fitsTask(p, options))) {
    const completion = await completePiece(model, piece, { ...options });
    const baselines = {} as Record<ContinuationBaseline, number>;
    for (const name of CONTINUATION_BASELINES) {
      const cont = baselineContinuation(name, completion.primer, { barSteps: completion.barSteps, steps: completion.truth.length });
      baselines[name] = analyzeCompletion(completion.truth, cont).accuracy;
    }
    rows.push({ completion, baselines });
  }
  const baselines = {} as Record<ContinuationBaseline, number>;
  for (const name of CONTINUATION_BASELINES) baselines[name] = mean(rows.map((r) => r.baselines[name]));
  return { rows, model: mean(rows.map((r) => r.completion.summary.accuracy)), baselines };
}

/** The primer and the real continuation of a piece as sequences of `model` (with its conditioning rows). */
export function taskSequences(model: SequenceModel, piece: HeldOutPiece, task: CompletionTask = {}): { primer: SequenceData; full: SequenceData } {
  const bar = stepsPerBar(piece.roll);
  const primerSteps = (task.bars ?? 4) * bar;
  const fullSteps = primerSteps + (task.continueBars ?? 4) * bar;
  const full = pieceSequence(model, piece.roll, 0, fullSteps);
  return { primer: sliceSequence(full, 0, primerSteps), full };
}

/**
 * The model's log-likelihood of the real continuations given their primers, per continuation
 * step pooled over the pieces: Σ [log p(primer + continuation) - log p(primer)] / Σ steps.
 * With `adapt`, the model is first fitted to each primer (as the adapted decoding does) and
 * restored after each piece.
 *
 * @example
 * ```ts
 * const { perStep } = await continuationLogLikelihood(model, data.mozart);
 * ```
 */
export async function continuationLogLikelihood(
  model: SequenceModel,
  pieces: readonly HeldOutPiece[],
  task: CompletionTask & { adapt?: { steps: number; learningRate?: number } } = {},
): Promise<{ perStep: number; steps: number; pieces: number }> {
  const used = pieces.filter((p) => fitsTask(p, task)).map((p) => taskSequences(model, p, task));
  if (used.length === 0) return { perStep: Number.NaN, steps: 0, pieces: 0 };
  const total = async (seqs: SequenceData[]) => {
    const r = await model.evaluate(seqs);
    return r.logLikelihoodPerStep * r.frames;
  };
  let sum = 0;
  if (task.adapt) {
    for (const u of used) {
      const restore = await adaptToPrimer(model, u.primer, { steps: task.adapt.steps, learningRate: task.adapt.learningRate, seed: 1 });
      try {
        sum += (await total([u.full])) - (await total([u.primer]));
      } finally {
        restore();
      }
    }
  } else sum = (await total(used.map((u) => u.full))) - (await total(used.map((u) => u.primer)));
  const steps = used.reduce((a, u) => a + u.full.steps - u.primer.steps, 0);
  return { perStep: sum / steps, steps, pieces: used.length };
}
