import * as tf from '@tensorflow/tfjs-core';
import { useCpuImplementation } from './implementation';
import { registerRnnKernels, RNN_SEQUENCE } from './rnn-kernel';

registerRnnKernels();

/** Weights of one plain (tanh) RNN layer. */
export interface RnnWeights {
  /** `[in, H]` */
  readonly kernel: tf.Tensor2D;
  /** `[H, H]` */
  readonly recurrentKernel: tf.Tensor2D;
  /** `[H]` */
  readonly bias: tf.Tensor1D;
}

/** Output of {@link rnnLayer}. */
export interface RnnLayerOutput {
  /** Hidden states of every step, time-major `[L, B, H]` (differentiable). */
  readonly hs: tf.Tensor3D;
  /** Final hidden state `[B, H]`, detached and kept (outside every tidy): the caller disposes it. */
  readonly hLast: tf.Tensor2D;
}

/**
 * Runs one plain RNN layer, h_t = tanh(x_t·kernel + h_{t-1}·recurrentKernel + bias), over a
 * time-major sequence `x` `[L, B, in]` from state h0 `[B, H]`.
 *
 * On the cpu and wasm backends this is one fused kernel (`RnnNadeRnnSequence`, with its gradient),
 * like the LSTM's; elsewhere (or with `setEncoderImplementation('tensor')`) it is computed with
 * plain tfjs ops (one matMul for the input projection of all steps, then a matMul, an add and a
 * tanh per step) and differentiated by tfjs's own gradients. The final state is returned
 * detached, as truncated BPTT wants. `inputGradient: false` (the first layer, whose input is
 * data) lets the fused kernel skip the gradient of `x` (zeros).
 *
 * @example
 * ```ts
 * const { hs, hLast } = rnnLayer(x, { kernel, recurrentKernel, bias }, tf.zeros([B, H]));
 * ```
 */
export function rnnLayer(x: tf.Tensor3D, w: RnnWeights, h0: tf.Tensor2D, options: { inputGradient?: boolean } = {}): RnnLayerOutput {
  const inputGradient = options.inputGradient ?? true;
  if (useCpuImplementation()) {
    const inputs = { x, kernel: w.kernel, recurrent: w.recurrentKernel, bias: w.bias, h0 };
    const [hs, hLast] = tf.engine().runKernel(RNN_SEQUENCE, inputs, { inputGradient }) as tf.Tensor[];
    return { hs: hs as tf.Tensor3D, hLast: tf.keep(hLast as tf.Tensor2D) };
  }
  const [L, B, inDim] = x.shape;
  const H = w.recurrentKernel.shape[0];
  const xz = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [L * B, inDim]), w.kernel), w.bias), [L, B, H]);
  const xzs = tf.unstack(xz, 0) as tf.Tensor2D[];
  let h = h0;
  const hs: tf.Tensor2D[] = [];
  for (let t = 0; t < L; t++) {
    h = tf.tanh(tf.add(xzs[t]!, tf.matMul(h, w.recurrentKernel))) as tf.Tensor2D;
    hs.push(h);
  }
  const hLast = tf.keep(tf.clone(h));
  return { hs: tf.stack(hs, 0) as tf.Tensor3D, hLast };
}
