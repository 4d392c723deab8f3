import * as tf from '@tensorflow/tfjs-core';
import { CPU_SIDE_BACKENDS } from '../fast/kernel-backend';

/**
 * `tf.unstack(x, 0)` without its cost on CPU-side backends: tfjs's wasm `Slice` copies the
 * *whole* input for every slice, so unstacking a `[64, 16, 600]` tensor costs ~64 full copies
 * (~90 ms measured). Here the data is read once and each row becomes a new tensor. On other
 * backends (webgl, tensorflow) it is plain `tf.unstack`. Not differentiable: use it only where
 * no gradient is recorded (inside `customGrad` forward/backward functions, or inference).
 */
export function unstackRows<R extends tf.Rank>(x: tf.Tensor): tf.Tensor<R>[] {
  if (!(CPU_SIDE_BACKENDS as readonly string[]).includes(tf.getBackend())) return tf.unstack(x, 0) as tf.Tensor<R>[];
  const [n, ...rest] = x.shape;
  const size = rest.reduce((a, b) => a * b, 1);
  const data = x.dataSync() as Float32Array;
  const out: tf.Tensor<R>[] = new Array(n!);
  for (let i = 0; i < n!; i++) out[i] = tf.tensor(data.subarray(i * size, (i + 1) * size), rest as number[], 'float32') as unknown as tf.Tensor<R>;
  return out;
}
