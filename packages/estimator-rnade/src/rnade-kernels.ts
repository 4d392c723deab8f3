import * as tf from '@tensorflow/tfjs-core';
import { fusedKernelAvailable, fusedKernelPreferred, registerFusedGradient, registerFusedKernel, type FusedKernelArgs } from '@rnn-nade/core/advanced';
import type { ResolvedRnadeConfig } from './rnade-config';
import type { RnadeKernelWeights } from './rnade-cpu-sampler';
import { rnadeLogProbRows, rnadeLossGradRows } from './rnade-js-kernel';
import type { RnadeWeightTensors } from './rnade-tensor-ops';

/** Kernel name of the fused RNADE loss −log p(x) per row (cpu and wasm backends). */
export const RNADE_LOSS = 'RnnNadeRnadeLoss';
/** Kernel name of its backward pass. */
export const RNADE_LOSS_GRAD = 'RnnNadeRnadeLossGrad';

/** The weight inputs of the kernels, in order. */
export const RNADE_WEIGHT_ORDER = ['W', 'rho', 'Valpha', 'Vmu', 'Vsigma', 'balpha', 'bmu', 'bsigma'] as const;

type Shape = Pick<ResolvedRnadeConfig, 'dim' | 'hidden' | 'components' | 'conditionMixture' | 'minSigma'>;
type WeightArrays = Record<(typeof RNADE_WEIGHT_ORDER)[number], Float32Array>;

/**
 * The plain-array layout of the weights ({@link RnadeKernelWeights}) from the weights as stored
 * (W `[H,D]`, V* `[D,H,K]`, b* `[D,K]`): shared by the kernels and the CPU sampler.
 */
export function rnadeKernelWeightsImpl(shape: Shape, w: WeightArrays): RnadeKernelWeights {
  const { dim: D, hidden: H, components: K } = shape;
  const O = 3 * K;
  const Wt = new Float32Array(D * H);
  for (let j = 0; j < H; j++) for (let d = 0; d < D; d++) Wt[d * H + j] = w.W[j * D + d]!;
  const V = new Float32Array(D * O * H);
  const b = new Float32Array(D * O);
  [w.Valpha, w.Vmu, w.Vsigma].forEach((Vs, s) => {
    for (let d = 0; d < D; d++) for (let j = 0; j < H; j++) for (let k = 0; k < K; k++) V[(d * O + s * K + k) * H + j] = Vs[(d * H + j) * K + k]!;
  });
  [w.balpha, w.bmu, w.bsigma].forEach((bs, s) => {
    for (let d = 0; d < D; d++) for (let k = 0; k < K; k++) b[d * O + s * K + k] = bs[d * K + k]!;
  });
  return { ...pick(shape), Wt, rho: Float32Array.from(w.rho), V, b };
}

/** Reads the weight tensors (for the CPU sampler). */
export function rnadeKernelWeights(w: RnadeWeightTensors, shape: Shape): RnadeKernelWeights {
  const arrays = Object.fromEntries(RNADE_WEIGHT_ORDER.map((n) => [n, w[n].dataSync() as Float32Array])) as WeightArrays;
  return rnadeKernelWeightsImpl(shape, arrays);
}

function pick(s: Shape): Shape {
  return { dim: s.dim, hidden: s.hidden, components: s.components, conditionMixture: s.conditionMixture, minSigma: s.minSigma };
}

function shapeOf(inputs: Record<string, tf.TensorInfo>, attrs: tf.NamedAttrMap): Shape {
  const [D, H, K] = inputs.Valpha!.shape as [number, number, number];
  return { dim: D, hidden: H, components: K, conditionMixture: attrs.conditionMixture as boolean, minSigma: attrs.minSigma as number };
}

function weightsOf({ inputs, attrs, read }: FusedKernelArgs): RnadeKernelWeights {
  const ins = inputs as Record<string, tf.TensorInfo>;
  const arrays = Object.fromEntries(RNADE_WEIGHT_ORDER.map((n) => [n, read(ins[n]!)])) as WeightArrays;
  return rnadeKernelWeightsImpl(shapeOf(ins, attrs), arrays);
}

