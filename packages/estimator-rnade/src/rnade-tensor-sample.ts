import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@rnn-nade/core';
import { RNADE_MAX_LOG_SIGMA, type ResolvedRnadeConfig } from './rnade-config';
import type { RnadeWeightTensors } from './rnade-tensor-ops';

/**
 * RNADE ancestral sampling with tensor ops, one dimension at a time (for GPU backends, where
 * downloading weights to plain arrays is costly). Draws `u` then `ε` per dimension, rows in
 * order, like {@link RnadeCpuSampler}, so both paths give the same frames for the same Rng.
 */
export function rnadeSampleTensorLoop(
  params: tf.Tensor2D,
  w: RnadeWeightTensors,
  config: ResolvedRnadeConfig,
  options: { temperature: number; rng: Rng },
): tf.Tensor2D {
  const { dim: D, hidden: H, components: K, minSigma, conditionMixture } = config;
  const N = params.shape[0];
  const T = options.temperature;
  const u = new Float32Array(N * D);
  const eps = new Float32Array(N * D);
  for (let i = 0; i < N * D; i++) {
    u[i] = options.rng.next();
    eps[i] = options.rng.normal();
  }
  return tf.tidy(() => {
    const U = tf.tensor2d(u, [N, D]);
    const E = tf.tensor2d(eps, [N, D]);
    const V = tf.concat([w.Valpha, w.Vmu, w.Vsigma], 2);
    const b = tf.concat([w.balpha, w.bmu, w.bsigma], 1);
    const mix = conditionMixture ? tf.reshape(tf.slice(params, [0, H], [N, 3 * D * K]), [N, 3, D, K]) : undefined;
    let a: tf.Tensor2D = tf.slice(params, [0, 0], [N, H]);
    const cols: tf.Tensor1D[] = [];
    for (let d = 0; d < D; d++) {
      const h = tf.relu(tf.mul(a, tf.slice(w.rho, [d], [1])));
      let o = tf.add(tf.matMul(h, tf.reshape(tf.slice(V, [d, 0, 0], [1, H, 3 * K]), [H, 3 * K])), tf.slice(b, [d, 0], [1, 3 * K]));
      if (mix) o = tf.add(o, tf.reshape(tf.slice(mix, [0, 0, d, 0], [N, 3, 1, K]), [N, 3 * K]));
      const [logits, mu, s] = tf.split(o, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const sigma = tf.add(tf.exp(tf.minimum(s, RNADE_MAX_LOG_SIGMA)), minSigma);
      let idx: tf.Tensor1D;
      if (T === 0 || K === 1) idx = tf.argMax(logits, 1);
      else {
        const cdf = tf.cumsum(tf.softmax(tf.div(logits, T)), 1);
        const below = tf.sum(tf.cast(tf.lessEqual(cdf, tf.slice(U, [0, d], [N, 1])), 'int32'), 1);
        idx = tf.minimum(below, tf.scalar(K - 1, 'int32')) as tf.Tensor1D;
      }
      const oh = tf.cast(tf.oneHot(idx, K), 'float32');
      const m = tf.sum(tf.mul(oh, mu), 1);
      const sg = tf.sum(tf.mul(oh, sigma), 1);
      const x = tf.add(m, tf.mul(tf.mul(sg, Math.sqrt(T)), tf.reshape(tf.slice(E, [0, d], [N, 1]), [N]))) as tf.Tensor1D;
      cols.push(x);
      a = tf.add(a, tf.mul(tf.reshape(x, [N, 1]), tf.reshape(tf.slice(w.W, [0, d], [H, 1]), [1, H])));
    }
    return tf.stack(cols, 1) as tf.Tensor2D;
  });
}
