import { SequenceModel, noteOneGramBaseline, type JsonValue } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';
import type { GrooveData } from './groove-data';

/** Test-split figures of the drum model beside its frame-independent baseline. */
export interface DrumEvaluation {
  /** RNN-NADE: Σ log p(frame | history) / frames on the test split (nats; 9 classes per frame). */
  readonly modelLogLikelihood: number;
  /** Expected frame accuracy of the model on the test split (null when `samples` = 0). */
  readonly modelAccuracy: number | null;
  /** Frame-independent per-class Bernoulli fitted on the (4/4) train split (Laplace α = 1), scored on test. */
  readonly baselineLogLikelihood: number;
  /** Uniform guessing, 9 ln 0.5. */
  readonly uniformLogLikelihood: number;
  /** Test frames scored. */
  readonly frames: number;
  /** Test sequences scored. */
  readonly sequences: number;
  /** The model's stored metadata (config, training facts). */
  readonly metadata: Record<string, JsonValue>;
}

/**
 * Re-evaluates a saved drum model on Groove MIDI's test split (with the metric-position and
 * beat / fill conditioning rows `data` carries, for a model conditioned on them) and computes the
 * frame-independent baseline (per-class Bernoulli fitted on the train split, as the ICML 2012
 * "Note 1-Gram") on the same split. Every frame is scored, the first included.
 *
 * @example
 * ```ts
 * const e = await evaluateDrums('models/groove-drums', await loadGrooveData({ conditioning: DRUM_CONDITIONING }));
 * e.modelLogLikelihood > e.baselineLogLikelihood; // true
 * ```
 */
export async function evaluateDrums(modelDir: string, data: GrooveData, options: { samples?: number; seed?: number } = {}): Promise<DrumEvaluation> {
  const { model, metadata } = await SequenceModel.load(modelDir);
  try {
    const r = await model.evaluate(data.test.rolls, { samples: options.samples ?? 0, seed: options.seed ?? 1, chunkSteps: 512 });
    const base = noteOneGramBaseline(data.train.rolls, data.test.rolls);
    return {
      modelLogLikelihood: r.logLikelihoodPerStep,
      modelAccuracy: r.accuracy,
      baselineLogLikelihood: base.logLikelihoodPerStep,
      uniformLogLikelihood: data.corpus.dim * Math.log(0.5),
      frames: r.frames,
      sequences: r.sequences,
      metadata,
    };
  } finally {
    model.dispose();
  }
}