/** Forward: −log p(x) `[N]` (attrs conditionMixture, minSigma). */
function rnadeLoss(args: FusedKernelArgs): tf.TensorInfo {
  const { params, x } = args.inputs as Record<string, tf.TensorInfo>;
  const n = x!.shape[0]!;
  const logp = rnadeLogProbRows(weightsOf(args), args.read(params!), args.read(x!), n);
  return args.output(
    [n],
    Float32Array.from(logp, (v) => -v),
  );
}

/** Backward (recomputes each row's forward): dParams and the gradient of every weight, in their stored layouts. */
function rnadeLossGrad(args: FusedKernelArgs): tf.TensorInfo[] {
  const { dy, params, x } = args.inputs as Record<string, tf.TensorInfo>;
  const { dim: D, hidden: H, components: K } = shapeOf(args.inputs as Record<string, tf.TensorInfo>, args.attrs);
  const O = 3 * K;
  const g = rnadeLossGradRows(weightsOf(args), args.read(params!), args.read(x!), args.read(dy!), x!.shape[0]!);
  const splitV = (s: number) => {
    const out = new Float32Array(D * H * K);
    for (let d = 0; d < D; d++) for (let k = 0; k < K; k++) for (let j = 0; j < H; j++) out[(d * H + j) * K + k] = g.dV[(d * O + s * K + k) * H + j]!;
    return args.output([D, H, K], out);
  };
  const splitB = (s: number) => {
    const out = new Float32Array(D * K);
    for (let d = 0; d < D; d++) for (let k = 0; k < K; k++) out[d * K + k] = g.dB[d * O + s * K + k]!;
    return args.output([D, K], out);
  };
  const dW = new Float32Array(H * D);
  for (let d = 0; d < D; d++) for (let j = 0; j < H; j++) dW[j * D + d] = g.dWt[d * H + j]!;
  return [
    args.output(params!.shape, g.dParams),
    args.output([H, D], dW),
    args.output([D], Float32Array.from(g.dRho)),
    splitV(0),
    splitV(1),
    splitV(2),
    splitB(0),
    splitB(1),
    splitB(2),
  ];
}

// On wasm the tensor formulation (large SIMD matMuls) is faster than this kernel for the loss, so
// 'auto' prefers the kernel on cpu only; 'js' still forces it on wasm.
registerFusedKernel(RNADE_LOSS, rnadeLoss, { preferredOn: ['cpu'] });
registerFusedKernel(RNADE_LOSS_GRAD, rnadeLossGrad);
registerFusedGradient({
  kernelName: RNADE_LOSS,
  inputsToSave: ['params', 'x', ...RNADE_WEIGHT_ORDER],
  gradFunc: (dy, saved, attrs) => {
    const [params, x, ...ws] = saved as tf.Tensor[];
    const inputs = { dy: dy as tf.Tensor, params: params!, x: x!, ...Object.fromEntries(RNADE_WEIGHT_ORDER.map((n, i) => [n, ws[i]!])) };
    const g = tf.engine().runKernel(RNADE_LOSS_GRAD, inputs, attrs) as tf.Tensor[];
    return {
      params: () => g[0]!,
      x: () => tf.zerosLike(x!),
      ...Object.fromEntries(RNADE_WEIGHT_ORDER.map((n, i) => [n, () => g[i + 1]!])),
    };
  },
});

/** Whether the fused RNADE kernels are registered for the active backend, and whether `'auto'` should use them. */
export function rnadeKernelStatus(): { available: boolean; preferred: boolean } {
  return { available: fusedKernelAvailable(RNADE_LOSS), preferred: fusedKernelPreferred(RNADE_LOSS) };
}

/** −log p(x) `[N]` through the fused kernel (gradient w.r.t. `x` reported as zero). */
export function rnadeLossKernel(params: tf.Tensor2D, x: tf.Tensor2D, w: RnadeWeightTensors, shape: Shape): tf.Tensor1D {
  const inputs = { params, x, ...Object.fromEntries(RNADE_WEIGHT_ORDER.map((n) => [n, w[n]])) };
  return tf.engine().runKernel(RNADE_LOSS, inputs, { conditionMixture: shape.conditionMixture, minSigma: shape.minSigma }) as tf.Tensor1D;
}
