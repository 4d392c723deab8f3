import * as tf from '@tensorflow/tfjs-core';

/**
 * `a @ b` for 2-D tensors whose gradient never asks the backend for a transposed operand: it
 * transposes explicitly (one `Transpose` kernel) and multiplies untransposed. Same maths as
 * tfjs's `BatchMatMul` gradient, but on the wasm backend a `matMul(a, b, true, false)` of a
 * `[1024, 88]` by a `[1024, 600]` takes ~13× longer than `matMul(transpose(a), b)`, and
 * `transposeB` is ~10× slower too (measured, tfjs 4.22). A local op instead of a re-registered
 * global `BatchMatMul` gradient, so that tfjs behaves as usual for every other caller.
 */
export const matMulFastGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;
