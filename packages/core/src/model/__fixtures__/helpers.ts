import * as tf from '@tensorflow/tfjs-core';
import { makeBatches, Rng, SequenceModel, type EncoderConfig, type SequenceData } from '@rnn-nade/core';
import { disposeState, encoderInputsTimeMajor } from '@rnn-nade/core/advanced';
import { LogisticEstimator } from './logistic-estimator';

/** Random binary sequences of the given lengths. */
export function randomSequences(seed: number, lengths: number[], dim: number, density = 0.3): SequenceData[] {
  const rng = new Rng(seed);
  return lengths.map((steps) => ({
    steps,
    dim,
    data: Float32Array.from({ length: steps * dim }, () => (rng.next() < density ? 1 : 0)),
  }));
}

/** A small model over the logistic test estimator. */
export function smallModel(encoder: Partial<EncoderConfig> & { inputDim: number }, seed = 3, withBias = true): SequenceModel {
  const model = SequenceModel.create({ encoder, estimator: new LogisticEstimator({ dim: encoder.inputDim, withBias }), seed });
  // the estimator bias and the input skip start at zero: random values so that they matter
  if (withBias) randomize(model.variables['estimator/b']!, seed + 100);
  const skip = model.variables['projection/skip/kernel'];
  if (skip) randomize(skip, seed + 200);
  return model;
}

/** Assigns seeded uniform values in [-0.5, 0.5) to a variable. */
function randomize(v: tf.Variable, seed: number): void {
  const rng = new Rng(seed);
  tf.tidy(() =>
    v.assign(
      tf.tensor(
        Float32Array.from({ length: v.size }, () => rng.next() - 0.5),
        v.shape,
      ),
    ),
  );
}

/** Float64 copies of a model's weights. */
export function weights64(model: SequenceModel): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(model.getWeights())) out[k] = Float64Array.from(v.data);
  return out;
}

/** Params `[T, P]` of every step of one sequence (its conditioning rows, when it has them, read beside the frames). */
export function stepParams(m: SequenceModel, seq: SequenceData): Float32Array {
  const [batch] = makeBatches([seq], { batchSize: 1 });
  const D = seq.dim;
  const state = m.network.initialState(1);
  const channels = seq.conditioning?.channels ?? 0;
  const out = tf.tidy(() => {
    const x = tf.tensor3d(encoderInputsTimeMajor(batch!, channels), [seq.steps, 1, D + channels]);
    const r = m.network.forward(x, state, { training: false });
    disposeState(r.state);
    return r.params.dataSync() as Float32Array;
  });
  disposeState(state);
  return out;
}
