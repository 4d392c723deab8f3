import * as tf from '@tensorflow/tfjs-core';
import { nadeLogProbRows, nadeLossGradRows, transpose, type NadeKernelWeights } from './nade-js-kernel';

function kernelWeights(W: tf.Tensor2D, V: tf.Tensor2D): NadeKernelWeights {
  const [hidden, dim] = W.shape;
  return {
    dim,
    hidden,
    Wt: transpose(W.dataSync() as Float32Array, hidden, dim),
    Vt: transpose(V.dataSync() as Float32Array, hidden, dim),
  };
}

/**
 * Exact log p(x) `[N]` computed by the plain-array kernel (no gradient). For CPU-side backends
 * (wasm, cpu), where it beats the `[N,H,D]` tensor formulation; on GPU backends it would force a
 * download, so the estimator uses the tensor ops there.
 */
export function nadeLogProbJs(params: tf.Tensor2D, x: tf.Tensor2D, W: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor1D {
  const w = kernelWeights(W, V);
  const out = nadeLogProbRows(w, params.dataSync() as Float32Array, x.dataSync() as Float32Array, x.shape[0]);
  return tf.tensor1d(out);
}

/**
 * -log p(x) `[N]` as one `tf.customGrad` op whose forward and analytic backward both run in the
 * plain-array kernel ({@link nadeLossGradRows}); the backward reuses the forward's logits
 * (`N·D` float64s kept by the closure). The gradient w.r.t. `x` is reported as zero.
 */
export function nadeLossFusedJs(params: tf.Tensor2D, x: tf.Tensor2D, W: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor1D {
  const f = tf.customGrad((...args: (tf.Tensor | ((ts: tf.Tensor[]) => void))[]) => {
    const [p, xx, w, v] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const kw = kernelWeights(w, v);
    const pData = p.dataSync() as Float32Array;
    const xData = xx.dataSync() as Float32Array;
    const n = xx.shape[0];
    const logits = new Float64Array(n * kw.dim);
    const logp = nadeLogProbRows(kw, pData, xData, n, logits);
    for (let i = 0; i < n; i++) logp[i] = -logp[i]!;
    const value = tf.tensor1d(logp);
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const g = nadeLossGradRows(kw, pData, xData, logits, dy.dataSync() as Float32Array, n);
      return [
        tf.tensor2d(g.dParams, p.shape),
        tf.zeros(xx.shape),
        tf.tensor2d(g.dW, w.shape),
        tf.tensor2d(g.dV, v.shape),
      ];
    };
    return { value, gradFunc };
  });
  return f(params, x, W, V) as tf.Tensor1D;
}
