import * as tf from '@tensorflow/tfjs-core';
import { matMulFastGrad } from './mat-mul';
import { cpuWindowedAttention } from './attention-cpu';
import { useCpuImplementation } from './implementation';

/** Output of {@link windowedAttention}. */
export interface AttentionOutput {
  /** Context vectors, time-major `[L, B, H]` (differentiable). */
  readonly context: tf.Tensor3D;
  /** The W-1 most recent top-layer states `[W-1, B, H]` to carry to the next chunk (detached, kept); null when W = 1. */
  readonly memory: tf.Tensor3D | null;
  /** Validity of each carried state `[W-1, B]` (1 = a real state, 0 = before the sequence start), detached, kept; null when W = 1. */
  readonly memoryValid: tf.Tensor2D | null;
}

/**
 * Windowed causal dot-product attention. For step t with top-layer state h_t, the window is the
 * W most recent states m_1..m_W = h_{t-W+1}..h_t (h_t included; states from before the start
 * of the sequence are masked out), scores s_k = (h_t·Q)·m_k / sqrt(H), weights a = softmax(s),
 * context_t = Σ_k a_k m_k. Vectorised over all L steps of a chunk: the window is W shifted
 * slices of [carried memory; hs], so the cost is O(L·W·H) with no per-step op. On CPU-side
 * backends the plain-array implementation (`attention-cpu`) is used instead (see
 * {@link setEncoderImplementation}).
 *
 * @param hs top-layer states, time-major `[L, B, H]`
 * @param query the `[H, H]` query matrix Q
 * @param memory carried states `[W-1, B, H]` (null when W = 1)
 * @param memoryValid `[W-1, B]` (null when W = 1)
 */
export function windowedAttention(
  hs: tf.Tensor3D,
  query: tf.Tensor2D,
  window: number,
  memory: tf.Tensor3D | null,
  memoryValid: tf.Tensor2D | null,
): AttentionOutput {
  if (useCpuImplementation()) return cpuWindowedAttention(hs, query, window, memory, memoryValid);
  const [L, B, H] = hs.shape;
  const W = window;
  const all = memory ? tf.concat([memory, hs], 0) : hs; // [W-1+L, B, H]
  const allValid = memoryValid ? tf.concat([memoryValid, tf.ones([L, B])], 0) : tf.ones([L, B]);
  const keys: tf.Tensor3D[] = [];
  const valids: tf.Tensor2D[] = [];
  for (let k = 0; k < W; k++) {
    keys.push(tf.slice(all, [k, 0, 0], [L, B, H]) as tf.Tensor3D);
    valids.push(tf.slice(allValid, [k, 0], [L, B]) as tf.Tensor2D);
  }
  const K = tf.stack(keys, 2) as tf.Tensor4D; // [L, B, W, H]
  const valid = tf.stack(valids, 2); // [L, B, W]
  const q = tf.reshape(matMulFastGrad(tf.reshape(hs, [L * B, H]) as tf.Tensor2D, query), [L, B, 1, H]);
  const scores = tf.add(tf.mul(tf.sum(tf.mul(q, K), 3), 1 / Math.sqrt(H)), tf.mul(tf.sub(valid, 1), 1e9));
  const a = tf.softmax(scores, -1); // [L, B, W]
  const context = tf.sum(tf.mul(tf.expandDims(a, 3), K), 2) as tf.Tensor3D;
  if (W === 1) return { context, memory: null, memoryValid: null };
  const total = W - 1 + L;
  const newMemory = tf.keep(tf.slice(all, [total - (W - 1), 0, 0], [W - 1, B, H]) as tf.Tensor3D);
  const newValid = tf.keep(tf.slice(allValid, [total - (W - 1), 0], [W - 1, B]) as tf.Tensor2D);
  return { context, memory: newMemory, memoryValid: newValid };
}
