import type * as tf from '@tensorflow/tfjs-core';
import type { FusedKernelArgs } from '../fast/kernel-backend';

/** Transposes a `[rows, cols]` row-major matrix. */
export function transposeImpl(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c]!;
  return out;
}

/** What {@link recurrentWeightGrads} needs besides the kernel helpers. */
export interface RecurrentGradInputs {
  /** The layer input x `[L, B, in]`. */
  readonly x: tf.TensorInfo;
  /** The input kernel `[in, Z]`. */
  readonly kernel: tf.TensorInfo;
  /** Gradients of the pre-activations of every step, `[L·B, Z]` row-major. */
  readonly dZ: Float32Array;
  /** The hidden state each step read, h_{t-1}, `[L·B, H]` row-major. */
  readonly hPrev: Float32Array;
  /** Whether to compute the gradient of x (false: zeros, for data inputs). */
  readonly inputGradient: boolean;
}

/**
 * The gradients of a recurrent layer's weights and input from its pre-activation gradients dZ
 * (Z = 4H for an LSTM, H for a plain RNN), shared by the fused LSTM and RNN backward kernels:
 * dKernel = xᵀ·dZ, dRecurrent = h_{t-1}ᵀ·dZ, dBias = Σ_rows dZ, dx = dZ·kernelᵀ — one BatchMatMul each
 * over all steps (explicit transposes: the backends' transposed matMuls are slow).
 */
export function recurrentWeightGrads(
  { read, output, matMul, dispose }: FusedKernelArgs,
  g: RecurrentGradInputs,
): { dx: tf.TensorInfo; dKernel: tf.TensorInfo; dRecurrent: tf.TensorInfo; dBias: tf.TensorInfo } {
  const [L, B, inDim] = g.x.shape as [number, number, number];
  const rows = L * B;
  const Z = g.kernel.shape[1]!;
  const H = g.hPrev.length / rows;
  const dZt = output([rows, Z], g.dZ);
  const xT = output([inDim, rows], transposeImpl(read(g.x), rows, inDim));
  const hT = output([H, rows], transposeImpl(g.hPrev, rows, H));
  const dKernel = matMul(xT, dZt);
  const dRecurrent = matMul(hT, dZt);
  const db = new Float32Array(Z);
  for (let r = 0; r < rows; r++) for (let j = 0; j < Z; j++) db[j] = db[j]! + g.dZ[r * Z + j]!;
  let dx: tf.TensorInfo;
  if (g.inputGradient) {
    const KT = output([Z, inDim], transposeImpl(read(g.kernel), inDim, Z));
    const flat = matMul(dZt, KT);
    dx = output([L, B, inDim], Float32Array.from(read(flat)));
    dispose(KT, flat);
  } else {
    dx = output([L, B, inDim], new Float32Array(rows * inDim));
  }
  dispose(dZt, xT, hT);
  return { dx, dKernel, dRecurrent, dBias: output([Z], db) };
}
