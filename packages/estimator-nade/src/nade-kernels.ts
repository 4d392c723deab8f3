import * as tf from '@tensorflow/tfjs-core';
import { fusedKernelAvailable, registerFusedGradient, registerFusedKernel, type FusedKernelArgs } from '@rnn-nade/core/advanced';
import { nadeLogProbRows, nadeLossGradRows, transpose, type NadeKernelWeights } from './nade-js-kernel';

/** Kernel name of the fused NADE loss (cpu and wasm backends): −log p(x) per row and the logits. */
export const NADE_LOSS = 'RnnNadeNadeLoss';
/** Kernel name of its backward pass. */
export const NADE_LOSS_GRAD = 'RnnNadeNadeLossGrad';

function kernelWeights(read: FusedKernelArgs['read'], W: tf.TensorInfo, V: tf.TensorInfo): NadeKernelWeights {
  const [hidden, dim] = W.shape as [number, number];
  return { dim, hidden, Wt: transpose(read(W), hidden, dim), Vt: transpose(read(V), hidden, dim) };
}

/** Forward: inputs params `[N,D+H]`, x `[N,D]`, W, V `[H,D]`; outputs −log p `[N]` and the logits `[N,D]` (for the backward). */
function nadeLoss({ inputs, read, output }: FusedKernelArgs): tf.TensorInfo[] {
  const { params, x, W, V } = inputs as Record<string, tf.TensorInfo>;
  const w = kernelWeights(read, W!, V!);
  const n = x!.shape[0]!;
  const logits = new Float64Array(n * w.dim);
  const logp = nadeLogProbRows(w, read(params!), read(x!), n, logits);
  for (let i = 0; i < n; i++) logp[i] = -logp[i]!;
  return [output([n], logp), output([n, w.dim], Float32Array.from(logits))];
}

/** Backward: inputs dy `[N]`, params, x, W, V, logits; outputs dParams, dW, dV (see {@link nadeLossGradRows}). */
function nadeLossGrad({ inputs, read, output }: FusedKernelArgs): tf.TensorInfo[] {
  const { dy, params, x, W, V, logits } = inputs as Record<string, tf.TensorInfo>;
  const w = kernelWeights(read, W!, V!);
  const n = x!.shape[0]!;
  const g = nadeLossGradRows(w, read(params!), read(x!), Float64Array.from(read(logits!)), read(dy!), n);
  return [output(params!.shape, g.dParams), output(W!.shape, g.dW), output(V!.shape, g.dV)];
}

registerFusedKernel(NADE_LOSS, nadeLoss);
registerFusedKernel(NADE_LOSS_GRAD, nadeLossGrad);
registerFusedGradient({
  kernelName: NADE_LOSS,
  inputsToSave: ['params', 'x', 'W', 'V'],
  outputsToSave: [false, true],
  gradFunc: (dys, saved) => {
    const [params, x, W, V, logits] = saved as tf.Tensor[];
    const dy = (dys as tf.Tensor[])[0]!;
    const g = tf.engine().runKernel(NADE_LOSS_GRAD, { dy, params: params!, x: x!, W: W!, V: V!, logits: logits! }) as tf.Tensor[];
    return { params: () => g[0]!, x: () => tf.zerosLike(x!), W: () => g[1]!, V: () => g[2]! };
  },
});

/** Whether the fused NADE kernels are registered for the active backend. */
export function nadeKernelAvailable(): boolean {
  return fusedKernelAvailable(NADE_LOSS);
}

/**
 * −log p(x) `[N]` through the fused kernel (forward and analytic backward on plain arrays, in
 * {@link nadeLogProbRows} / {@link nadeLossGradRows}, shared with the sampler's arithmetic).
 * The gradient w.r.t. `x` is reported as zero.
 */
export function nadeLossKernel(params: tf.Tensor2D, x: tf.Tensor2D, W: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor1D {
  const [loss, logits] = tf.engine().runKernel(NADE_LOSS, { params, x, W, V }) as tf.Tensor[];
  if (!tf.engine().isTapeOn()) logits!.dispose();
  return loss as tf.Tensor1D;
}

/** Exact log p(x) `[N]` through the fused kernel (no gradient). */
export function nadeLogProbKernel(params: tf.Tensor2D, x: tf.Tensor2D, W: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.neg(nadeLossKernel(params, x, W, V)) as tf.Tensor1D);
}
