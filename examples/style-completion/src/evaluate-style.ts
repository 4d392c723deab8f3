import { SequenceModel, pitchesToSequence, type JsonValue } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';
import { analyzeCompletion } from '@rnn-nade/data-midi/node';
import { completePiece, type PieceCompletion } from './completion';
import type { StyleData } from './piano-data';

/** One row of the all-movements table: the model's completions and the repeat-last-bar baseline. */
export interface MovementRow {
  /** The model's completions of the movement. */
  readonly completion: PieceCompletion;
  /** The "repeat the last primer bar" baseline, analysed the same way. */
  readonly repeatBar: PieceCompletion['summary'];
}

/** What {@link evaluateStyle} returns. */
export interface StyleEvaluation {
  /** The main piece's completion (more samples). */
  readonly main: PieceCompletion;
  /** Every Mozart movement (the main one included). */
  readonly rows: MovementRow[];
  /** Mean completion frame accuracy over the movements. */
  readonly meanAccuracy: number;
  /** Mean repeat-last-bar frame accuracy over the movements. */
  readonly meanRepeatAccuracy: number;
  /** Log-likelihood per step on all Mozart movements (held out). */
  readonly mozartLogLikelihood: number;
  /** Frames of the Mozart movements. */
  readonly mozartFrames: number;
  /** Log-likelihood per step on JSB Chorales (8th) valid. */
  readonly bachValidLogLikelihood: number;
  /** The model's metadata. */
  readonly metadata: Record<string, JsonValue>;
}

/** Options of {@link evaluateStyle}. */
export interface EvaluateStyleOptions {
  /** The main piece (default `mozart/mz_545_1.mid`). */
  readonly piece?: string;
  /** Samples for the main piece (default 10). */
  readonly mainSamples?: number;
  /** Samples for every other movement (default 5). */
  readonly samples?: number;
}

/**
 * Re-evaluates a saved completion model: the main piece's completions (4 bars primed, 4 bars
 * generated, seeds 1..mainSamples), every Mozart movement (seeds 1..samples) beside the
 * repeat-last-bar baseline, the held-out Mozart log-likelihood and the JSB valid log-likelihood.
 *
 * @example
 * ```ts
 * const e = await evaluateStyle('models/style-completion', await loadStyleData());
 * e.meanAccuracy;
 * ```
 */
export async function evaluateStyle(modelDir: string, data: StyleData, options: EvaluateStyleOptions = {}): Promise<StyleEvaluation> {
  const { model, metadata } = await SequenceModel.load(modelDir);
  try {
    const pieceName = options.piece ?? 'mozart/mz_545_1.mid';
    const piece = data.mozart.find((p) => p.file === pieceName);
    if (!piece) throw new RangeError(`${pieceName} is not one of the Mozart movements: ${data.mozart.map((p) => p.file).join(', ')}`);
    const main = await completePiece(model, piece, { bars: 4, continueBars: 4, samples: options.mainSamples ?? 10 });
    const rows: MovementRow[] = [];
    for (const p of data.mozart) {
      const c = p === piece ? main : await completePiece(model, p, { bars: 4, continueBars: 4, samples: options.samples ?? 5 });
      const last = c.primer.slice(-c.barSteps);
      const repeat = c.truth.map((_, t) => last[t % last.length] ?? []);
      const a = analyzeCompletion(c.truth, repeat);
      rows.push({
        completion: c,
        repeatBar: {
          ...a.total,
          error: a.total.missed + a.total.misplaced + a.total.falsePositives,
          truthNotes: c.summary.truthNotes,
          accuracy: a.accuracy,
          precision: a.precision,
          recall: a.recall,
        },
      });
    }
    const range = { low: 21, high: 108 };
    const mozartEval = await model.evaluate(
      data.mozart.map((p) => pitchesToSequence(p.roll.steps, range)),
      { chunkSteps: 256 },
    );
    const bachValid = await model.evaluate(data.bach.valid, { chunkSteps: 256 });
    const mean = (f: (r: MovementRow) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
    return {
      main,
      rows,
      meanAccuracy: mean((r) => r.completion.summary.accuracy),
      meanRepeatAccuracy: mean((r) => r.repeatBar.accuracy),
      mozartLogLikelihood: mozartEval.logLikelihoodPerStep,
      mozartFrames: mozartEval.frames,
      bachValidLogLikelihood: bachValid.logLikelihoodPerStep,
      metadata,
    };
  } finally {
    model.dispose();
  }
}
