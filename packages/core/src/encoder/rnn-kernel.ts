import * as tf from '@tensorflow/tfjs-core';
import { registerFusedGradient, registerFusedKernel, type FusedKernelArgs } from '../fast/kernel-backend';
import { recurrentWeightGrads, transposeImpl } from './recurrent-grads';

/** Kernel name of the fused plain (tanh) RNN layer over a whole sequence (cpu and wasm backends). */
export const RNN_SEQUENCE = 'RnnNadeRnnSequence';
/** Kernel name of its backward pass. */
export const RNN_SEQUENCE_GRAD = 'RnnNadeRnnSequenceGrad';

/**
 * h = tanh(z) for one step of B rows: z = fround(xz + bias) + m, with `xz` the row block of the
 * input projection (from `xzOff`), `m` the recurrent product `[B, H]`. Writes h to `hs[hOff..)`.
 * Shared by the fused kernel and the sampling fast path's rounding conventions.
 */
export function rnnStepImpl(xz: Float32Array, xzOff: number, bias: Float32Array, m: Float32Array, hs: Float32Array, hOff: number): void {
  const n = m.length;
  const H = bias.length;
  for (let k = 0; k < n; k++) hs[hOff + k] = Math.tanh(Math.fround(xz[xzOff + k]! + bias[k % H]!) + m[k]!);
}

/**
 * Forward kernel: inputs x `[L,B,in]`, kernel `[in,H]`, recurrent `[H,H]`, bias `[H]`, h0 `[B,H]`;
 * outputs hs `[L,B,H]` and h_L `[B,H]`. The input projection of all steps is one BatchMatMul,
 * each step one `[B,H]×[H,H]` BatchMatMul plus a tanh loop.
 */
function rnnForward({ inputs, read, output, matMul, dispose }: FusedKernelArgs): tf.TensorInfo[] {
  const { x, kernel, recurrent, bias, h0 } = inputs as Record<string, tf.TensorInfo>;
  const [L, B, inDim] = x!.shape as [number, number, number];
  const H = recurrent!.shape[0]!;
  const BH = B * H;
  const xzInfo = matMul({ ...x!, shape: [L * B, inDim] }, kernel!);
  const xz = read(xzInfo);
  const b = read(bias!);
  const hs = new Float32Array(L * BH);
  let hPrev = Float32Array.from(read(h0!));
  for (let t = 0; t < L; t++) {
    const hInfo = output([B, H], hPrev);
    const m = matMul(hInfo, recurrent!);
    rnnStepImpl(xz, t * BH, b, read(m), hs, t * BH);
    dispose(hInfo, m);
    hPrev = hs.slice(t * BH, (t + 1) * BH);
  }
  dispose(xzInfo);
  return [output([L, B, H], hs), output([B, H], hPrev)];
}

/**
 * Backward kernel: inputs dy `[L,B,H]` (gradient of hs), x, kernel, recurrent, h0 and the forward's
 * hs; attr `inputGradient` (false: dx is zeros). Outputs dx, dKernel, dRecurrent, dBias, dh0.
 * Per step dz_t = (dy_t + dh_{t+1})·(1 - h_t²) and dh_t = dz_t·recurrentᵀ; the weight gradients
 * are one BatchMatMul each over all steps ({@link recurrentWeightGrads}).
 */
function rnnBackward(args: FusedKernelArgs): tf.TensorInfo[] {
  const { inputs, attrs, read, output, matMul, dispose } = args;
  const { dy, x, kernel, recurrent, h0, hs } = inputs as Record<string, tf.TensorInfo>;
  const [L, B] = x!.shape as [number, number, number];
  const H = recurrent!.shape[0]!;
  const BH = B * H;
  const dH = read(dy!);
  const h = read(hs!);
  const UT = output([H, H], transposeImpl(read(recurrent!), H, H));
  const dZ = new Float32Array(L * BH);
  let dhn = new Float32Array(BH);
  for (let t = L - 1; t >= 0; t--) {
    const off = t * BH;
    for (let n = 0; n < BH; n++) {
      const ht = h[off + n]!;
      dZ[off + n] = (dH[off + n]! + dhn[n]!) * (1 - ht * ht);
    }
    const dzInfo = output([B, H], dZ.slice(off, off + BH));
    const m = matMul(dzInfo, UT);
    dhn = Float32Array.from(read(m));
    dispose(dzInfo, m);
  }
  const hPrev = new Float32Array(L * BH);
  hPrev.set(read(h0!), 0);
  hPrev.set(h.subarray(0, (L - 1) * BH), BH);
  dispose(UT);
  const { dx, dKernel, dRecurrent, dBias } = recurrentWeightGrads(args, { x: x!, kernel: kernel!, dZ, hPrev, inputGradient: attrs.inputGradient === true });
  return [dx, dKernel, dRecurrent, dBias, output([B, H], dhn)];
}

let registered = false;

/** Registers the fused plain-RNN kernels (cpu, wasm) and the gradient of the forward one; idempotent. */
export function registerRnnKernels(): void {
  if (registered) return;
  registered = true;
  registerFusedKernel(RNN_SEQUENCE, rnnForward);
  registerFusedKernel(RNN_SEQUENCE_GRAD, rnnBackward);
  registerFusedGradient({
    kernelName: RNN_SEQUENCE,
    inputsToSave: ['x', 'kernel', 'recurrent', 'h0'],
    outputsToSave: [true, false],
    gradFunc: (dys, saved, attrs) => {
      const [x, kernel, recurrent, h0, hs] = saved as tf.Tensor[];
      const dy = (dys as tf.Tensor[])[0]!;
      const g = tf.engine().runKernel(RNN_SEQUENCE_GRAD, { dy, x: x!, kernel: kernel!, recurrent: recurrent!, h0: h0!, hs: hs! }, attrs) as tf.Tensor[];
      return { x: () => g[0]!, kernel: () => g[1]!, recurrent: () => g[2]!, bias: () => g[3]!, h0: () => g[4]! };
    },
  });
}
