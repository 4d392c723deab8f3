import * as tf from '@tensorflow/tfjs-core';
import { registerFusedGradient, registerFusedKernel, type FusedKernelArgs } from '../fast/kernel-backend';
import { lstmCellImpl, type LstmCellRecord } from '../fast/lstm-cell';
import { recurrentWeightGrads, transposeImpl } from './recurrent-grads';

export { transposeImpl };

/** Kernel name of the fused LSTM layer over a whole sequence (cpu and wasm backends). */
export const LSTM_SEQUENCE = 'RnnNadeLstmSequence';
/** Kernel name of its backward pass. */
export const LSTM_SEQUENCE_GRAD = 'RnnNadeLstmSequenceGrad';

/** Number of `[L, B, H]` slabs in the record output: i, f, g, o, tanh(c), c_{t-1}, h_{t-1}. */
const SLABS = 7;

function recordViews(rec: Float32Array, n: number): LstmCellRecord & { cPrev: Float32Array; hPrev: Float32Array } {
  const s = (k: number) => rec.subarray(k * n, (k + 1) * n);
  return { i: s(0), f: s(1), g: s(2), o: s(3), tc: s(4), cPrev: s(5), hPrev: s(6) };
}

/**
 * Forward kernel: inputs x `[L,B,in]`, kernel `[in,4H]`, recurrent `[H,4H]`, bias `[4H]`, h0, c0
 * `[B,H]`; outputs hs `[L,B,H]`, h_L, c_L `[B,H]` and, with attr `record`, the gate record
 * `[7,L,B,H]` the backward kernel needs (else a `[1]` placeholder). The input projection of all
 * steps is one BatchMatMul, each step one `[B,H]×[H,4H]` BatchMatMul; the gate arithmetic runs in
 * {@link lstmCellImpl}, shared with the sampling fast path.
 */
function lstmForward({ inputs, attrs, read, output, matMul, dispose }: FusedKernelArgs): tf.TensorInfo[] {
  const { x, kernel, recurrent, bias, h0, c0 } = inputs as Record<string, tf.TensorInfo>;
  const [L, B, inDim] = x!.shape as [number, number, number];
  const H = recurrent!.shape[0]!;
  const H4 = 4 * H;
  const BH = B * H;
  const xzInfo = matMul({ ...x!, shape: [L * B, inDim] }, kernel!);
  const xz = read(xzInfo);
  const b = read(bias!);
  const hs = new Float32Array(L * BH);
  const c = Float32Array.from(read(c0!));
  let hPrev = Float32Array.from(read(h0!));
  const rec = attrs.record ? new Float32Array(SLABS * L * BH) : null;
  const views = rec ? recordViews(rec, L * BH) : undefined;
  const z = new Float64Array(H4);
  for (let t = 0; t < L; t++) {
    const hInfo = output([B, H], hPrev);
    const m = matMul(hInfo, recurrent!);
    const mData = read(m);
    const out = t * BH;
    if (views) {
      views.cPrev.set(c, out);
      views.hPrev.set(hPrev, out);
    }
    for (let r = 0; r < B; r++) {
      const zOff = (t * B + r) * H4;
      // (x·K + bias) is rounded to float32 as a tfjs add would; the recurrent term is added in float64
      for (let k = 0; k < H4; k++) z[k] = Math.fround(xz[zOff + k]! + b[k]!) + mData[r * H4 + k]!;
      lstmCellImpl(z, 0, H, c, r * H, hs, out + r * H, views);
    }
    dispose(hInfo, m);
    hPrev = hs.slice(out, out + BH);
  }
  dispose(xzInfo);
  return [output([L, B, H], hs), output([B, H], hPrev), output([B, H], c), rec ? output([SLABS, L, B, H], rec) : output([1], new Float32Array(1))];
}

/**
 * Backward kernel: inputs dy `[L,B,H]` (gradient of hs), x, kernel, recurrent and the forward's
 * record; attr `inputGradient` (false: dx is zeros, for data inputs). Outputs dx, dKernel,
 * dRecurrent, dBias, dh0, dc0. Per step: one loop over B·H values and one `[B,4H]×[4H,H]`
 * BatchMatMul; the weight gradients are one BatchMatMul each over all steps.
 */
function lstmBackward(args: FusedKernelArgs): tf.TensorInfo[] {
  const { inputs, attrs, read, output, matMul, dispose } = args;
  const { dy, x, kernel, recurrent, rec } = inputs as Record<string, tf.TensorInfo>;
  const [L, B] = x!.shape as [number, number, number];
  const H = recurrent!.shape[0]!;
  const H4 = 4 * H;
  const BH = B * H;
  const dH = read(dy!);
  const v = recordViews(read(rec!), L * BH);
  const UT = output([H4, H], transposeImpl(read(recurrent!), H, H4));
  const dZ = new Float32Array(L * B * H4);
  let dhn = new Float32Array(BH);
  const dcn = new Float32Array(BH);
  for (let t = L - 1; t >= 0; t--) {
    const off = t * BH;
    const zOff = t * B * H4;
    for (let r = 0; r < B; r++) {
      for (let j = 0; j < H; j++) {
        const n = r * H + j;
        const k = off + n;
        const ig = v.i[k]!;
        const fg = v.f[k]!;
        const gg = v.g[k]!;
        const og = v.o[k]!;
        const tc = v.tc[k]!;
        const dh = dH[k]! + dhn[n]!;
        const dc = dcn[n]! + dh * og * (1 - tc * tc);
        const zi = zOff + r * H4 + j;
        dZ[zi] = dc * gg * ig * (1 - ig);
        dZ[zi + H] = dc * v.cPrev[k]! * fg * (1 - fg);
        dZ[zi + 2 * H] = dc * ig * (1 - gg * gg);
        dZ[zi + 3 * H] = dh * tc * og * (1 - og);
        dcn[n] = dc * fg;
      }
    }
    const dzInfo = output([B, H4], dZ.slice(zOff, zOff + B * H4));
    const m = matMul(dzInfo, UT);
    dhn = Float32Array.from(read(m));
    dispose(dzInfo, m);
  }
  dispose(UT);
  const { dx, dKernel, dRecurrent, dBias } = recurrentWeightGrads(args, {
    x: x!,
    kernel: kernel!,
    dZ,
    hPrev: v.hPrev,
    inputGradient: attrs.inputGradient === true,
  });
  return [dx, dKernel, dRecurrent, dBias, output([B, H], dhn), output([B, H], dcn)];
}

let registered = false;

/** Registers the fused LSTM kernels (cpu, wasm) and the gradient of the forward one; idempotent. */
export function registerLstmKernels(): void {
  if (registered) return;
  registered = true;
  registerFusedKernel(LSTM_SEQUENCE, lstmForward);
  registerFusedKernel(LSTM_SEQUENCE_GRAD, lstmBackward);
  registerFusedGradient({
    kernelName: LSTM_SEQUENCE,
    inputsToSave: ['x', 'kernel', 'recurrent'],
    outputsToSave: [false, false, false, true],
    gradFunc: (dys, saved, attrs) => {
      const [x, kernel, recurrent, rec] = saved as tf.Tensor[];
      const dy = (dys as tf.Tensor[])[0]!;
      const g = tf.engine().runKernel(LSTM_SEQUENCE_GRAD, { dy, x: x!, kernel: kernel!, recurrent: recurrent!, rec: rec! }, attrs) as tf.Tensor[];
      return { x: () => g[0]!, kernel: () => g[1]!, recurrent: () => g[2]!, bias: () => g[3]!, h0: () => g[4]!, c0: () => g[5]! };
    },
  });
}
