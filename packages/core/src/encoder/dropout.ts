import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../util/rng';

/**
 * An inverted-dropout mask drawn from the seeded `rng`: each entry is 0 with probability `rate`
 * and 1/(1-rate) otherwise, so the expected activation is unchanged and evaluation needs no scaling.
 *
 * @example
 * ```ts
 * const y = tf.mul(x, dropoutMask(x.shape, 0.5, new Rng(1)));
 * ```
 */
export function dropoutMask(shape: number[], rate: number, rng: Rng): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const keep = 1 - rate;
  const scale = 1 / keep;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.next() < keep ? scale : 0;
  return tf.tensor(data, shape, 'float32');
}
