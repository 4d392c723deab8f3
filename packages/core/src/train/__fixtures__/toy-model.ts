import * as tf from '@tensorflow/tfjs-core';
import type { PaddedBatch, Rng, TensorData, TrainableModel } from '@rnn-nade/core';

/**
 * A tiny stand-in for SequenceModel used by the trainer's unit tests: per-key logistic
 * regression of frame t on frame t-1 plus a scalar "state" that carries the running number of
 * chunks seen (so carried state is exercised), and optional dropout on the input driven by the
 * rng (so rng use is exercised). Loss = summed Bernoulli NLL over masked frames.
 */
export class ToyModel implements TrainableModel {
  readonly variables: Record<string, tf.Variable>;
  lossScale = 1;

  constructor(
    readonly dim: number,
    seed = 1,
    readonly dropout = 0,
  ) {
    let s = seed;
    const rand = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return (s / 2147483648 - 0.5) * 0.2;
    };
    this.variables = tf.tidy(() => ({
      'toy/W': tf.variable(tf.tensor2d(Array.from({ length: dim * dim }, rand), [dim, dim]), true, `toyW${seed}_${Math.random()}`),
      'toy/b': tf.variable(tf.tensor1d(Array.from({ length: dim }, rand)), true, `toyb${seed}_${Math.random()}`),
    }));
  }

  batchLoss(batch: PaddedBatch, options: { training: boolean; rng: Rng; state?: tf.Tensor[] }) {
    const { batchSize: B, steps: L, dim: D } = batch;
    const prev = batch.reset || !options.state ? 0 : (options.state[0]!.dataSync() as Float32Array)[0]!;
    const keep = options.training && this.dropout > 0 ? options.rng.uniform(B * L * D).map((u) => (u < this.dropout ? 0 : 1 / (1 - this.dropout))) : null;
    let finalState: tf.Tensor[] = [];
    const loss = tf.tidy(() => {
      let x = tf.tensor2d(batch.inputs, [B * L, D]);
      if (keep) x = tf.mul(x, tf.tensor2d(keep, [B * L, D]));
      const y = tf.tensor2d(batch.targets, [B * L, D]);
      const m = tf.tensor1d(batch.mask);
      const logits = tf.add(tf.matMul(x, this.variables['toy/W']!), this.variables['toy/b']!);
      const nll = tf.sum(tf.sub(tf.softplus(logits), tf.mul(y, logits)), 1);
      finalState = [tf.keep(tf.scalar(prev + 1))];
      return tf.mul(tf.sum(tf.mul(nll, m)), this.lossScale) as tf.Scalar;
    });
    let frames = 0;
    for (const v of batch.mask) frames += v;
    return { loss, frames, finalState };
  }

  getWeights(): Record<string, TensorData> {
    const out: Record<string, TensorData> = {};
    for (const [k, v] of Object.entries(this.variables)) out[k] = { shape: [...v.shape], data: Float32Array.from(v.dataSync() as Float32Array) };
    return out;
  }

  setWeights(w: Record<string, TensorData>): void {
    for (const [k, t] of Object.entries(w)) tf.tidy(() => this.variables[k]!.assign(tf.tensor(t.data, t.shape)));
  }

  dispose(): void {
    for (const v of Object.values(this.variables)) v.dispose();
  }
}

/** `n` random binary sequences of `dim` keys with lengths in [minLen, maxLen], from a simple LCG. */
export function toySequences(n: number, dim: number, seed: number, minLen = 3, maxLen = 9) {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  return Array.from({ length: n }, () => {
    const steps = minLen + Math.floor(rand() * (maxLen - minLen + 1));
    const data = new Float32Array(steps * dim);
    // a pattern with temporal structure: key k at t tends to follow key k-1 at t-1
    let k = Math.floor(rand() * dim);
    for (let t = 0; t < steps; t++) {
      data[t * dim + k] = 1;
      if (rand() < 0.3) data[t * dim + Math.floor(rand() * dim)] = 1;
      k = (k + 1) % dim;
    }
    return { steps, dim, data };
  });
}
