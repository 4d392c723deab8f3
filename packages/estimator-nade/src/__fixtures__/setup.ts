import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@rnn-nade/core';
import { nade, type NadeEstimator, type NadeKernel } from '../index';
import { nested, type BruteNade } from './brute-force-nade';

/** A NADE with W, V ~ N(0, scale²) (larger than the default init, so every term matters). */
export function randomNade(opts: { dim: number; hidden: number; seed: number; kernel?: NadeKernel; scale?: number }): {
  est: NadeEstimator;
  brute: BruteNade;
} {
  const est = nade({ dim: opts.dim, hidden: opts.hidden, seed: opts.seed }, { kernel: opts.kernel ?? 'auto' });
  const rng = new Rng(opts.seed + 1000);
  const scale = opts.scale ?? 0.7;
  const w = rng.normals(opts.hidden * opts.dim).map((v) => v * scale);
  const v = rng.normals(opts.hidden * opts.dim).map((v) => v * scale);
  tf.tidy(() => {
    est.weights.W.assign(tf.tensor2d(w, [opts.hidden, opts.dim]));
    est.weights.V.assign(tf.tensor2d(v, [opts.hidden, opts.dim]));
  });
  return { est, brute: { D: opts.dim, H: opts.hidden, W: nested(w, opts.hidden, opts.dim), V: nested(v, opts.hidden, opts.dim) } };
}

/** Random params `[n, D+H]` ~ N(0, scale²) as data. */
export function randomParams(n: number, p: number, seed: number, scale = 1): Float32Array {
  return new Rng(seed).normals(n * p).map((v) => v * scale);
}

/** Random binary frames `[n, D]` with density `density`. */
export function randomFrames(n: number, d: number, seed: number, density = 0.3): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * d }, () => (rng.next() < density ? 1 : 0));
}

/** The row `r` of a row-major `[n, cols]` array as numbers. */
export function row(data: Float32Array, r: number, cols: number): number[] {
  return Array.from(data.subarray(r * cols, (r + 1) * cols));
}
