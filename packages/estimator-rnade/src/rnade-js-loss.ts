import * as tf from '@tensorflow/tfjs-core';
import type { ResolvedRnadeConfig } from './rnade-config';
import type { RnadeKernelWeights } from './rnade-cpu-sampler';
import { rnadeLogProbRows, rnadeLossGradRows } from './rnade-js-kernel';
import type { RnadeWeightTensors } from './rnade-tensor-ops';

type Shape = Pick<ResolvedRnadeConfig, 'dim' | 'hidden' | 'components' | 'conditionMixture' | 'minSigma'>;

const ORDER = ['W', 'rho', 'Valpha', 'Vmu', 'Vsigma', 'balpha', 'bmu', 'bsigma'] as const;

/** Downloads the weights into the plain-array kernel layout. */
export function rnadeKernelWeights(w: RnadeWeightTensors, shape: Shape): RnadeKernelWeights {
  const [Wt, V, b] = tf.tidy(() => [
    tf.transpose(w.W),
    tf.transpose(tf.concat([w.Valpha, w.Vmu, w.Vsigma], 2), [0, 2, 1]), // [D,3K,H]
    tf.concat([w.balpha, w.bmu, w.bsigma], 1),
  ]);
  const arrays = [Wt!, V!, b!].map((t) => t.dataSync() as Float32Array);
  tf.dispose([Wt!, V!, b!]);
  return {
    dim: shape.dim,
    hidden: shape.hidden,
    components: shape.components,
    conditionMixture: shape.conditionMixture,
    minSigma: shape.minSigma,
    Wt: arrays[0]!,
    rho: w.rho.dataSync() as Float32Array,
    V: arrays[1]!,
    b: arrays[2]!,
  };
}

/** Exact log p(x) `[N]` by the plain-array kernel (no gradient). */
export function rnadeLogProbJs(params: tf.Tensor2D, x: tf.Tensor2D, w: RnadeWeightTensors, shape: Shape): tf.Tensor1D {
  const kw = rnadeKernelWeights(w, shape);
  const out = rnadeLogProbRows(kw, params.dataSync() as Float32Array, x.dataSync() as Float32Array, x.shape[0]);
  return tf.tensor1d(Float32Array.from(out));
}

/**
 * −log p(x) `[N]` as one `tf.customGrad` op whose forward and analytic backward run in the
 * plain-array kernel (the backward recomputes each row's forward). The gradient w.r.t. `x` is
 * reported as zero (frames are data).
 */
export function rnadeLossFusedJs(params: tf.Tensor2D, x: tf.Tensor2D, w: RnadeWeightTensors, shape: Shape): tf.Tensor1D {
  const { dim: D, hidden: H, components: K } = shape;
  const f = tf.customGrad((...args: (tf.Tensor | ((ts: tf.Tensor[]) => void))[]) => {
    const [p, xx, ...ws] = args as tf.Tensor[];
    const weights = Object.fromEntries(ORDER.map((name, i) => [name, ws[i]!])) as unknown as RnadeWeightTensors;
    const kw = rnadeKernelWeights(weights, shape);
    const pData = p!.dataSync() as Float32Array;
    const xData = xx!.dataSync() as Float32Array;
    const n = xx!.shape[0]!;
    const logp = rnadeLogProbRows(kw, pData, xData, n);
    const value = tf.tensor1d(Float32Array.from(logp, (v) => -v));
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const g = rnadeLossGradRows(kw, pData, xData, dy.dataSync() as Float32Array, n);
      const O = 3 * K;
      // dV is [D,3K,H]; each V block is [D,H,K].
      const splitV = (s: number) => {
        const out = new Float32Array(D * H * K);
        for (let d = 0; d < D; d++) for (let k = 0; k < K; k++) for (let j = 0; j < H; j++) out[(d * H + j) * K + k] = g.dV[(d * O + s * K + k) * H + j]!;
        return out;
      };
      const splitB = (s: number) => {
        const out = new Float32Array(D * K);
        for (let d = 0; d < D; d++) for (let k = 0; k < K; k++) out[d * K + k] = g.dB[d * O + s * K + k]!;
        return out;
      };
      const dW = new Float32Array(H * D);
      for (let d = 0; d < D; d++) for (let j = 0; j < H; j++) dW[j * D + d] = g.dWt[d * H + j]!;
      return [
        tf.tensor2d(g.dParams, p!.shape as [number, number]),
        tf.zeros(xx!.shape),
        tf.tensor2d(dW, [H, D]),
        tf.tensor1d(Float32Array.from(g.dRho)),
        ...[0, 1, 2].map((s) => tf.tensor3d(splitV(s), [D, H, K])),
        ...[0, 1, 2].map((s) => tf.tensor2d(splitB(s), [D, K])),
      ];
    };
    return { value, gradFunc };
  });
  return f(params, x, ...ORDER.map((name) => w[name])) as tf.Tensor1D;
}
