import * as tf from '@tensorflow/tfjs-core';
import type { SequenceData } from '../data/sequence';
import { disposeState, type EncoderState } from '../encoder/network';
import { iterateBatches } from '../model/batches';
import type { SequenceModel } from '../model/sequence-model';
import { encoderInputsTimeMajor, toTimeMajor } from '../model/time-major';
import { checkSequenceConditioning } from '../conditioning/check';
import { withDerivedConditioning } from '../conditioning/lookback';
import { conditioningChannels } from '../conditioning/spec';
import { ConfigError } from '../util/errors';
import { Rng } from '../util/rng';
import { AccuracyTally, checkAccuracyAveraging, type AccuracyAveraging, type AccuracyAverages } from './accuracy-tally';

const AVERAGE_KEY: Record<AccuracyAveraging, keyof AccuracyAverages> = { pooled: 'pooled', 'per-sequence': 'perSequence', 'per-frame': 'perFrame' };

/** Options of {@link evaluateModel}. */
export interface EvaluateOptions {
  /** Sequences evaluated together (default 32). Does not change the result. */
  batchSize?: number;
  /** Samples per frame for the expected frame accuracy; 0 (default) skips it (accuracy: null). */
  samples?: number;
  /** Seed of the accuracy samples (and of a stochastic estimator's loss/logProb); default 0. */
  seed?: number;
  /** Long sequences are evaluated in chunks of this many steps with carried state (default 256). Does not change the result. */
  chunkSteps?: number;
  /**
   * Which average of the expected frame accuracy `accuracy` reports (default `'pooled'`);
   * `accuracies` always holds all three. `'per-frame'` is ICML 2012's (every time step weighs
   * the same; compare with the paper's accuracy column), `'per-sequence'` Bay et al. (2009)'s.
   */
  accuracyAveraging?: AccuracyAveraging;
}

/** Result of {@link evaluateModel}. */
export interface EvaluationResult {
  /** Σ over all frames of log p(frame | history), divided by the number of frames (nats). */
  logLikelihoodPerStep: number;
  /** Expected frame accuracy averaged as `accuracyAveraging` says, or null when samples = 0. */
  accuracy: number | null;
  /** How `accuracy` is averaged (see {@link AccuracyAveraging}). */
  accuracyAveraging: AccuracyAveraging;
  /** Every average of the expected frame accuracy, or null when samples = 0. */
  accuracies: AccuracyAverages | null;
  /** Number of frames scored (every frame of every sequence, the first included). */
  frames: number;
  /** Number of (non-empty) sequences. */
  sequences: number;
  /** Mean of the estimator's training loss per frame (= -logLikelihoodPerStep for exact estimators). */
  lossPerStep: number;
}

/**
 * Evaluates a model on whole sequences. Every frame t of every sequence is scored given the true
 * frames < t (frame 0 from the initial state); the log-likelihood per step is **pooled**: the sum
 * of log p over all frames of all sequences divided by the total number of frames (docs/design.md).
 * With `samples` = K > 0, K frames are drawn from the model at every step given the true
 * history and compared with the true frame; `accuracy` pools TP, FP, FN over all frames and
 * samples ({@link frameAccuracy}); with `accuracyAveraging: 'per-frame'` it averages every
 * frame's ratio over all frames and samples (ICML 2012's definition), with `'per-sequence'` each
 * sequence's ratio over sequences and samples (Bay et al. 2009; see {@link AccuracyAveraging}).
 *
 * @throws ConfigError when the estimator has no `logProb` (intractable likelihood);
 * ConditioningError when the model is conditioned and a sequence lacks matching `conditioning`
 * (lookback channels are derived from the frames: see `withDerivedConditioning`).
 * @example
 * ```ts
 * const { logLikelihoodPerStep, accuracy } = await evaluateModel(model, test, { samples: 10, seed: 1, accuracyAveraging: 'per-frame' });
 * ```
 */
export async function evaluateModel(model: SequenceModel, input: readonly SequenceData[], options: EvaluateOptions = {}): Promise<EvaluationResult> {
  const est = model.estimator;
  const logProb = est.logProb?.bind(est);
  if (!logProb) {
    throw new ConfigError(`Estimator "${est.className}" provides no logProb (its likelihood is intractable), so the log-likelihood cannot be evaluated.`);
  }
  const K = options.samples ?? 0;
  if (!Number.isInteger(K) || K < 0) throw new ConfigError(`samples must be an integer >= 0, got ${K}.`);
  const averaging = checkAccuracyAveraging(options.accuracyAveraging ?? 'pooled');
  const D = model.encoderConfig.inputDim;
  const seqs = input.map((s, i) => {
    if (s.dim !== D) throw new ConfigError(`A sequence has frame size ${s.dim}, the model expects ${D}.`);
    const full = withDerivedConditioning(model.conditioning, s, `sequence ${i}`);
    checkSequenceConditioning(model.conditioning, full, `sequence ${i}`);
    return full;
  });
  const C = conditioningChannels(model.conditioning);
  const rng = new Rng(options.seed ?? 0);
  const net = model.network;
  let sumLogp = 0;
  let sumLoss = 0;
  let frames = 0;
  const tally = new AccuracyTally(K);
  let state: EncoderState | undefined;
  try {
    for (const batch of iterateBatches(seqs, { batchSize: options.batchSize ?? 32, chunkSteps: options.chunkSteps ?? 256 })) {
      const { batchSize: B, steps: L } = batch;
      if (batch.reset) {
        disposeState(state);
        state = net.initialState(B);
        tally.startGroup(B);
      }
      const start = state!;
      let next: EncoderState = [];
      const targets = toTimeMajor(batch.targets, B, L, D);
      const mask = toTimeMajor(batch.mask, B, L, 1);
      const outs = tf.tidy(() => {
        const x = tf.tensor3d(encoderInputsTimeMajor(batch, C), [L, B, D + C]);
        const out = net.forward(x, start, { training: false });
        next = out.state;
        const y = tf.tensor2d(targets, [L * B, D]);
        const res: tf.Tensor[] = [logProb(out.params, y, { rng }), est.loss(out.params, y, { rng, training: false })];
        for (let k = 0; k < K; k++) res.push(est.sample(out.params, { rng, temperature: 1 }));
        return res;
      });
      disposeState(start);
      state = next;
      const arrays = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
      tf.dispose(outs);
      const [lp, ls] = arrays as [Float32Array, Float32Array];
      for (let r = 0; r < L * B; r++) {
        if (mask[r] === 0) continue;
        sumLogp += lp[r]!;
        sumLoss += ls[r]!;
        frames++;
      }
      for (let k = 0; k < K; k++) tally.add(k, targets, arrays[2 + k]!, { dim: D, batchSize: B, steps: L, mask });
    }
  } finally {
    disposeState(state);
  }
  const sequences = seqs.filter((s) => s.steps > 0).length;
  const accuracies = K > 0 ? tally.averages() : null;
  return {
    logLikelihoodPerStep: frames ? sumLogp / frames : NaN,
    accuracy: accuracies ? accuracies[AVERAGE_KEY[averaging]] : null,
    accuracyAveraging: averaging,
    accuracies,
    frames,
    sequences,
    lossPerStep: frames ? sumLoss / frames : NaN,
  };
}
