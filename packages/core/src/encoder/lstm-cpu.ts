import * as tf from '@tensorflow/tfjs-core';

/** Final state of a layer run, as kept tensors (the caller disposes them). */
export type LstmSide = { h?: tf.Tensor2D; c?: tf.Tensor2D };

/** What the backward pass of {@link cpuLstmForward} needs, as plain arrays. */
interface CpuRecord {
  /** Gates and cell values per step, each `[L·B·H]` (step-major). */
  i: Float32Array;
  f: Float32Array;
  g: Float32Array;
  o: Float32Array;
  tc: Float32Array;
  /** c_{t-1} per step `[L·B·H]`. */
  cPrev: Float32Array;
  /** h_{t-1} per step `[L·B·H]`. */
  hPrev: Float32Array;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * The LSTM layer for CPU-side backends (wasm, cpu): matMuls run as tfjs kernels, the per-step
 * gate arithmetic runs on plain arrays. On these backends a small tfjs op costs ~10 µs of
 * overhead whatever its size, so replacing the ~12 gate ops per step by one loop over B·H
 * values is several times faster; the result is the same function (tested against the
 * tensor implementation and finite differences). Returns the hidden states `[L, B, H]`.
 */
export function cpuLstmForward(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrent: tf.Tensor2D,
  bias: tf.Tensor1D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  side: LstmSide,
  record: CpuRecord | null,
): { hs: tf.Tensor3D; hsData: Float32Array } {
  const [L, B, inDim] = x.shape;
  const H = recurrent.shape[0];
  const H4 = 4 * H;
  const BH = B * H;
  const xz = tf.tidy(() => tf.add(tf.matMul(tf.reshape(x, [L * B, inDim]), kernel), bias));
  const xzData = xz.dataSync() as Float32Array;
  xz.dispose();
  const hsData = new Float32Array(L * BH);
  const c = Float32Array.from(c0.dataSync() as Float32Array);
  let hPrevData = h0.dataSync() as Float32Array;
  let hTensor: tf.Tensor2D = h0;
  for (let t = 0; t < L; t++) {
    const m = tf.matMul(hTensor, recurrent);
    const mData = m.dataSync() as Float32Array;
    m.dispose();
    if (hTensor !== h0) hTensor.dispose();
    const zOff = t * B * H4;
    const out = t * BH;
    if (record) {
      record.cPrev.set(c, out);
      record.hPrev.set(hPrevData, out);
    }
    for (let b = 0; b < B; b++) {
      const zb = b * H4;
      for (let j = 0; j < H; j++) {
        const k = zb + j;
        const ig = sigmoid(xzData[zOff + k]! + mData[k]!);
        const fg = sigmoid(xzData[zOff + k + H]! + mData[k + H]!);
        const gg = Math.tanh(xzData[zOff + k + 2 * H]! + mData[k + 2 * H]!);
        const og = sigmoid(xzData[zOff + k + 3 * H]! + mData[k + 3 * H]!);
        const n = b * H + j;
        const cn = fg * c[n]! + ig * gg;
        c[n] = cn;
        const tc = Math.tanh(cn);
        hsData[out + n] = og * tc;
        if (record) {
          record.i[out + n] = ig;
          record.f[out + n] = fg;
          record.g[out + n] = gg;
          record.o[out + n] = og;
          record.tc[out + n] = tc;
        }
      }
    }
    hPrevData = hsData.subarray(out, out + BH);
    hTensor = tf.tensor2d(hPrevData, [B, H]);
  }
  if (hTensor !== h0) hTensor.dispose();
  side.h = tf.keep(tf.tensor2d(Float32Array.from(hPrevData), [B, H]));
  side.c = tf.keep(tf.tensor2d(c, [B, H]));
  return { hs: tf.tensor3d(hsData, [L, B, H]), hsData };
}

/** `tf.customGrad` LSTM layer on CPU-side backends: forward and backward as described above. */
export function cpuLstmWithGrad(side: LstmSide, inputGradient: boolean) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, kernel, recurrent, bias, h0, c0] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor2D];
    const save = args[6] as tf.GradSaveFunc;
    const [L, B] = x.shape;
    const n = L * B * recurrent.shape[0];
    const rec: CpuRecord = {
      i: new Float32Array(n),
      f: new Float32Array(n),
      g: new Float32Array(n),
      o: new Float32Array(n),
      tc: new Float32Array(n),
      cPrev: new Float32Array(n),
      hPrev: new Float32Array(n),
    };
    const { hs } = cpuLstmForward(x, kernel, recurrent, bias, h0, c0, side, rec);
    save([x, kernel, recurrent]);
    return {
      value: hs,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => cpuBackward(dy as tf.Tensor3D, saved as tf.Tensor2D[], rec, inputGradient),
    };
  });
}

function cpuBackward(dH: tf.Tensor3D, saved: tf.Tensor[], rec: CpuRecord, inputGradient: boolean): tf.Tensor[] {
  const [x, kernel, recurrent] = saved as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D];
  const [L, B, inDim] = x.shape;
  const H = recurrent.shape[0];
  const H4 = 4 * H;
  const BH = B * H;
  const dHData = dH.dataSync() as Float32Array;
  const recurrentT = tf.transpose(recurrent); // [4H, H]
  const dZ = new Float32Array(L * B * H4);
  let dhn = new Float32Array(BH);
  const dcn = new Float32Array(BH);
  for (let t = L - 1; t >= 0; t--) {
    const off = t * BH;
    const zOff = t * B * H4;
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const n = b * H + j;
        const k = off + n;
        const ig = rec.i[k]!;
        const fg = rec.f[k]!;
        const gg = rec.g[k]!;
        const og = rec.o[k]!;
        const tc = rec.tc[k]!;
        const dh = dHData[k]! + dhn[n]!;
        const dc = dcn[n]! + dh * og * (1 - tc * tc);
        const z = zOff + b * H4 + j;
        dZ[z] = dc * gg * ig * (1 - ig);
        dZ[z + H] = dc * rec.cPrev[k]! * fg * (1 - fg);
        dZ[z + 2 * H] = dc * ig * (1 - gg * gg);
        dZ[z + 3 * H] = dh * tc * og * (1 - og);
        dcn[n] = dc * fg;
      }
    }
    const dzT = tf.tensor2d(dZ.subarray(zOff, zOff + B * H4), [B, H4]);
    const m = tf.matMul(dzT, recurrentT);
    dhn = Float32Array.from(m.dataSync() as Float32Array);
    tf.dispose([dzT, m]);
  }
  const dZt = tf.tensor2d(dZ, [L * B, H4]);
  const dKernel = tf.matMul(tf.transpose(tf.reshape(x, [L * B, inDim])), dZt);
  const dRecurrent = tf.matMul(tf.transpose(tf.tensor2d(rec.hPrev, [L * B, H])), dZt);
  const db = new Float32Array(H4);
  for (let r = 0; r < L * B; r++) for (let j = 0; j < H4; j++) db[j] = db[j]! + dZ[r * H4 + j]!;
  const dx = inputGradient ? tf.reshape(tf.matMul(dZt, tf.transpose(kernel)), [L, B, inDim]) : tf.zerosLike(x);
  return [dx, dKernel, dRecurrent, tf.tensor1d(db), tf.tensor2d(dhn, [B, H]), tf.tensor2d(dcn, [B, H])];
}
