import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@rnn-nade/core';
import type { RnadeEstimator } from '@rnn-nade/estimator-rnade';

/**
 * An independent float64 RNADE written from the paper's equations with plain loops (the hidden
 * pre-activation recomputed from scratch for every dimension), used as the reference.
 */
export interface BruteRnade {
  D: number;
  H: number;
  K: number;
  cm: boolean;
  minSigma: number;
  /** Flat copies of the estimator's weights (same shapes and row-major layout). */
  w: Record<'W' | 'rho' | 'Valpha' | 'Vmu' | 'Vsigma' | 'balpha' | 'bmu' | 'bsigma', Float64Array>;
}

/** Snapshot of an estimator's weights as a brute-force model. */
export function bruteFrom(est: RnadeEstimator): BruteRnade {
  const cfg = est.getConfig();
  const w = Object.fromEntries(Object.entries(est.weights).map(([k, v]) => [k, Float64Array.from(v.dataSync() as Float32Array)])) as BruteRnade['w'];
  return { D: cfg.dim, H: cfg.hidden, K: cfg.components, cm: cfg.conditionMixture ?? false, minSigma: cfg.minSigma ?? 1e-3, w };
}

/** Mixture (weights π, means μ, scales σ) of dimension d given x_<d. */
export function bruteMixture(b: BruteRnade, params: ArrayLike<number>, x: ArrayLike<number>, d: number) {
  const { D, H, K, w } = b;
  const h: number[] = [];
  for (let j = 0; j < H; j++) {
    let a = params[j]!;
    for (let i = 0; i < d; i++) a += w.W[j * D + i]! * x[i]!;
    h.push(Math.max(0, w.rho[d]! * a));
  }
  const out = (V: Float64Array, bias: Float64Array, slice: number) =>
    Array.from({ length: K }, (_, k) => {
      let s = bias[d * K + k]! + (b.cm ? params[H + slice * D * K + d * K + k]! : 0);
      for (let j = 0; j < H; j++) s += h[j]! * V[(d * H + j) * K + k]!;
      return s;
    });
  const logits = out(w.Valpha, w.balpha, 0);
  const mu = out(w.Vmu, w.bmu, 1);
  const sigma = out(w.Vsigma, w.bsigma, 2).map((s) => b.minSigma + Math.exp(Math.min(s, 15)));
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const z = e.reduce((s, v) => s + v, 0);
  return { pi: e.map((v) => v / z), mu, sigma };
}

/** log p(x) in float64. */
export function bruteLogProb(b: BruteRnade, params: ArrayLike<number>, x: ArrayLike<number>): number {
  let total = 0;
  for (let d = 0; d < b.D; d++) {
    const { pi, mu, sigma } = bruteMixture(b, params, x, d);
    let p = 0;
    for (let k = 0; k < b.K; k++) {
      const zz = (x[d]! - mu[k]!) / sigma[k]!;
      p += (pi[k]! * Math.exp(-0.5 * zz * zz)) / (sigma[k]! * Math.sqrt(2 * Math.PI));
    }
    total += Math.log(p);
  }
  return total;
}

/**
 * Overwrites every weight with seeded random values of a useful size (the default init keeps V
 * tiny), so that tests exercise every path: W, V ~ N(0, scale²), biases ~ N(0, 0.5²), ρ ~ 1 ± 0.5
 * (some negative entries are fine), log-scale weights smaller so σ stays in a sane range.
 */
export function randomizeWeights(est: RnadeEstimator, seed: number, scale = 0.7): void {
  const rng = new Rng(seed);
  const w = est.weights;
  const set = (v: tf.Variable, f: (i: number) => number) => {
    const vals = Float32Array.from({ length: v.size }, (_, i) => f(i));
    tf.tidy(() => v.assign(tf.tensor(vals, v.shape)));
  };
  set(w.W, () => scale * rng.normal());
  set(w.rho, () => 1 + 0.5 * rng.normal());
  set(w.Valpha, () => scale * rng.normal());
  set(w.Vmu, () => scale * rng.normal());
  set(w.Vsigma, () => 0.3 * scale * rng.normal());
  set(w.balpha, () => 0.5 * rng.normal());
  set(w.bmu, () => rng.normal());
  set(w.bsigma, () => 0.3 * rng.normal());
}

/** Seeded normal params rows, `n × p`, row-major. */
export function randomParams(n: number, p: number, seed: number, scale = 1): Float32Array {
  return new Rng(seed).normals(n * p).map((v) => v * scale);
}

/** Row r of a row-major matrix with `cols` columns. */
export function row(a: Float32Array, r: number, cols: number): Float32Array {
  return a.subarray(r * cols, (r + 1) * cols);
}
