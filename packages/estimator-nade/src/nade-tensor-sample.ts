import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@rnn-nade/core';

/**
 * The naive NADE ancestral sampler: one round of tensor ops per dimension, all rows at once.
 * Works on every backend (including GPU ones, where pulling data to the CPU is costly) but
 * issues ~8·D small ops per call. It draws `rng.next()` for every (row, dimension) up front in
 * row-major order — the same stream {@link NadeCpuSampler} consumes row by row — and sets
 * `x_i = u_i < sigmoid(logit_i / temperature)`.
 *
 * @param params `[N, D + H]` rows `[b | c]`
 * @param W `[H, D]`
 * @param V `[H, D]`
 * @returns `[N, D]` 0/1 samples
 */
export function nadeSampleTensorLoop(params: tf.Tensor2D, W: tf.Tensor2D, V: tf.Tensor2D, options: { temperature: number; rng: Rng }): tf.Tensor2D {
  const [h, d] = W.shape;
  const n = params.shape[0];
  const uniforms = new Float32Array(n * d);
  for (let i = 0; i < uniforms.length; i++) uniforms[i] = options.rng.next();
  return tf.tidy(() => {
    const u = tf.unstack(tf.tensor2d(uniforms, [n, d]), 1).map((col) => tf.reshape(col, [n, 1]));
    const b = tf.unstack(tf.slice(params, [0, 0], [n, d]), 1).map((col) => tf.reshape(col, [n, 1]));
    const wRows = tf.unstack(tf.transpose(W), 0).map((row) => tf.reshape(row, [1, h]));
    const vCols = tf.unstack(tf.transpose(V), 0).map((row) => tf.reshape(row, [h, 1]));
    const invT = tf.scalar(1 / options.temperature);
    let a: tf.Tensor2D = tf.slice(params, [0, d], [n, h]);
    const columns: tf.Tensor2D[] = [];
    for (let i = 0; i < d; i++) {
      const logit = tf.add(b[i]!, tf.matMul(tf.sigmoid(a), vCols[i]!));
      const p = tf.sigmoid(tf.mul(logit, invT));
      const xi = tf.cast(tf.less(u[i]!, p), 'float32') as tf.Tensor2D;
      columns.push(xi);
      a = tf.add(a, tf.matMul(xi, wRows[i]!));
    }
    return tf.concat(columns, 1);
  });
}
