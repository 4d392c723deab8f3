import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@rnn-nade/core';
import type { AisSettings } from './rbm-config';
import { bernoulliFromLogits, hiddenPreActivation, visiblePreActivation } from './rbm-ops';

/** Largest number of elements of one intermediate tensor (bounds memory; results do not depend on it). */
const CHUNK_ELEMENTS = 1 << 22;

/** All 2^n binary vectors as a `[2^n, n]` float tensor (row s has bit i of s in column i). */
export function allBinaryStates(n: number): tf.Tensor2D {
  const S = 2 ** n;
  const data = new Float32Array(S * n);
  for (let s = 0; s < S; s++) for (let i = 0; i < n; i++) data[s * n + i] = (s >>> i) & 1;
  return tf.tensor2d(data, [S, n]);
}

/**
 * Exact `log Z` per row `[N]` by enumerating the smaller layer and summing the other out
 * analytically: with the hidden layer enumerated,
 * `Z = Σ_h exp(c·h) Π_d (1 + exp(b_d + (h W)_d))`, and symmetrically for the visible layer.
 * Costs `O(N · 2^min(D,H) · max(D,H))`; meant for min(D, H) ≲ 20.
 */
export function exactLogPartition(b: tf.Tensor2D, c: tf.Tensor2D, W: tf.Tensor2D): tf.Tensor1D {
  const [N, D] = b.shape;
  const H = c.shape[1];
  const enumerateHidden = H <= D;
  const k = enumerateHidden ? H : D;
  const other = enumerateHidden ? D : H;
  const S = 2 ** k;
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_ELEMENTS / (S * other)));
  return tf.tidy(() => {
    const states = allBinaryStates(k); // [S, k]
    // Pre-activation of the summed-out layer for every enumerated state: [S, other].
    const mapped = enumerateHidden ? tf.matMul(states, W) : tf.matMul(states, tf.transpose(W));
    const ownBias = enumerateHidden ? c : b; // bias of the enumerated layer [N, k]
    const otherBias = enumerateHidden ? b : c; // bias of the summed-out layer [N, other]
    const parts: tf.Tensor1D[] = [];
    for (let r0 = 0; r0 < N; r0 += rowsPerChunk) {
      const r = Math.min(rowsPerChunk, N - r0);
      parts.push(
        tf.tidy(() => {
          const ob = tf.slice(otherBias, [r0, 0], [r, other]);
          const own = tf.slice(ownBias, [r0, 0], [r, k]);
          const pre = tf.add(tf.expandDims(mapped, 0), tf.expandDims(ob, 1)); // [r, S, other]
          const logTerms = tf.add(tf.sum(tf.softplus(pre), 2), tf.matMul(own, tf.transpose(states))); // [r, S]
          return tf.logSumExp(logTerms, 1) as tf.Tensor1D;
        }),
      );
    }
    return (parts.length === 1 ? parts[0]! : tf.concat(parts)) as tf.Tensor1D;
  });
}

/** Result of {@link aisLogPartition}. */
export interface AisEstimate {
  /** Estimated `log Z` per row, `[N]` (log of the mean importance weight: biased low by Jensen, consistent). */
  readonly logZ: tf.Tensor1D;
  /** Per-row standard deviation of the chains' log-weights `[N]`, a diagnostic of the estimate's quality. */
  readonly logWeightStd: tf.Tensor1D;
}

/**
 * Annealed importance sampling (Neal 2001; Salakhutdinov & Murray 2008) of `log Z` per row.
 * Path: `p_β(v) ∝ exp(b·v) Π_j (1 + exp(β (c_j + W_j·v)))`, β from 0 to 1 in `betas` equal
 * steps; at β = 0 it is the bias-only model with `log Z_0 = Σ_d softplus(b_d) + H ln 2`, sampled
 * exactly. Each transition is one block Gibbs step of the RBM with W and c scaled by β.
 * All rows and chains run together (chunked to bound memory).
 */
export function aisLogPartition(b: tf.Tensor2D, c: tf.Tensor2D, W: tf.Tensor2D, settings: AisSettings, rng: Rng): AisEstimate {
  const [N, D] = b.shape;
  const H = c.shape[1];
  const M = settings.chains;
  const K = settings.betas;
  if (N === 0) return { logZ: tf.zeros([0]), logWeightStd: tf.zeros([0]) };
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_ELEMENTS / (M * (D + H) * 2)));
  const logZs: tf.Tensor1D[] = [];
  const stds: tf.Tensor1D[] = [];
  for (let r0 = 0; r0 < N; r0 += rowsPerChunk) {
    const r = Math.min(rowsPerChunk, N - r0);
    const [bRep, cRep] = tf.tidy(() => {
      const rep = (t: tf.Tensor2D, width: number) =>
        tf.reshape(tf.tile(tf.expandDims(tf.slice(t, [r0, 0], [r, width]), 1), [1, M, 1]), [r * M, width]) as tf.Tensor2D;
      return [rep(b, D), rep(c, H)];
    });
    let v = bernoulliFromLogits(bRep, rng); // exact sample of p_0
    let a = hiddenPreActivation(cRep, W, v);
    let logW: tf.Tensor1D = tf.zeros([r * M]);
    for (let k = 1; k <= K; k++) {
      const beta = k / K;
      const prev = (k - 1) / K;
      const nextLogW = tf.tidy(() => tf.add(logW, tf.sum(tf.sub(tf.softplus(tf.mul(a, beta)), tf.softplus(tf.mul(a, prev))), 1)) as tf.Tensor1D);
      logW.dispose();
      logW = nextLogW;
      if (k === K) break;
      const [v2, a2] = tf.tidy(() => {
        const h = bernoulliFromLogits(tf.mul(a, beta), rng);
        const vNew = bernoulliFromLogits(visiblePreActivation(bRep, tf.mul(W, beta) as tf.Tensor2D, h), rng);
        return [vNew, hiddenPreActivation(cRep, W, vNew)];
      });
      v.dispose();
      a.dispose();
      v = v2;
      a = a2;
    }
    const [lz, sd] = tf.tidy(() => {
      const lw = tf.reshape(logW, [r, M]);
      const logZ0 = tf.add(tf.sum(tf.softplus(tf.slice(b, [r0, 0], [r, D])), 1), H * Math.LN2);
      const logMean = tf.sub(tf.logSumExp(lw, 1), Math.log(M));
      const { variance } = tf.moments(lw, 1);
      return [tf.add(logZ0, logMean) as tf.Tensor1D, tf.sqrt(variance) as tf.Tensor1D];
    });
    tf.dispose([bRep, cRep, v, a, logW]);
    logZs.push(lz);
    stds.push(sd);
  }
  const join = (ts: tf.Tensor1D[]) => {
    if (ts.length === 1) return ts[0]!;
    const out = tf.concat(ts) as tf.Tensor1D;
    tf.dispose(ts);
    return out;
  };
  return { logZ: join(logZs), logWeightStd: join(stds) };
}
