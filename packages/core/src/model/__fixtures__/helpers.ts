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
  if (withBias) {
    // non-zero estimator bias so that it matters
    const b = model.variables['estimator/b']!;
    const rng = new Rng(seed + 100);
    tf.tidy(() => b.assign(tf.tensor1d(Float32Array.from({ length: b.size }, () => rng.next() - 0.5))));
  }
  const skip = model.variables['projection/skip/kernel'];
  if (skip) {
    // the input skip starts at zero; random values so that it matters
    const rng = new Rng(seed + 200);
    tf.tidy(() =>
      skip.assign(
        tf.tensor(
          Float32Array.from({ length: skip.size }, () => rng.next() - 0.5),
          skip.shape,
        ),
      ),
    );
  }
  return model;
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
