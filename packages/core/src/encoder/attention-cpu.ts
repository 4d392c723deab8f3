import * as tf from '@tensorflow/tfjs-core';
import type { AttentionOutput } from './attention';

/** Plain-array state of one forward pass, kept for the backward pass. */
interface AttentionRecord {
  L: number;
  B: number;
  H: number;
  W: number;
  /** [mem; hs] rows `[(W-1+L)·B·H]`. */
  all: Float32Array;
  /** Queries h_t·Q `[L·B·H]`. */
  q: Float32Array;
  /** Attention weights `[L·B·W]` (0 for positions before the sequence start). */
  a: Float32Array;
}

/**
 * Windowed causal attention (same function as {@link windowedAttention}'s tensor version) with
 * the O(L·B·W·H) window arithmetic on plain arrays and the two H×H matMuls as tfjs kernels: the
 * fast implementation on CPU-side backends, where the tensor version spends most of its time in
 * per-op overhead and in copies of the stacked windows.
 */
export function cpuWindowedAttention(
  hs: tf.Tensor3D,
  query: tf.Tensor2D,
  window: number,
  memory: tf.Tensor3D | null,
  memoryValid: tf.Tensor2D | null,
): AttentionOutput {
  const [L, B, H] = hs.shape;
  const W = window;
  const mem = memory ? (memory.dataSync() as Float32Array) : new Float32Array(0);
  const valid = memoryValid ? (memoryValid.dataSync() as Float32Array) : new Float32Array(0);
  let rec: AttentionRecord | null = null;
  const memT = memory ?? tf.zeros([0, B, H]);
  const validT = memoryValid ?? tf.zeros([0, B]);
  const run = (hsIn: tf.Tensor3D, queryIn: tf.Tensor2D): { ctx: Float32Array; r: AttentionRecord } => {
    const all = new Float32Array((W - 1 + L) * B * H);
    all.set(mem, 0);
    all.set(hsIn.dataSync() as Float32Array, (W - 1) * B * H);
    const qT = tf.tidy(() => tf.matMul(tf.reshape(hsIn, [L * B, H]), queryIn));
    const q = qT.dataSync() as Float32Array;
    qT.dispose();
    const r: AttentionRecord = { L, B, H, W, all, q, a: new Float32Array(L * B * W) };
    return { ctx: forwardArrays(r, valid), r };
  };
  let context: tf.Tensor3D;
  if (tf.engine().isTapeOn()) {
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [hsIn, queryIn] = args as [tf.Tensor3D, tf.Tensor2D];
      const save = args[4] as tf.GradSaveFunc;
      const out = run(hsIn, queryIn);
      rec = out.r;
      save([hsIn, queryIn]);
      return {
        value: tf.tensor3d(out.ctx, [L, B, H]),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy, saved as [tf.Tensor3D, tf.Tensor2D], out.r, memT, validT),
      };
    });
    context = op(hs, query, memT, validT) as tf.Tensor3D;
  } else {
    const out = run(hs, query);
    rec = out.r;
    context = tf.tensor3d(out.ctx, [L, B, H]);
  }
  if (!memory) memT.dispose();
  if (!memoryValid) validT.dispose();
  if (W === 1) return { context, memory: null, memoryValid: null };
  // carried state: the last W-1 rows of [mem; hs] and their validity
  const r = rec!;
  const total = W - 1 + L;
  const newMem = r.all.slice((total - (W - 1)) * B * H);
  const newValid = new Float32Array((W - 1) * B);
  for (let k = 0; k < W - 1; k++) {
    const row = total - (W - 1) + k;
    for (let b = 0; b < B; b++) newValid[k * B + b] = row >= W - 1 ? 1 : valid[row * B + b]!;
  }
  return {
    context,
    memory: tf.keep(tf.tensor3d(newMem, [W - 1, B, H])),
    memoryValid: tf.keep(tf.tensor2d(newValid, [W - 1, B])),
  };
}

function forwardArrays(r: AttentionRecord, valid: Float32Array): Float32Array {
  const { L, B, H, W, all, q, a } = r;
  const ctx = new Float32Array(L * B * H);
  const scale = 1 / Math.sqrt(H);
  const s = new Float64Array(W);
  for (let t = 0; t < L; t++) {
    for (let b = 0; b < B; b++) {
      const qo = (t * B + b) * H;
      let max = -Infinity;
      for (let k = 0; k < W; k++) {
        const row = t + k;
        if (row < W - 1 && valid[row * B + b] === 0) {
          s[k] = -Infinity;
          continue;
        }
        const mo = (row * B + b) * H;
        let dot = 0;
        for (let j = 0; j < H; j++) dot += q[qo + j]! * all[mo + j]!;
        s[k] = dot * scale;
        if (s[k]! > max) max = s[k]!;
      }
      let sum = 0;
      for (let k = 0; k < W; k++) {
        const e = s[k] === -Infinity ? 0 : Math.exp(s[k]! - max);
        s[k] = e;
        sum += e;
      }
      const ao = (t * B + b) * W;
      for (let k = 0; k < W; k++) {
        const w = s[k]! / sum;
        a[ao + k] = w;
        if (w === 0) continue;
        const mo = ((t + k) * B + b) * H;
        for (let j = 0; j < H; j++) ctx[qo + j] = ctx[qo + j]! + w * all[mo + j]!;
      }
    }
  }
  return ctx;
}

function backward(dy: tf.Tensor, saved: [tf.Tensor3D, tf.Tensor2D], r: AttentionRecord, memT: tf.Tensor, validT: tf.Tensor): tf.Tensor[] {
  const [hs, query] = saved;
  const { L, B, H, W, all, q, a } = r;
  const dctx = dy.dataSync() as Float32Array;
  const scale = 1 / Math.sqrt(H);
  const dq = new Float32Array(L * B * H);
  const dall = new Float32Array((W - 1 + L) * B * H);
  const da = new Float64Array(W);
  for (let t = 0; t < L; t++) {
    for (let b = 0; b < B; b++) {
      const qo = (t * B + b) * H;
      const ao = (t * B + b) * W;
      let weighted = 0;
      for (let k = 0; k < W; k++) {
        const w = a[ao + k]!;
        if (w === 0) {
          da[k] = 0;
          continue;
        }
        const mo = ((t + k) * B + b) * H;
        let dot = 0;
        for (let j = 0; j < H; j++) dot += dctx[qo + j]! * all[mo + j]!;
        da[k] = dot;
        weighted += w * dot;
      }
      for (let k = 0; k < W; k++) {
        const w = a[ao + k]!;
        if (w === 0) continue;
        const ds = w * (da[k]! - weighted) * scale;
        const mo = ((t + k) * B + b) * H;
        for (let j = 0; j < H; j++) {
          dq[qo + j] = dq[qo + j]! + ds * all[mo + j]!;
          dall[mo + j] = dall[mo + j]! + w * dctx[qo + j]! + ds * q[qo + j]!;
        }
      }
    }
  }
  return tf.tidy(() => {
    const dq2 = tf.tensor2d(dq, [L * B, H]);
    const hs2 = tf.reshape(hs, [L * B, H]);
    const dhsDirect = tf.tensor3d(dall.subarray((W - 1) * B * H), [L, B, H]);
    const dhs = tf.add(dhsDirect, tf.reshape(tf.matMul(dq2, tf.transpose(query)), [L, B, H]));
    const dQuery = tf.matMul(tf.transpose(hs2), dq2);
    return [dhs, dQuery, tf.zerosLike(memT), tf.zerosLike(validT)];
  });
}
